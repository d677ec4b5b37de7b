from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from courses.models import Enrollment
from tests.factories import CourseTree, enrol, make_cohort, make_course, make_user

IN_CI = bool(os.environ.get("CI"))


@dataclass
class World:
    """Two courses, each with a cohort: the people of one must never reach the other."""

    tree: CourseTree
    cohort: object
    other_tree: CourseTree
    other_cohort: object
    participant: object
    facilitator: object
    observer: object
    outsider: object  # a participant of the other cohort
    staff: object


def build_world() -> World:
    """The world's rows (inside whatever transaction the caller holds)."""
    tree = make_course("Innovación", modules=3, lessons=2, offsets=[0, 7, 400])
    cohort = make_cohort(tree.course, started_days_ago=10)
    other_tree = make_course("Otro curso", modules=1, lessons=1)
    other_cohort = make_cohort(other_tree.course, started_days_ago=3)
    participant = make_user("participante")
    facilitator = make_user("facilitadora")
    observer = make_user("observadora")
    outsider = make_user("ajena")
    staff = make_user("operadora", staff=True)
    enrol(participant, cohort)
    enrol(facilitator, cohort, Enrollment.Role.FACILITATOR)
    enrol(observer, cohort, Enrollment.Role.OBSERVER)
    enrol(outsider, other_cohort)
    return World(tree, cohort, other_tree, other_cohort, participant, facilitator, observer, outsider, staff)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def admin_facilitator(world):
    """world.facilitator, made facilitator through the service that grants the Wagtail rights."""
    from courses import services

    services.enrolment_add(cohort=world.cohort, user=world.facilitator, role=Enrollment.Role.FACILITATOR)
    return world.facilitator


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """The demo, seeded once per test module (it takes seconds) in a transaction rolled back at the end."""
    from django.db import transaction

    from workspace.demo import seed

    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    """Each test runs in a savepoint inside the module's transaction: its changes are undone."""


def require_service(reason: str) -> None:
    """Outside CI a missing PostgreSQL/Redis skips a test; in CI it fails it."""
    if IN_CI:
        pytest.fail(f"Required service unavailable in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached values never leak from one test to the next (local memory or Redis)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each test gets its own channel layer, empty and bound to the test's own event loop.

    (A Redis layer keeps locks bound to the loop that first used it; tests each run their own loop.)
    """
    from asgiref.sync import async_to_sync
    from channels.layers import channel_layers, get_channel_layer

    channel_layers.backends.clear()
    layer = get_channel_layer()
    if hasattr(layer, "flush"):
        async_to_sync(layer.flush)()
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
