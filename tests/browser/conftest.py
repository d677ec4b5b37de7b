"""Browser tests: Debian's Chromium, driven by Playwright for Python, against ONE real daphne serving the
seeded demo (`seed_demo`'s course, cohort and people), with static files collected and served as in
production (hashed names, gzip, far-future cache headers).

The server is a separate process that reads the test database, so everything it must see is committed:
these tests use no `db` fixture (its open transaction would hide the data and, on SQLite, lock the
server out). They reach the database in autocommit mode through `django_db_blocker`, and each test uses
its own people and its own gathering, so they do not depend on one another's order.

Outside CI a missing Playwright, Chromium or axe-core skips these tests, saying what to install; in CI
(`CI` set) it fails them (see tests.conftest.require_service).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import TEST_DATABASE
from tests.servers import CHROMIUM_ARGS, chromium, servers, session_key

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "tertulia-demo"  # the demo's documented password (courses.demo.seed.DEMO_PASSWORD)


def artifacts_root() -> Path:
    """Where this run keeps screenshots, the servers' logs and the budget report.

    $TERTULIA_ARTIFACTS names the folder (CI sets artifacts/ci-<date>; otherwise tests/conftest.py sets
    artifacts/local-<time> once for the run, before the workers start).
    """
    name = os.environ.get("TERTULIA_ARTIFACTS") or f"artifacts/local-{time.strftime('%Y%m%d-%H%M%S')}"
    path = Path(name)
    return path if path.is_absolute() else ROOT / path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    path = artifacts_root()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _collectstatic(static_root: Path) -> None:
    """Collect into a temporary STATIC_ROOT with the production storage (hashed names, .gz files)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
        "TERTULIA_STATIC_ROOT": str(static_root),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def _prepare_page_tree() -> None:
    """A transactional test earlier in the run may have flushed what migrations create (the root page
    and the default locale); put them back so that the demo seed finds a page tree to grow."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


@dataclass
class Demo:
    """The running demo site: its address and the handful of objects the journeys start from."""

    url: str
    blocker: object
    artifacts: Path
    _sessions: dict[str, str] = field(default_factory=dict)

    def db(self):
        """Database access from the test process (autocommit: the server sees every write at once)."""
        return self.blocker.unblock()

    def user(self, username: str):
        from django.contrib.auth import get_user_model

        with self.db():
            return get_user_model().objects.get(username=username)

    def session(self, username: str) -> str:
        if username not in self._sessions:
            user = self.user(username)
            with self.db():
                self._sessions[username] = session_key(user)
        return self._sessions[username]

    def cohort(self, language: str = "es"):
        from courses.demo.seed import EN_COHORT_NAME, ES_COHORT_NAME
        from courses.models import Cohort

        with self.db():
            return Cohort.objects.select_related("course").get(
                name=ES_COHORT_NAME if language == "es" else EN_COHORT_NAME
            )

    def lesson(self, slug: str):
        from courses.models import LessonPage

        with self.db():
            return LessonPage.objects.get(slug=slug)

    def thread(self, title_start: str):
        from forums.models import Thread

        with self.db():
            return Thread.objects.get(title__startswith=title_start)

    def open_gathering(self, title: str = "Tertulia de prueba"):
        """A new gathering of the Spanish cohort whose room is open now (one per test: no shared state)."""
        from live.models import Gathering

        now = dt.datetime.now(tz=dt.UTC)
        with self.db():
            return Gathering.objects.create(
                cohort=self.cohort("es"),
                title=title,
                kind=Gathering.Kind.DIALOGIC,
                starts_at=now - dt.timedelta(minutes=5),
                ends_at=now + dt.timedelta(hours=2),
                agenda="1. Ronda de bienvenida\n2. Cada persona comparte el párrafo que eligió",
            )

    def chat_texts(self, gathering) -> list[str]:
        """The chat as the database keeps it (the truth every browser must show), in event order."""
        from live.models import RoomEvent

        with self.db():
            return [
                e.payload["text"]
                for e in RoomEvent.objects.filter(gathering=gathering, type="chat.message").order_by("seq")
            ]


def _is_test_database() -> bool:
    from django.db import connection

    return "name" in TEST_DATABASE and connection.settings_dict["NAME"] == TEST_DATABASE["name"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, even when no test of this run asked for `db` (pytest-django creates it only
    for those): these tests use it without the `db` fixture's transaction."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        if _is_test_database():
            yield
            return
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium (skip, or fail in CI, before spending time on the set-up)."""
    return chromium()


@pytest.fixture(scope="session")
def demo(chromium_path, django_db_setup, django_db_blocker, tmp_path_factory, artifacts) -> Iterator[Demo]:
    """Seed the demo into the test database (committed), collect the static files, start one daphne."""
    from django.core.management import call_command

    from workspace.demo import seed

    with django_db_blocker.unblock():
        assert _is_test_database()  # never seed (or flush) a developer's own database
    static_root = tmp_path_factory.mktemp("static")
    _collectstatic(static_root)
    with django_db_blocker.unblock():
        _prepare_page_tree()
        seed()
        _close_connection()
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
        "TERTULIA_STATIC_ROOT": str(static_root),
    }
    try:
        with servers(1, env=env, log=artifacts / _server_log_name()) as (ports, _processes):
            yield Demo(url=f"http://127.0.0.1:{ports[0]}", blocker=django_db_blocker, artifacts=artifacts)
    finally:
        with django_db_blocker.unblock():
            _wait_for_server_sessions_to_end()
            call_command("flush", interactive=False, verbosity=0)  # later tests start from an empty database


def _server_log_name() -> str:
    """daphne.log; with pytest-xdist each worker's server has its own, daphne-gw0.log..."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"daphne-{worker}.log" if worker else "daphne.log"


def _wait_for_server_sessions_to_end(timeout: float = 15) -> None:
    """PostgreSQL: the stopped server's sessions linger a moment; dropping the test database then fails."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.2)


@pytest.fixture(autouse=True)
def _database(demo):
    """Each test may read and write the demo's database directly (autocommit: the server sees it)."""
    with demo.db():
        yield
        _close_connection()


def _close_connection() -> None:
    """Django keeps a connection per context, and Playwright's sync API runs the tests in a context of
    its own: close each one where it was opened, or PostgreSQL refuses to drop the test database."""
    from django.db import connection

    connection.close()


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """The server process has its own channel layer; this process's is not used (and Playwright's event
    loop, running in this thread, forbids flushing it synchronously)."""
    yield


@pytest.fixture(scope="module")
def browser(demo, chromium_path):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, which Django reads as "async context"
    # and would refuse the test's own (synchronous, autocommit) database reads and writes.
    unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = unsafe


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def new_context(browser, demo, request):
    """Open browser contexts (one per person), signed in as `username` if given; closed after the test.

    When the test fails, a screenshot of every open page goes to <artifacts>/failures/.
    """
    contexts = []

    def make(username: str | None = None, *, language: str | None = None, **options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "es-PE")
        options.setdefault("timezone_id", "America/Lima")
        context = browser.new_context(base_url=demo.url, **options)
        context.set_default_timeout(15_000)
        cookies = []
        if username:
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": demo.session(username), "url": demo.url}
            )
        if language:
            cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": demo.url})
        if cookies:
            context.add_cookies(cookies)
        contexts.append(context)
        return context

    yield make
    if getattr(request.node, "browser_test_failed", False):
        folder = demo.artifacts / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                try:
                    page.screenshot(path=folder / f"{request.node.name}-{i}-{j}.png", full_page=True)
                except Exception:  # noqa: S112 - best effort: the page may be gone
                    continue
    for context in contexts:
        context.close()
