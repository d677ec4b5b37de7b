"""Settings shared by every environment, driven by environment variables (see README.md)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from wagtail.embeds import oembed_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "lms",
    "courses",
    "forums",
    "live",
    "announcements",
    "groupwork",
    "certificates",
    "workspace",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",  # sign-in lockout: see "Security" below
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.PreferredLanguageMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lockout page
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"
ASGI_APPLICATION = "lms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + immediate transactions let the web and WebSocket handlers write side by side.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" if env_bool("SQLITE_WAL", True) else ""
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# Redis: unset -> in-memory channel layer and local-memory cache (one process only).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": os.environ.get("CHANNELS_PREFIX", "tertulia")},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "tertulia"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "lms.channel_layers.ThrottledInMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses names locked out before checking passwords
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:my_learning"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: Spanish first, English second; dates shown in each cohort's time zone.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Lima"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# E-mail: EMAIL_URL (smtp://user:pass@host:port, or console://) or the console backend.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tertulia <no-reply@tertulia.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
_email_url = os.environ.get("EMAIL_URL", "")
if _email_url:
    from urllib.parse import unquote, urlsplit

    _parts = urlsplit(_email_url)
    if _parts.scheme in {"smtp", "smtps", "submission"}:
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = _parts.hostname or "localhost"
        EMAIL_PORT = _parts.port or (465 if _parts.scheme == "smtps" else 587)
        EMAIL_HOST_USER = unquote(_parts.username or "")
        EMAIL_HOST_PASSWORD = unquote(_parts.password or "")
        EMAIL_USE_SSL = _parts.scheme == "smtps"
        EMAIL_USE_TLS = _parts.scheme == "submission"

WAGTAIL_SITE_NAME = "Tertulia"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # editors' avatars are not fetched from a third party (CSP, privacy)
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
# Uploads (editors only; participants upload nothing): kinds, sizes, content checked (lms/uploads.py).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "pptx", "ppt", "odp", "xlsx", "ods", "txt", "epub"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.uploads.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Django: nosniff, attachment, CSP, privacy checked
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry script
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50 * 1000 * 1000  # decompression bombs
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # the site's own JavaScript, with CSRF
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "lms.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "lms.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "lms.api.throttling.UserThrottle",
        "lms.api.throttling.AnonThrottle",
        "lms.api.throttling.WriteThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_RATE_USER", "240/min"),
        "anon": os.environ.get("API_RATE_ANON", "30/min"),
        "write": os.environ.get("API_RATE_WRITE", "60/min"),
        "auth": os.environ.get("API_RATE_AUTH", "10/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tertulia API",
    "DESCRIPTION": "Courses, cohorts, progress, reflections, forums and live gatherings. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_URLCONF": "lms.api.schema_urls",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["lms.api.schema.only_api_v1"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "courses.models.Enrollment.Role",
        "GatheringStatusEnum": "live.models.Gathering.Status",
        "GatheringKindEnum": "live.models.Gathering.Kind",
        "ReflectionStatusEnum": "courses.models.Reflection.Status",
        "MessageKindEnum": "courses.models.ReflectionMessage.Kind",
        "SpaceKindEnum": "forums.models.Space.Kind",
        "ThreadModeEnum": "forums.models.Thread.Mode",
        "ReactionKindEnum": "forums.models.Reaction.Kind",
        "NotificationKindEnum": "forums.models.Notification.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lockouts and failures are warnings; every sign-in is not news
    },
}

# Product settings.
TERTULIA_DEFAULT_TIME_ZONE = "America/Lima"
TERTULIA_ROOM_OPENS_MINUTES_BEFORE = int(os.environ.get("ROOM_OPENS_MINUTES_BEFORE", "15"))
TERTULIA_ROOM_GRACE_MINUTES_AFTER = int(os.environ.get("ROOM_GRACE_MINUTES_AFTER", "30"))
TERTULIA_PRESENCE_TTL_SECONDS = 75
# at most 8 chat messages per member every 10 seconds
TERTULIA_CHAT_RATE = tuple(int(x) for x in os.environ.get("CHAT_RATE", "8/10").split("/"))

# --- Security: headers, Content-Security-Policy, sign-in lockout (docs/deployment.md, tests/security/) ---
# HTTPS-only settings (HSTS, secure cookies, redirect) are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# DENY everywhere: Wagtail's preview views answer SAMEORIGIN themselves, so the preview panel works.
X_FRAME_OPTIONS = "DENY"

# Proxies in front of daphne that append to X-Forwarded-For (0: none). The one rule for the client's
# address, used by the sign-in lockout (lms.security.client_ip) and the API throttles (NUM_PROXIES).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

# Video and audio of lessons: only these providers' players may be embedded (and framed by the CSP).
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://w.soundcloud.com",
]
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [
            oembed_providers.youtube,
            oembed_providers.vimeo,
            oembed_providers.soundcloud,
        ],
    }
]

_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],  # no inline scripts, no eval: data goes in json_script blocks
        "style-src": [_SELF],  # no style="" nor <style>: every rule is in a static CSS file
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "media-src": [_SELF],
        "connect-src": [_SELF],  # + ws(s)://<host>, added per request by the middleware
        "frame-src": EMBED_FRAME_SOURCES,
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    },
}
# Areas with their own policy (lms.security.ContentSecurityPolicyMiddleware; the longest prefix wins).
TERTULIA_CSP_AREAS = {
    # The Wagtail admin writes inline scripts and styles, and its preview panel frames our own pages.
    "/admin/": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "frame-src": [_SELF, *EMBED_FRAME_SOURCES],
        "frame-ancestors": [_SELF],
        "connect-src": [_SELF, "https://releases.wagtail.org"],  # the dashboard's new-version notice
    },
    # Swagger UI (for developers) has an inline <style>; its scripts are files (the split view).
    "/api/v1/docs/": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "style-src": [_SELF, "'unsafe-inline'"]},
}

# Sign-in lockout (django-axes): N failures for one username from one address lock that pair out for a
# while; a success resets the count. Covers /accounts/login/, Wagtail's /admin/login/ and the API token.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "lms.security.client_ip"
AXES_LOCKOUT_CALLABLE = "lms.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only: no log of everyone's addresses
AXES_VERBOSE = False  # no start-up banner in every process
