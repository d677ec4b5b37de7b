"""Test settings: fast hashing, plain static storage, mail kept in memory."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The sign-in lockout stays on; this backend only lets the test client's login() (no request) through.
AUTHENTICATION_BACKENDS = ["lms.security.TestClientAxesBackend", *AUTHENTICATION_BACKENDS[1:]]  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True  # servers started by end-to-end tests serve the apps' static files
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# A test process (one pytest-xdist worker) and the servers it starts (tests/servers.py passes the name on in
# TERTULIA_TEST_RUN) share a name for what they keep outside the database: uploaded files, Redis keys.
# Another worker, or another test run on the same machine, never touches them.
TEST_RUN_NAME = os.environ.get("TERTULIA_TEST_RUN") or (
    f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
)
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"tertulia-test-media-{TEST_RUN_NAME}"  # removed when the run ends
# The start of every Redis key of the run (channel layer and cache), removed when the run ends. The
# trailing ":" keeps one run's prefix from being the start of another's (the layer's flush() deletes
# "<prefix>*").
TEST_REDIS_PREFIX = f"tertulia-test-{TEST_RUN_NAME}:"
# The site does not use Wagtail's search index in tests; updating it doubles the cost of building pages.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so that daphne processes started by the tests share the test database.
    # One file per test run (runs may overlap on a developer machine).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"tertulia-test-{os.getpid()}.sqlite3")
    }
    # Rollback journal, not WAL: the test database file is deleted and recreated on every run.
    DATABASES["default"]["OPTIONS"]["init_command"] = ""  # noqa: F405
elif "NAME" not in DATABASES["default"].get("TEST", {}):  # noqa: F405
    # PostgreSQL: one test database per run too (test_<name>_<pid>; pytest-xdist adds _gw0, _gw1...), so
    # that two runs against the same server, on a shared machine, never drop each other's database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405

if REDIS_URL:  # noqa: F405
    # Redis is shared (by the workers of a parallel run, by other runs): the channel layer's and the cache's
    # keys carry the run's prefix, and clearing the cache removes only those keys, not the whole database.
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = TEST_REDIS_PREFIX  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"{TEST_REDIS_PREFIX}cache"  # noqa: F405 - clear() spares the layer's keys
    CACHES["default"]["BACKEND"] = "lms.cache.PrefixedRedisCache"  # noqa: F405
