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
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
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
