"""The XSS corpus through every field a participant writes, checked in the HTML the server renders.

The same pages are opened in Chromium by test_xss_browser.py. Here the check is structural: parsed as
a browser would, no page may hold a script, an event handler, a ``javascript:`` (or HTML ``data:``) URL,
an ``<object>``/``<embed>``/``<base>``/``<iframe srcdoc>`` or a meta refresh that was not ours; every
title must still be shown (as text), so the payloads were really rendered and not lost on the way.
"""

from __future__ import annotations

import html
import json

import pytest
from django.test import Client

from lms.text import normalise_text
from tests.conftest import build_world
from tests.security.conftest import module_rows
from tests.security.html_checks import csp_violations
from tests.security.xss_payloads import PAYLOADS, short
from tests.security.xss_world import PAGE_LABELS, XssWorld, populate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def x(django_db_setup, django_db_blocker) -> XssWorld:
    with module_rows(django_db_blocker, lambda: populate(build_world())) as data:
        yield data


def fetch(x: XssWorld, role: str, url: str):
    client = Client()
    user = x.user(role)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, f"{url} as {role}: {response.status_code}"
    return response


def test_every_page_is_listed(x):
    assert [label for label, _role, _url in x.pages()] == PAGE_LABELS


@pytest.mark.parametrize("label", PAGE_LABELS)
def test_page_runs_nothing_participants_wrote(x, label):
    _label, role, url = next(p for p in x.pages() if p[0] == label)
    text = fetch(x, role, url).content.decode()
    assert csp_violations(text) == [], f"{label} ({url})"


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_each_thread_shows_its_title_as_text(x, n):
    thread = x.writer_threads[n]
    text = fetch(x, "participant", thread.get_absolute_url()).content.decode()
    assert csp_violations(text) == []
    title = normalise_text(short(PAYLOADS[n], 200), single_line=True)  # a title is one line
    assert html.escape(title, quote=False) in text.replace("&#x27;", "'").replace("&quot;", '"'), (
        "the title is shown, escaped"
    )


def test_names_are_escaped_wherever_they_appear(x):
    """The header shows the signed-in person's own name; the room and voices everyone's."""
    for n, writer in enumerate(x.writers[:8]):
        client = Client()
        client.force_login(writer)
        text = client.get("/learning/").content.decode()
        assert csp_violations(text) == [], PAYLOADS[n]


def test_room_state_stays_json(x):
    """The room's initial state (names, passages, poll options) goes to the page as json_script: inert
    data that the page's script reads and writes back with textContent."""
    text = fetch(x, "participant", f"/gatherings/{x.gathering.pk}/room/").content.decode()
    start = text.index('<script id="room-state" type="application/json">') + len(
        '<script id="room-state" type="application/json">'
    )
    state = json.loads(text[start : text.index("</script>", start)])
    names = {p["name"] for p in state["queue"]["waiting"]}
    assert any("<script>" in name for name in names)
    assert "</script>" not in text[start : text.index("</script>", start)]


def test_members_autocomplete_is_json_not_html(x):
    response = fetch(x, "participant", f"/cohorts/{x.world.cohort.pk}/members.json?q=escritora")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert any("<script>" in m.get("name", "") for m in response.json()["members"])


def test_template_syntax_is_not_evaluated(x):
    n = next(i for i, p in enumerate(PAYLOADS) if p.startswith("{{7*7}}"))
    text = fetch(x, "participant", x.writer_threads[n].get_absolute_url()).content.decode()
    assert "{{7*7}}" in text and "{% debug %}" in text.replace("&#x27;", "'")
