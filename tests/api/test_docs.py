"""docs/api.md's curl example, replayed against the app with the test client: the doc stays true."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from courses.models import Cohort, Enrollment
from tests.factories import enrol, make_cohort, make_user

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def example_commands() -> list[str]:
    """The shell lines of the example's ```bash block, continuation lines joined, comments dropped."""
    text = DOC.read_text()
    block = re.search(r"## Example.*?```bash\n(.*?)```", text, re.S).group(1)
    block = block.replace("\\\n", " ")
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def run_curl(words: list[str], env: dict[str, str]):
    method, headers, data, url = "GET", {}, None, None
    words = iter(words[1:])
    for word in words:
        if word == "-X":
            method = next(words)
        elif word == "-H":
            name, value = next(words).split(":", 1)
            headers[name.strip()] = value.strip()
        elif word == "-d":
            data = next(words)
        elif word == "-s":
            continue
        else:
            url = word
    path = url.replace("https://tertulia.example.org", "")
    client = APIClient()
    extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
    return client.generic(method, path, data or "", content_type="application/json", **extra)


def expand(text: str, env: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)", lambda m: env[m.group(1)], text)


def test_the_curl_example_runs(world):
    cohort = make_cohort(
        world.tree.course, enrolment_mode=Cohort.EnrolmentMode.INVITE, invitation_code="ANDES7"
    )
    ana, rosa = make_user("ana"), make_user("rosa")
    for user in (ana, rosa):
        user.set_password(f"clave-de-{user.username}")
        user.save()
    enrol(rosa, cohort, Enrollment.Role.FACILITATOR)
    env: dict[str, str] = {}
    responses = []
    for line in example_commands():
        assignment = re.match(r"^(\w+)=(.*)$", line)
        if assignment and not assignment.group(2).startswith("$("):
            name, value = assignment.groups()
            env[name] = value
            if name == "COHORT":
                env[name] = str(cohort.pk)  # the example's id stands for this cohort
            continue
        target = None
        if assignment:
            target, line = assignment.group(1), assignment.group(2)[2:-1]
        command, _pipe, extract = line.partition("|")
        words = [expand(word, env) for word in shlex.split(command)]
        assert words[0] == "curl"
        response = run_curl(words, env)
        assert response.status_code in (200, 201), (line, response.content)
        responses.append(response)
        if target:
            assert extract.strip() == "jq -r .token"
            env[target] = response.json()["token"]
    assert len(responses) == 4
    enrolment, progress = responses[1].json(), responses[3].json()
    assert enrolment["role"] == "participant" and enrolment["cohort"]["id"] == cohort.pk
    assert [row["user"]["username"] for row in progress["results"]] == ["ana"]
    assert set(progress) == {"count", "next", "previous", "lessons", "results"}
    assert json.loads(json.dumps(progress["results"][0]))["total"] == len(world.tree.all_lessons)
