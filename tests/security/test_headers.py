"""Django's deployment checklist as tests: security headers, the Content-Security-Policy per area, the
production settings, and templates a strict policy can serve (no inline script, handler or style)."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from lms.security import client_ip
from tests.lms.test_settings import run
from tests.security.html_checks import csp_violations

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


# --- the strict policy of participant pages ------------------------------------------------------------


@pytest.mark.django_db
def test_participant_pages_get_the_strict_policy(client, world):
    client.force_login(world.participant)
    lesson = world.tree.lessons[0][0]
    for url in ("/", lesson.url, "/learning/", f"/cohorts/{world.cohort.pk}/spaces/", "/accounts/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"], "no 'unsafe-inline' nor 'unsafe-eval' for scripts"
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]
        assert set(csp["img-src"]) == {"'self'", "data:"}
        # The room's and the thread's WebSockets, named explicitly for browsers where 'self' is not ws:.
        assert {"'self'", "ws://testserver", "wss://testserver"} <= set(csp["connect-src"])
        assert "https://www.youtube-nocookie.com" in csp["frame-src"]
        assert "https://player.vimeo.com" in csp["frame-src"]
        assert csp_violations(response.text) == [], url


@pytest.mark.django_db
def test_over_https_only_wss_is_allowed(client):
    response = client.get("/accounts/login/", secure=True)
    assert [s for s in policy(response)["connect-src"] if s.startswith(("ws:", "wss:"))] == [
        "wss://testserver"
    ]


@pytest.mark.django_db
def test_admin_has_its_own_relaxed_policy(client, world):
    """Wagtail's editor needs inline scripts and styles and frames its preview; nothing else loosens."""
    response = client.get("/admin/login/")
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_wagtail_preview_may_be_framed_by_the_admin_only(client, world):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "x")
    client.force_login(editor)
    lesson = world.tree.lessons[0][0]
    response = client.get(f"/admin/pages/{lesson.pk}/edit/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.django_db
def test_api_docs_keep_scripts_strict(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert '<script src="' in response.text and not re.search(r"<script>\s*\S", response.text)
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text


@pytest.mark.django_db
def test_security_headers_on_every_answer(client, world):
    for url in ("/", "/accounts/login/", "/api/v1/courses/", "/healthz"):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url


# --- templates a strict policy can serve -----------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S)
STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=|<style[\s>]", re.I | re.S)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def participant_templates() -> list[Path]:
    """Every site template but the Wagtail admin's (templates/*/admin/…, under the admin's own policy)."""
    found = []
    for base in [ROOT / "templates", *ROOT.glob("*/templates")]:
        if ".venv" in base.parts:
            continue
        for path in base.rglob("*.html"):
            if "admin" in path.relative_to(base).parts[:-1]:
                continue
            found.append(path)
    return sorted(found)


def test_the_scan_sees_the_templates():
    names = {p.relative_to(ROOT).as_posix() for p in participant_templates()}
    assert "templates/base.html" in names
    assert "live/templates/live/room.html" in names
    assert "forums/templates/forums/thread_detail.html" in names
    assert not any("/admin/" in n for n in names)


@pytest.mark.parametrize("path", participant_templates(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_template_has_no_inline_script_handler_or_style(path):
    text = path.read_text()
    problems = []
    checks = (("inline <script>", INLINE_SCRIPT), ("on…= handler", HANDLER), ("inline style", STYLE))
    for name, pattern in checks:
        problems += [f"{name}: {m.group(0)[:80]!r}" for m in pattern.finditer(text)]
    problems += [f"javascript: URL: {m.group(0)!r}" for m in JS_URL.finditer(text)]
    assert not problems, f"{path.relative_to(ROOT)} breaks the strict policy: move it to a static file"


def test_scripts_do_not_build_handlers_or_styles_from_strings():
    """Hand-written scripts add listeners and classes, never ``onclick``/``style`` attributes or eval."""
    pattern = re.compile(
        r"""setAttribute\(\s*["'](on\w+|style)["']|\beval\(|new Function\(|\.outerHTML\s*="""
    )
    offenders = []
    for path in ROOT.glob("*/static/**/*.js"):
        if ".venv" in path.parts:
            continue
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(path.read_text())]
    assert offenders == []


# --- the client's address --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.1"),
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy configured: a client-written header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own prefix is not trusted
        (2, "6.6.6.6, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),
    ],
)
def test_client_ip_trusts_only_our_proxies(proxies, forwarded, expected):
    extra = {"REMOTE_ADDR": "10.0.0.1"}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **extra)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected


# --- production settings -----------------------------------------------------------------------------------

READ_PRODUCTION = """
import json
from django.conf import settings
import django
django.setup()
print(json.dumps({name: getattr(settings, name) for name in [
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS", "TRUSTED_PROXY_COUNT",
]} | {"NUM_PROXIES": settings.REST_FRAMEWORK["NUM_PROXIES"]}))
"""


def read_production(**env: str) -> dict:
    result = run(
        ["-c", READ_PRODUCTION],
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="tertulia.example.org",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_follow_the_checklist():
    s = read_production()
    assert s["DEBUG"] is False
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["LANGUAGE_COOKIE_SECURE"]
    assert s["SESSION_COOKIE_HTTPONLY"]
    assert s["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert s["SECURE_REFERRER_POLICY"] == "same-origin"
    assert s["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert s["TRUSTED_PROXY_COUNT"] == 0 and s["NUM_PROXIES"] == 0


def test_production_settings_follow_the_environment():
    s = read_production(
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Scheme",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_PRELOAD="false",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        TRUSTED_PROXY_COUNT="2",
    )
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_SCHEME", "https"]
    assert s["SECURE_SSL_REDIRECT"] is False
    assert (s["SECURE_HSTS_SECONDS"], s["SECURE_HSTS_PRELOAD"], s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]) == (
        600,
        False,
        False,
    )
    assert s["TRUSTED_PROXY_COUNT"] == 2 and s["NUM_PROXIES"] == 2
    assert read_production(SECURE_PROXY_SSL_HEADER="")["SECURE_PROXY_SSL_HEADER"] is None


# --- CSRF --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_forms_and_session_api_calls_need_the_csrf_token(world):
    """The access matrix posts without CSRF checks to see the views' own rules; here the check itself."""
    from django.test import Client
    from rest_framework.test import APIClient

    from forums import services as forum_services

    space = forum_services.space_ensure_for_cohort(cohort=world.cohort)
    thread = forum_services.thread_create(
        user=world.participant, space=space, title="Tema", body="Hola.", enforce_rate_limit=False
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.participant)
    assert browser.post(f"/threads/{thread.pk}/reply/", {"body": "Sin token"}).status_code == 403
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(world.participant)  # the site's own JavaScript signs in by session
    response = api.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "Sin token"}, format="json")
    assert response.status_code == 403
    assert thread.posts.count() == 1
