"""Real servers and browsers for end-to-end tests: daphne processes on free loopback ports that share
the test database (SQLite file or PostgreSQL), sessions for signed-in clients, and Chromium.

In CI (`CI` set) a missing Redis, Playwright or Chromium fails the test instead of skipping it.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
REDIS_USED = False  # servers of this process used Redis (their keys are removed at the end of the run)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def session_key(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def database_url() -> str:
    """The test database, as a URL a server process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


def require_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        require_service(f"Redis at {REDIS_URL}")


def chromium() -> str:
    """The path of Debian's Chromium, with Playwright importable (or fail in CI / skip elsewhere)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require_service("Playwright for Python (pip install playwright)")
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not os.access(path, os.X_OK):
        require_service("Chromium (apt-get install chromium, or set CHROMIUM to its path)")
    return path


def _listening_socket() -> socket.socket:
    """A loopback socket on a free port, already listening, for a server process to inherit.

    The port is held from the moment it is chosen until the server stops, so two servers started at the
    same time (by parallel test workers, or by other test runs on the machine) never race for one port,
    and a test never talks to another run's server by mistake.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _start(sock: socket.socket, env: dict, log: str | os.PathLike | None = None) -> subprocess.Popen:
    with open(log or os.environ.get("DAPHNE_LOG", os.devnull), "ab") as stderr:
        return subprocess.Popen(  # noqa: S603 - our own server, on loopback
            [sys.executable, "-m", "lms.server", "--fd", str(sock.fileno()), "lms.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            pass_fds=(sock.fileno(),),
        )


def _wait_serving(process: subprocess.Popen, port: int, timeout: float = 60) -> None:
    """Until the server answers HTTP (its socket accepts connections from the start, into the backlog)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            probe.request("GET", "/healthz")
            probe.getresponse().read()
            return
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)
        finally:
            probe.close()
    process.kill()
    raise RuntimeError("the server did not start")


@contextmanager
def servers(
    count: int = 1, *, redis: bool = False, env: dict | None = None, log: str | os.PathLike | None = None
):
    """Start `count` servers sharing the test database (and Redis if asked); yield (ports, processes).

    `env` adds to (or overrides) the servers' environment, e.g. another DJANGO_SETTINGS_MODULE;
    `log` is a file that receives the servers' stderr (default: $DAPHNE_LOG, or nowhere).
    """
    extra_env = env or {}
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url(),
        "SQLITE_WAL": "0",
        # The test process's run name: the servers use its uploaded files and its Redis key prefix.
        "TERTULIA_TEST_RUN": settings.TEST_RUN_NAME,
    }
    if redis:
        global REDIS_USED
        REDIS_USED = True
        env["REDIS_URL"] = REDIS_URL
    env.update(extra_env)
    sockets = [_listening_socket() for _ in range(count)]
    ports = [sock.getsockname()[1] for sock in sockets]
    try:
        processes = [_start(sock, env, log) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()  # each server holds its own copy
    try:
        for process, port in zip(processes, ports, strict=True):
            _wait_serving(process, port)
        yield ports, processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
