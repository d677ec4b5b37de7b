"""Courses: the catalogue and each course's outline, with release dates and completion for members."""

from __future__ import annotations

import pytest

from courses import services
from tests.api.conftest import API, client_for

pytestmark = pytest.mark.django_db


def test_course_list_is_public_and_paginated(world):
    response = client_for().get(f"{API}courses/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert [c["title"] for c in data["results"]] == ["Innovación", "Otro curso"]
    assert data["results"][0]["url"].startswith("http")
    assert client_for().get(f"{API}courses/?page_size=1").json()["next"] is not None


def test_course_outline_for_anonymous_has_no_progress(world):
    data = client_for().get(f"{API}courses/{world.tree.course.pk}/").json()
    assert data["enrollment"] is None and data["progress"] is None
    assert [m["title"] for m in data["modules"]] == ["Módulo 1", "Módulo 2", "Módulo 3"]
    lesson = data["modules"][0]["lessons"][0]
    assert lesson["id"] == world.tree.lessons[0][0].pk
    assert lesson["completed"] is None
    assert lesson["url"].endswith("/")


def test_course_outline_for_a_member_has_release_dates_and_completion(world):
    first = world.tree.lessons[0][0]
    services.lesson_complete(user=world.participant, lesson=first)
    data = client_for(world.participant).get(f"{API}courses/{world.tree.course.pk}/").json()
    assert data["enrollment"]["cohort"]["id"] == world.cohort.pk
    assert data["enrollment"]["role"] == "participant"
    modules = data["modules"]
    assert [m["released"] for m in modules] == [True, True, False]
    expected = world.cohort.release_at(400)
    assert modules[2]["opens_at"].startswith(expected.date().isoformat())
    assert modules[0]["lessons"][0]["completed"] is True
    assert modules[0]["lessons"][1]["completed"] is False
    assert data["progress"] == {
        "completed": 1,
        "total": 6,
        "percent": 17,
        "next_lesson": world.tree.lessons[0][1].pk,
    }


def test_unknown_or_unpublished_course_is_404(world):
    world.other_tree.course.unpublish()
    assert client_for().get(f"{API}courses/{world.other_tree.course.pk}/").status_code == 404
    assert client_for().get(f"{API}courses/999999/").json()["code"] == "not_found"
