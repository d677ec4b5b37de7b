"""Lesson completion, reflections and the feedback dialogue through the API."""

from __future__ import annotations

import uuid

import pytest

from courses.models import LessonCompletion, Reflection, ReflectionMessage
from tests.api.conftest import API, client_for, lesson_prompt_id

pytestmark = pytest.mark.django_db


def test_completion_put_and_delete(world):
    lesson = world.tree.lessons[0][0]
    client = client_for(world.participant)
    first = client.put(f"{API}lessons/{lesson.pk}/completion/")
    assert first.status_code == 200 and first.json()["completed"] is True
    again = client.put(f"{API}lessons/{lesson.pk}/completion/")
    assert again.json()["completed_at"] == first.json()["completed_at"]
    assert LessonCompletion.objects.count() == 1
    assert client.delete(f"{API}lessons/{lesson.pk}/completion/").status_code == 204
    assert not LessonCompletion.objects.exists()


@pytest.mark.parametrize(
    ("who", "lesson_index", "status", "code"),
    [
        ("participant", (2, 0), 403, "locked"),  # module 3 opens in 400 days
        ("observer", (0, 0), 403, "observer"),
        ("outsider", (0, 0), 404, "not_found"),
        ("staff", (0, 0), 403, "not_enrolled"),
    ],
)
def test_completion_refusals(world, who, lesson_index, status, code):
    lesson = world.tree.lessons[lesson_index[0]][lesson_index[1]]
    response = client_for(getattr(world, who)).put(f"{API}lessons/{lesson.pk}/completion/")
    assert response.status_code == status
    assert response.json()["code"] == code
    assert not LessonCompletion.objects.exists()


def test_reflection_submit_list_feedback_and_reply(world):
    lesson = world.tree.lessons[0][0]
    prompt = lesson_prompt_id(lesson)
    participant = client_for(world.participant)
    created = participant.post(
        f"{API}lessons/{lesson.pk}/reflections/", {"prompt_id": prompt, "body": "Aprendí"}
    )
    assert created.status_code == 201, created.content
    reflection = created.json()
    assert reflection["status"] == "pending" and reflection["messages"][0]["kind"] == "reflection"

    facilitator = client_for(world.facilitator)
    listed = facilitator.get(f"{API}lessons/{lesson.pk}/reflections/?status=pending").json()
    assert [r["id"] for r in listed["results"]] == [reflection["id"]]
    feedback = facilitator.post(f"{API}reflections/{reflection['id']}/feedback/", {"body": "¿Por qué?"})
    assert feedback.status_code == 201 and feedback.json()["kind"] == "feedback"
    assert Reflection.objects.get().status == "answered"

    reply = participant.post(f"{API}reflections/{reflection['id']}/feedback/", {"body": "Porque sí"})
    assert reply.status_code == 201 and reply.json()["kind"] == "reply"
    detail = participant.get(f"{API}reflections/{reflection['id']}/").json()
    assert [m["kind"] for m in detail["messages"]] == ["reflection", "feedback", "reply"]
    assert detail["status"] == "pending"


def test_reflections_are_private(world):
    lesson = world.tree.lessons[0][0]
    client_for(world.participant).post(
        f"{API}lessons/{lesson.pk}/reflections/", {"prompt_id": lesson_prompt_id(lesson), "body": "Mía"}
    )
    reflection = Reflection.objects.get()
    assert client_for(world.observer).get(f"{API}lessons/{lesson.pk}/reflections/").json()["count"] == 0
    assert client_for(world.observer).get(f"{API}reflections/{reflection.pk}/").status_code == 404
    assert client_for(world.outsider).get(f"{API}reflections/{reflection.pk}/").status_code == 404
    assert client_for(world.outsider).get(f"{API}lessons/{lesson.pk}/reflections/").status_code == 404
    refused = client_for(world.observer).post(f"{API}reflections/{reflection.pk}/feedback/", {"body": "hola"})
    assert refused.status_code == 404
    assert client_for(world.staff).get(f"{API}reflections/{reflection.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"prompt_id": "nope", "body": "x"}, "prompt_id"),
        ({"body": "x"}, "prompt_id"),
        ({"prompt_id": "PROMPT", "body": "   "}, "body"),
        ({"prompt_id": "PROMPT", "body": "x" * 10_001}, "body"),
        ({"prompt_id": "PROMPT", "body": "x", "client_token": "not-a-uuid"}, "client_token"),
        ({"prompt_id": "PROMPT", "body": "x", "grade": 20}, "grade"),
    ],
)
def test_reflection_bad_input(world, body, field):
    lesson = world.tree.lessons[0][0]
    body = {k: (lesson_prompt_id(lesson) if v == "PROMPT" else v) for k, v in body.items()}
    response = client_for(world.participant).post(f"{API}lessons/{lesson.pk}/reflections/", body)
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert not Reflection.objects.exists()


def test_reflection_client_token_is_not_duplicated(world):
    lesson = world.tree.lessons[0][0]
    body = {"prompt_id": lesson_prompt_id(lesson), "body": "Una vez", "client_token": str(uuid.uuid4())}
    client = client_for(world.participant)
    first = client.post(f"{API}lessons/{lesson.pk}/reflections/", body)
    second = client.post(f"{API}lessons/{lesson.pk}/reflections/", body)
    assert first.json()["id"] == second.json()["id"]
    assert ReflectionMessage.objects.count() == 1


def test_facilitator_cannot_write_reflections(world):
    lesson = world.tree.lessons[0][0]
    response = client_for(world.facilitator).post(
        f"{API}lessons/{lesson.pk}/reflections/", {"prompt_id": lesson_prompt_id(lesson), "body": "x"}
    )
    assert response.status_code == 403 and response.json()["code"] == "not_participant"
