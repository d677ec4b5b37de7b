"""Every GET of the courses and forums API writes nothing (no INSERT, UPDATE or DELETE)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services as course_services
from courses.models import Reflection
from forums.models import Post, Space
from tests.api.conftest import API, client_for, lesson_prompt_id
from tests.forums.conftest import post, writes

pytestmark = pytest.mark.django_db


def test_api_reads_write_nothing(forum):
    w = forum.world
    lesson = w.tree.lessons[0][0]
    course_services.lesson_complete(user=w.participant, lesson=lesson)
    course_services.reflection_submit(
        user=w.participant, lesson=lesson, prompt_id=lesson_prompt_id(lesson), body="Aprendí a escuchar."
    )
    reflection = Reflection.objects.get(enrollment__user=w.participant)
    reply = post(w.facilitator, forum.thread, "Hola @participante")
    paths = [
        "courses/",
        f"courses/{w.tree.course.pk}/",
        "cohorts/",
        f"cohorts/{w.cohort.pk}/",
        f"cohorts/{w.cohort.pk}/members/",
        f"lessons/{lesson.pk}/reflections/",
        f"reflections/{reflection.pk}/",
        f"spaces/?cohort={w.cohort.pk}",
        f"threads/?space={forum.cohort_space.pk}",
        f"threads/{forum.thread.pk}/",
        f"threads/{forum.thread.pk}/posts/",
        f"posts/{reply.pk}/",
        "notifications/",
        "auth/me/",
    ]
    facilitator_paths = [f"cohorts/{w.cohort.pk}/progress/", f"cohorts/{w.cohort.pk}/participation/"]
    clients = {user: client_for(user) for user in (w.participant, w.facilitator, w.staff)}
    for user, client in clients.items():
        for path in paths + (facilitator_paths if user != w.participant else []):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(f"{API}{path}")
            assert response.status_code == 200, (user, path, response.content)
            assert writes(ctx) == [], (user, path)


def test_spaces_of_a_cohort_without_spaces_are_not_opened_by_listing_them(world):
    Space.objects.filter(cohort=world.cohort).delete()
    client = client_for(world.participant)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{API}spaces/?cohort={world.cohort.pk}")
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert writes(ctx) == []
    assert not Space.objects.filter(cohort=world.cohort).exists()
    assert not Post.objects.exists()
