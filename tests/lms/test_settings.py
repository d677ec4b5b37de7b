"""Configuration by environment variables, checked in fresh interpreters (settings load once per process)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTROLLED = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")

READ_SETTINGS = """
import json
import lms.settings.base as s
db = s.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"],
    "name": str(db["NAME"]),
    "host": db.get("HOST", ""),
    "layer": s.CHANNEL_LAYERS["default"]["BACKEND"],
    "layer_hosts": s.CHANNEL_LAYERS["default"].get("CONFIG", {}).get("hosts", []),
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION", ""),
}))
"""


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(**env: str) -> dict:
    result = run(["-c", READ_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_default_needs_nothing():
    config = read_settings()
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["name"] == str(ROOT / "db.sqlite3")
    assert config["layer"] == "lms.channel_layers.ThrottledInMemoryChannelLayer"
    assert config["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_database_url_selects_postgresql():
    config = read_settings(DATABASE_URL="postgres://tertulia:secret@db.internal:5432/tertulia")
    assert config["engine"] == "django.db.backends.postgresql"
    assert (config["name"], config["host"]) == ("tertulia", "db.internal")


def test_redis_url_selects_redis_layer_and_cache():
    config = read_settings(REDIS_URL="redis://cache.internal:6379/2")
    assert config["layer"] == "channels_redis.core.RedisChannelLayer"
    assert config["layer_hosts"] == ["redis://cache.internal:6379/2"]
    assert config["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert config["cache_location"] == "redis://cache.internal:6379/2"
    assert config["engine"] == "django.db.backends.sqlite3"  # the two are independent


def test_postgres_driver_is_psycopg3():
    result = run(["-c", "import psycopg; print(psycopg.__version__)"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split(".")[0] == "3"


def test_production_check_deploy_is_clean():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="tertulia.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_variables(missing):
    env = {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "tertulia.example.org",
    }
    del env[missing]
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert missing in result.stderr
