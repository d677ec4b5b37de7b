"""Settings of the daphne process the browser tests start: the test settings, with static files served
as in production (collected into a temporary STATIC_ROOT with hashed, pre-compressed names, and far-future
cache headers), so that the page-weight budgets measure what participants really download."""

import os
from pathlib import Path

from lms.settings.test import *  # noqa: F403

STATIC_ROOT = Path(os.environ["TERTULIA_STATIC_ROOT"])
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
