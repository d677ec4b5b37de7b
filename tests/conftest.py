from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from courses.models import Enrollment
from tests.factories import CourseTree, enrol, make_cohort, make_course, make_user

IN_CI = bool(os.environ.get("CI"))
BUDGET_PROPERTY = "budget: "  # record_property("budget: <page>", kilobytes), printed at the end of the run
BUDGET_REPORT: dict[str, float] = {}
TEST_DATABASE: dict[str, str] = {}  # "name": the test database's name, once pytest-django has chosen it


# ---- Running on every core (pytest-xdist; docs/testing.md, "Parallel runs") ----


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the main process, before any worker starts
        # One artefacts folder for the whole run, whichever worker writes to it.
        os.environ.setdefault("TERTULIA_ARTIFACTS", f"artifacts/local-{time.strftime('%Y%m%d-%H%M%S')}")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` that keeps pytest-django's order on every worker.

    pytest-django runs the tests that use a transaction first, then the transactional ones (whose
    database flush would remove the data migrations create), then those without a database (the browser
    tests, whose demo stays in the database until the end). Plain loadfile would run all of a file's tests
    together, wherever the file first appears, and so break that order. Here a scope is a run of one
    file's tests *as pytest-django ordered them*, and scopes are handed out in that order: each worker
    meets the three kinds in turn, and a file's tests still stay together on one worker (its module
    fixtures, the browser tests' server and Chromium, are set up once).
    """
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class OrderedLoadFileScheduling(LoadFileScheduling):
        _scopes: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self._scopes is None:
                self._scopes, runs, previous = {}, Counter(), None
                for item in self.collection:  # the collected tests, in pytest-django's order
                    file = super()._split_scope(item)
                    if file != previous:
                        runs[file] += 1
                        previous = file
                    self._scopes[item] = file if runs[file] == 1 else f"{file}#{runs[file]}"
            return self._scopes[nodeid]

    config.option.loadscopereorder = False  # hand the scopes out in order, not largest first
    return OrderedLoadFileScheduling(config, log)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Note the test database's name, as pytest-django sets it (with the worker's suffix, `_gw0`...),
    before the database exists (afterwards, the connection's NAME is that name)."""
    from django.db import connection

    TEST_DATABASE["name"] = connection.creation._get_test_db_name()


def pytest_runtest_logreport(report):
    for name, value in report.user_properties:
        if name.startswith(BUDGET_PROPERTY):
            BUDGET_REPORT[name.removeprefix(BUDGET_PROPERTY)] = value


def pytest_terminal_summary(terminalreporter):
    if BUDGET_REPORT:
        terminalreporter.section("page-weight budgets (DESIGN.md)")
        for name, value in BUDGET_REPORT.items():
            terminalreporter.write_line(f"{name}: {value:.1f} KB")


def pytest_sessionfinish(session):
    """What this test process kept outside its database (lms.settings.test names it after the run):
    uploaded files, and Redis keys, its own or its servers'."""
    from django.conf import settings

    if not settings.configured or not hasattr(settings, "TEST_RUN_NAME"):
        return
    media = Path(settings.MEDIA_ROOT)
    if media.name.startswith("tertulia-test-media-"):
        shutil.rmtree(media, ignore_errors=True)
    servers = sys.modules.get("tests.servers")
    redis_url = settings.REDIS_URL or (servers.REDIS_URL if servers and servers.REDIS_USED else "")
    if redis_url:
        import redis

        from lms.cache import unlink_keys_starting_with

        with contextlib.suppress(redis.RedisError):  # Redis is gone: the keys expire anyway
            unlink_keys_starting_with(redis.Redis.from_url(redis_url), settings.TEST_REDIS_PREFIX)


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
