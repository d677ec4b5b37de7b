"""Roles × endpoints: the API calls the same access rules as the pages, and they agree.

Another cohort's objects are 404 (ids don't leak); a member without the role is 403; signed out is 401.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses import services
from forums import services as forum_services
from tests.api.conftest import API, client_for, lesson_prompt_id
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db

# Roles × endpoints for every API address (reads, and writes with and without a valid body) is the
# generated matrix in tests/security/test_url_matrix.py; this module keeps the API's own rules.


@pytest.fixture
def ids(world):
    lesson = world.tree.lessons[0][0]
    reflection = services.reflection_submit(
        user=world.participant, lesson=lesson, prompt_id=lesson_prompt_id(lesson), body="texto"
    )
    space = forum_services.space_ensure_for_cohort(cohort=world.cohort)
    thread = forum_services.thread_create(
        user=world.participant, space=space, title="Conversación", body="Hola.", enforce_rate_limit=False
    )
    return {
        "space": space.pk,
        "thread": thread.pk,
        "post": thread.posts.get().pk,
        "cohort": world.cohort.pk,
        "lesson": lesson.pk,
        "reflection": reflection.pk,
        "gathering": make_gathering(world.cohort).pk,
        "course": world.tree.course.pk,
    }


@pytest.mark.parametrize(
    ("method", "endpoint", "body"),
    [
        ("put", "lessons/{lesson}/completion/", None),
        ("delete", "lessons/{lesson}/completion/", None),
        ("post", "lessons/{lesson}/reflections/", {"prompt_id": "p", "body": "x"}),
        ("post", "reflections/{reflection}/feedback/", {"body": "x"}),
        ("post", "gatherings/{gathering}/messages/", {"text": "x"}),
        ("post", "threads/", {"space": "{space}", "title": "x", "body": "y"}),
        ("post", "threads/{thread}/posts/", {"body": "x"}),
        ("patch", "posts/{post}/", {"body": "x"}),
        ("delete", "posts/{post}/", None),
        ("post", "posts/{post}/reactions/", {"kind": "thanks"}),
    ],
)
def test_writes_on_another_cohorts_objects_are_404(world, ids, method, endpoint, body):
    client = client_for(world.outsider)
    if body and body.get("space") == "{space}":
        body = {**body, "space": ids["space"]}
    response = getattr(client, method)(API + endpoint.format(**ids), body)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# API and page: (page url name, API endpoint) — both allow, or both refuse.
PAIRS = [
    ("workspace:cohort", "cohorts/{cohort}/", "cohort"),
    ("courses:reflection", "reflections/{reflection}/", "reflection"),
    ("live:room", "gatherings/{gathering}/", "gathering"),
    ("live:cohort_attendance", "cohorts/{cohort}/participation/", "cohort"),
    ("forums:voices", "cohorts/{cohort}/participation/", "cohort"),
    ("forums:cohort_spaces", "spaces/?cohort={cohort}", "cohort"),
    ("forums:space", "threads/?space={space}", "space"),
    ("forums:thread", "threads/{thread}/", "thread"),
    ("forums:post", "posts/{post}/", "post"),
]


@pytest.mark.parametrize(("page", "endpoint", "key"), PAIRS)
@pytest.mark.parametrize("role", ["participant", "facilitator", "observer", "outsider", "staff"])
def test_api_and_pages_agree(client, world, ids, page, endpoint, key, role):
    user = getattr(world, role)
    client.force_login(user)
    page_status = client.get(reverse(page, args=[ids[key]]), follow=True).status_code
    api_status = client_for(user).get(API + endpoint.format(**ids)).status_code
    assert (page_status == 200) == (api_status == 200), (page_status, api_status)
    if role == "outsider":  # another cohort's object: not found on both, never "forbidden"
        assert page_status == api_status == 404
