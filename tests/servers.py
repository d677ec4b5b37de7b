"""Real servers and browsers for end-to-end tests: daphne processes on free loopback ports that share
the test database (SQLite file or PostgreSQL), sessions for signed-in clients, and Chromium.

In CI (`CI` set) a missing Redis, Playwright or Chromium fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def _start(port: int, env: dict, log: str | os.PathLike | None = None) -> subprocess.Popen:
    with open(log or os.environ.get("DAPHNE_LOG", os.devnull), "ab") as stderr:
        return subprocess.Popen(  # noqa: S603 - our own server, on loopback
            [sys.executable, "-m", "lms.server", "-b", "127.0.0.1", "-p", str(port), "lms.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def _wait_listening(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
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
    }
    if redis:
        env.update({"REDIS_URL": REDIS_URL, "CHANNELS_PREFIX": f"tertulia-test-{os.getpid()}"})
    env.update(extra_env)
    ports = [free_port() for _ in range(count)]
    processes = [_start(port, env, log) for port in ports]
    try:
        for process, port in zip(processes, ports, strict=True):
            _wait_listening(process, port)
        yield ports, processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
