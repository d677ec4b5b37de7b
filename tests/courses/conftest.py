"""Fixtures shared by the course tests, on top of the `world` of tests/conftest.py."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.html import escape

from courses import services
from courses.models import LessonPage, Reflection
from tests.factories import enrol, make_user

ROLES = ["anonymous", "outsider", "participant", "observer", "facilitator", "staff"]


def prompt_id(lesson: LessonPage) -> str:
    """The id of the first reflection prompt of a lesson."""
    return next(block.id for block in lesson.body if block.block_type == "reflection_prompt")


def user_for(world, role: str):
    return None if role == "anonymous" else getattr(world, role)


def login_as(client, world, role: str):
    user = user_for(world, role)
    if user is not None:
        client.force_login(user)
    return user


@pytest.fixture
def released_lesson(world) -> LessonPage:
    return world.tree.lessons[0][0]


@pytest.fixture
def locked_lesson(world) -> LessonPage:
    return world.tree.lessons[2][0]


@pytest.fixture
def peer(world):
    """Another participant of the same cohort as world.participant."""
    user = make_user("companera")
    enrol(user, world.cohort)
    return user


@pytest.fixture
def reflection(world, released_lesson) -> Reflection:
    return services.reflection_submit(
        user=world.participant,
        lesson=released_lesson,
        prompt_id=prompt_id(released_lesson),
        body="Mi reflexión sobre el diálogo igualitario.",
    )


def translated(msgid: str, lang: str = "es", **params) -> str:
    """A UI message as the page shows it (translated if the catalogue has it, HTML-escaped)."""
    with translation.override(lang):
        text = translation.gettext(msgid)
    return escape(text % params if params else text)


def translated_plural(singular: str, plural: str, count: int, lang: str = "es", **params) -> str:
    with translation.override(lang):
        text = translation.ngettext(singular, plural, count)
    return escape(text % params)
