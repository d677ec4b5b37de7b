"""Conventions every endpoint follows: errors, language, idempotency, throttling, bounded queries, schema."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from courses import services
from courses.models import Enrollment, Reflection
from live.models import Gathering
from lms.models import IdempotencyKey
from tests.api.conftest import API, client_for, lesson_prompt_id
from tests.factories import enrol, make_user
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db


# --- errors and language ------------------------------------------------------------------------------


def test_field_errors_follow_accept_language(world):
    lesson = world.tree.lessons[0][0]
    client = client_for(world.participant)
    url = f"{API}lessons/{lesson.pk}/reflections/"
    spanish = client.post(url, {"body": "x"}).json()  # Spanish first by default
    assert "campo" in spanish["fields"]["prompt_id"][0]  # "Este campo es necesario."
    english = client.post(url, {"body": "x"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["fields"]["prompt_id"] == ["This field is required."]
    # Service messages are translated too (the project's catalogue).
    locked = client.put(f"{API}lessons/{world.tree.lessons[2][0].pk}/completion/", HTTP_ACCEPT_LANGUAGE="en")
    assert locked.json()["detail"] == "This lesson is not open yet for your cohort."


def test_pages_still_ignore_accept_language(client, world):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "es"


def test_unknown_api_address_is_json_404(world):
    response = client_for(world.participant).get(f"{API}nothing/here/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- idempotency ------------------------------------------------------------------------------------


def test_idempotency_key_replays_the_first_response(world):
    lesson = world.tree.lessons[0][0]
    client = client_for(world.participant)
    url = f"{API}lessons/{lesson.pk}/reflections/"
    body = {"prompt_id": lesson_prompt_id(lesson), "body": "Desde la sierra"}
    first = client.post(url, body, HTTP_IDEMPOTENCY_KEY="k-1")
    second = client.post(url, body, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert Reflection.objects.get().messages.count() == 1
    # Another key is another request (here: adds to the same reflection).
    assert client.post(url, body, HTTP_IDEMPOTENCY_KEY="k-2").status_code == 201
    assert Reflection.objects.get().messages.count() == 2
    reused = client.post(url, {**body, "body": "otro"}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert reused.status_code == 422 and reused.json()["code"] == "idempotency_key_reused"


def test_idempotency_key_is_per_user_and_failures_are_not_stored(world):
    newcomer = make_user("repetida")
    url = f"{API}cohorts/{world.cohort.pk}/enrol/"
    first = client_for(newcomer).post(url, {}, HTTP_IDEMPOTENCY_KEY="same")
    retry = client_for(newcomer).post(url, {}, HTTP_IDEMPOTENCY_KEY="same")
    assert first.status_code == retry.status_code == 201
    assert Enrollment.objects.filter(user=newcomer).count() == 1
    # The same key from someone else is their own request: refused on its merits, and not stored.
    refused = client_for(world.participant).post(url, {}, HTTP_IDEMPOTENCY_KEY="same")
    assert refused.status_code == 400 and refused.json()["code"] == "already_enrolled"
    assert IdempotencyKey.objects.count() == 1
    too_long = client_for(newcomer).post(url, {}, HTTP_IDEMPOTENCY_KEY="x" * 256)
    assert too_long.status_code == 400 and "Idempotency-Key" in too_long.json()["fields"]


def test_idempotency_key_on_gatherings(world):
    start = timezone.now() + dt.timedelta(days=1)
    body = {
        "cohort": world.cohort.pk,
        "title": "Una",
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
    }
    client = client_for(world.facilitator)
    ids = {client.post(f"{API}gatherings/", body, HTTP_IDEMPOTENCY_KEY="g").json()["id"] for _ in range(3)}
    assert len(ids) == 1 and Gathering.objects.count() == 1


# --- throttling ---------------------------------------------------------------------------------------


def _rates(**rates):
    from django.conf import settings

    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
        }
    )


def test_reads_are_throttled_per_user_with_retry_after(world):
    with _rates(user="3/min"):
        client = client_for(world.participant)
        assert [client.get(f"{API}cohorts/").status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get(f"{API}cohorts/")
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0
        assert refused.json()["code"] == "throttled"
        # Another user has their own budget.
        assert client_for(world.facilitator).get(f"{API}cohorts/").status_code == 200


def test_writes_have_their_own_tighter_budget(world):
    lesson = world.tree.lessons[0][0]
    with _rates(write="2/min"):
        client = client_for(world.participant)
        url = f"{API}lessons/{lesson.pk}/completion/"
        assert [client.put(url).status_code for _ in range(3)] == [200, 200, 429]
        assert client.get(f"{API}cohorts/").status_code == 200  # reads go on


def test_password_guessing_is_throttled(world):
    with _rates(auth="2/min"):
        client = client_for()
        codes = [
            client.post(f"{API}auth/token/", {"username": "participante", "password": "x"}).status_code
            for _ in range(3)
        ]
        assert codes == [400, 400, 429]


# --- bounded queries ---------------------------------------------------------------------------------


def _grow(world, n: int) -> None:
    """n more participants with completions, reflections and attendance in the world's cohort."""
    lesson = world.tree.lessons[0][0]
    prompt = lesson_prompt_id(lesson)
    make_gathering(world.cohort, starts_at=timezone.now() - dt.timedelta(minutes=5))
    for i in range(n):
        user = make_user(f"extra{i}-{Enrollment.objects.count()}")
        enrol(user, world.cohort)
        services.lesson_complete(user=user, lesson=lesson)
        services.reflection_submit(user=user, lesson=lesson, prompt_id=prompt, body=f"texto {i}")
        enrol(user, world.other_cohort)
    for i in range(n):
        make_gathering(world.cohort, title=f"Extra {i}", lesson=lesson)


