"""Fixtures for the certificate tests, on top of the `world` of tests/conftest.py.

world.tree: 3 modules × 2 lessons (the third module opens in 400 days), each lesson with one
reflection prompt; world.cohort started 10 days ago.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from certificates.models import CertificateCriteria
from courses.models import Enrollment, LessonCompletion, LessonPage, Reflection
from live.models import Connection, Gathering


def member(user, cohort) -> Enrollment:
    return Enrollment.objects.get(user=user, cohort=cohort)


def complete(enrollment: Enrollment, lessons: list[LessonPage]) -> None:
    """Lessons completed (written directly: locked modules included)."""
    for lesson in lessons:
        LessonCompletion.objects.get_or_create(enrollment=enrollment, lesson=lesson)


def reflect(enrollment: Enrollment, lesson: LessonPage, prompt_id: str | None = None) -> Reflection:
    prompt_id = prompt_id or next(b.id for b in lesson.body if b.block_type == "reflection_prompt")
    reflection, _created = Reflection.objects.get_or_create(
        enrollment=enrollment, lesson=lesson, prompt_id=prompt_id, defaults={"prompt": "¿Qué aprendiste?"}
    )
    return reflection


def gathering(cohort, *, days_ago: float = 3, hours: float = 1, **extra) -> Gathering:
    starts_at = timezone.now() - dt.timedelta(days=days_ago)
    return Gathering.objects.create(
        cohort=cohort,
        title=extra.pop("title", "Tertulia"),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        **extra,
    )


def attend(gathering: Gathering, user, minutes: float = 30) -> Connection:
    joined = gathering.starts_at + dt.timedelta(minutes=1)
    left = joined + dt.timedelta(minutes=minutes)
    return Connection.objects.create(
        gathering=gathering,
        user=user,
        channel_name=f"test.{user.pk}",
        joined_at=joined,
        last_seen_at=left,
        left_at=left,
    )


def set_criteria(course, *, lessons=(), reflections: int = 0, attendance: int = 0, enabled: bool = True):
    criteria, _created = CertificateCriteria.objects.update_or_create(
        course=course,
        defaults={
            "enabled": enabled,
            "min_reflections_percent": reflections,
            "min_attendance_percent": attendance,
        },
    )
    criteria.required_lessons.set(lessons)
    return criteria


@pytest.fixture
def enrollment(world) -> Enrollment:
    return member(world.participant, world.cohort)


@pytest.fixture
def qualified(world, enrollment) -> Enrollment:
    """world.participant has completed every lesson: qualifies under the default criteria."""
    complete(enrollment, world.tree.all_lessons)
    return enrollment
