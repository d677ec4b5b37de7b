from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from courses.models import CohortGroup, Enrollment
from forums import services
from forums.models import Space, Thread
from tests.factories import enrol, make_course, make_user


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limiter counts in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Forum:
    """The `world` of tests/conftest.py plus spaces, a small group and a thread in each space."""

    world: object
    group: CohortGroup
    group_member: object
    cohort_space: Space
    group_space: Space
    thread: Thread
    group_thread: Thread
    other_space: Space
    other_thread: Thread


def post(user, thread, body="Una idea para conversar.", **kwargs):
    return services.post_publish(user=user, thread=thread, body=body, enforce_rate_limit=False, **kwargs)


def token() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def forum(world) -> Forum:
    group = CohortGroup.objects.create(cohort=world.cohort, name="GIA Norte")
    group_member = make_user("integrante")
    enrol(group_member, world.cohort, Enrollment.Role.PARTICIPANT, group=group)
    cohort_space = services.space_ensure_for_cohort(cohort=world.cohort)
    group_space = Space.objects.get(group=group)
    other_space = services.space_ensure_for_cohort(cohort=world.other_cohort)
    thread = services.thread_create(
        user=world.participant, space=cohort_space, title="Primera conversación", body="Hola a todas."
    )
    group_thread = services.thread_create(
        user=group_member, space=group_space, title="Plan del GIA", body="¿Cuándo nos reunimos?"
    )
    other_thread = services.thread_create(
        user=world.outsider, space=other_space, title="Otra cohorte", body="Hola desde lejos."
    )
    cache.clear()
    return Forum(
        world, group, group_member, cohort_space, group_space, thread, group_thread, other_space, other_thread
    )


@pytest.fixture
def prompt_course(db):
    """A course whose first lesson has a reading of five paragraphs and a discussion prompt."""
    from tests.factories import reading_block

    body = [
        {"type": "paragraph", "value": "<p>Contenido</p>", "id": str(uuid.uuid4())},
        reading_block(paragraphs=5),
        {
            "type": "discussion_prompt",
            "value": {"prompt": "¿Qué párrafo elegiste?", "post_first": False},
            "id": str(uuid.uuid4()),
        },
    ]
    return make_course("Curso con lectura", modules=1, lessons=1, body=body)


WRITE_SQL = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes(ctx) -> list[str]:
    """The statements of a CaptureQueriesContext that change data (savepoints are not writes)."""
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITE_SQL)]