LIST_ENDPOINTS = [
    ("staff", "courses/"),
    ("facilitator", "courses/{course}/"),
    ("staff", "cohorts/"),
    ("facilitator", "cohorts/{cohort}/members/"),
    ("facilitator", "cohorts/{cohort}/progress/"),
    ("facilitator", "cohorts/{cohort}/participation/"),
    ("facilitator", "lessons/{lesson}/reflections/"),
    ("facilitator", "gatherings/"),
    ("staff", "gatherings/"),
    ("facilitator", "gatherings/{gathering}/attendance/"),
    ("facilitator", "gatherings/{gathering}/events/"),
]


def _count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    return len(ctx.captured_queries)


def test_list_query_counts_do_not_grow_with_data_or_page_size(world, django_assert_max_num_queries):
    gathering = make_gathering(world.cohort)

    def urls():
        values = {
            "course": world.tree.course.pk,
            "cohort": world.cohort.pk,
            "lesson": world.tree.lessons[0][0].pk,
            "gathering": gathering.pk,
        }
        return [(who, path.format(**values)) for who, path in LIST_ENDPOINTS]

    _grow(world, 2)
    small = {}
    for who, path in urls():
        client = client_for(getattr(world, who))
        small[path] = _count_queries(client, f"{API}{path}")
    _grow(world, 12)
    for who, path in urls():
        client = client_for(getattr(world, who))
        separator = "&" if "?" in path else "?"
        with django_assert_max_num_queries(small[path]):
            assert client.get(f"{API}{path}").status_code == 200
        with django_assert_max_num_queries(small[path]):
            assert client.get(f"{API}{path}{separator}page_size=200").status_code == 200
        assert small[path] <= 16, (path, small[path])


# --- schema and docs ---------------------------------------------------------------------------------


def test_schema_validates_and_fails_on_no_warning(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for expected in [
        "/api/v1/auth/token/",
        "/api/v1/courses/{id}/",
        "/api/v1/cohorts/{id}/enrol/",
        "/api/v1/cohorts/{id}/progress/",
        "/api/v1/cohorts/{id}/participation/",
        "/api/v1/lessons/{id}/completion/",
        "/api/v1/reflections/{id}/feedback/",
        "/api/v1/gatherings/",
        "/api/v1/gatherings/{id}/events/",
        "/api/v1/gatherings/{id}/messages/",
    ]:
        assert expected in paths
    assert not [p for p in paths if not p.startswith("/api/v1/")]


def _generic_objects(node, where="#"):
    """Schemas that say only "an object" (no properties, no described additionalProperties)."""
    found = []
    if isinstance(node, dict):
        if (
            node.get("type") == "object"
            and not node.get("properties")
            and node.get("additionalProperties")
            in (
                None,
                {},
                True,
            )
        ):
            found.append(where)
        for key, value in node.items():
            found += _generic_objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _generic_objects(value, f"{where}/{i}")
    return found


def test_schema_has_no_generic_objects_and_every_operation_describes_errors(client):
    schema = client.get(f"{API}schema/?format=json").json()
    assert _generic_objects(schema) == []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "429" in codes, (path, method)
            assert any(code.startswith("2") for code in codes), (path, method)
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/Error"), (path, method, code)
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "detail", "fields"}


def test_schema_is_yaml_by_default_and_json_on_request(client):
    as_yaml = client.get(f"{API}schema/")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content)["info"]["title"] == "Tertulia API"
    assert client.get(f"{API}schema/?format=json").json()["info"]["title"] == "Tertulia API"


def test_docs_page_is_served_from_our_static_files(client):
    response = client.get(f"{API}docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    # The start-up script is a file of its own (no inline script under the Content-Security-Policy).
    assert f"{API}schema/" in client.get(f"{API}docs/?script=").content.decode()
