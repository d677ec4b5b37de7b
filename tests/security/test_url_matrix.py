"""Roles × URLs, generated from the URLconf: every participant-facing and API address is requested as each
role and the answer compared with the table below. A URL pattern without an entry fails the test.

How to read an entry: ``route`` (as Django prints the pattern, includes joined) → one or more cases, each
a way to build a concrete address from the fixtures, a method, and the outcome per role in ROLES order:

    anonymous · outsider (participant of another cohort) · participant · observer · facilitator · staff

An outcome is a status code, ``LOGIN`` (a redirect to the sign-in page) or ``REDIRECT`` (any other
redirect). Pages are requested with a signed-in session, the API with a token (as apps call it). POST-only
endpoints are also POSTed without data: they must answer 4xx/3xx, never 500. Every HTML page answered
200 is also checked against the strict Content-Security-Policy (no inline script, handler or style).

Wagtail serves pages from one catch-all pattern; its cases list one page of every page type, and the
routes of routable pages (``LessonPage``: ``complete/``, ``reflections/<prompt_id>/``) have entries of
their own: a new page type or route without an entry fails as a new URL pattern does.

The API's own rules (another cohort's objects are 404, not 403; API and pages agree) are in
tests/api/test_access_matrix.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Collection, get_page_models

from announcements import services as announcement_services
from certificates.models import Certificate
from courses import services
from courses.models import CohortGroup
from forums import emails
from forums import services as forum_services
from forums.models import Notification
from groupwork.models import GroupSession
from live import calendar
from tests.conftest import build_world
from tests.live.conftest import make_gathering
from tests.security.conftest import module_rows
from tests.security.html_checks import csp_violations

ROLES = ("anonymous", "outsider", "participant", "observer", "facilitator", "staff")
LOGIN = "login"
REDIRECT = "redirect"
EXCLUDED_PREFIXES = ("admin/",)  # the Wagtail admin: editors only, its own access rules and CSP

# Frequent rows, in ROLES order.
EVERYONE = (200,) * 6
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200)
MEMBERS = (LOGIN, 404, 200, 200, 200, 200)
MANAGERS = (LOGIN, 404, 404, 404, 200, 200)
API_EVERYONE = (200,) * 6
API_SIGNED_IN = (401, 200, 200, 200, 200, 200)
API_MEMBERS = (401, 404, 200, 200, 200, 200)
API_MANAGERS = (401, 404, 403, 403, 200, 200)
GET_ONLY_POST = (405,) * 6


@dataclass(frozen=True)
class Case:
    url: Callable[[SimpleNamespace], str]
    expect: tuple
    method: str = "get"
    label: str = ""
    data: dict | Callable[[SimpleNamespace], dict] = field(default_factory=dict)


def get(url, expect, label=""):
    return Case(url, expect, "get", label)


def post(url, expect, label="", **data):
    return Case(url, expect, "post", label, data)


def write(method, url, expect, data=None):
    """A write with a valid body: does the role rule hold when the input is right?"""
    return Case(url, expect, method, "valid data", data or {})


# --- the table -----------------------------------------------------------------------------------------

API_MATRIX: dict[str, list[Case]] = {
    "api/v1/auth/token/": [
        get(lambda m: "/api/v1/auth/token/", GET_ONLY_POST),
        post(lambda m: "/api/v1/auth/token/", (400,) * 6),
    ],
    "api/v1/auth/token/revoke/": [
        get(lambda m: "/api/v1/auth/token/revoke/", (401, 405, 405, 405, 405, 405)),
        post(lambda m: "/api/v1/auth/token/revoke/", (401, 204, 204, 204, 204, 204)),
    ],
    "api/v1/auth/me/": [get(lambda m: "/api/v1/auth/me/", API_SIGNED_IN)],
    "api/v1/courses/": [get(lambda m: "/api/v1/courses/", API_EVERYONE)],
    "api/v1/courses/<int:pk>/": [get(lambda m: f"/api/v1/courses/{m.course.pk}/", API_EVERYONE)],
    "api/v1/cohorts/": [get(lambda m: "/api/v1/cohorts/", API_SIGNED_IN)],
    "api/v1/cohorts/<int:pk>/": [get(lambda m: f"/api/v1/cohorts/{m.cohort.pk}/", API_MEMBERS)],
    "api/v1/cohorts/<int:pk>/members/": [
        get(lambda m: f"/api/v1/cohorts/{m.cohort.pk}/members/", API_MEMBERS)
    ],
    "api/v1/cohorts/<int:pk>/enrol/": [
        get(lambda m: f"/api/v1/cohorts/{m.cohort.pk}/enrol/", (401, 405, 405, 405, 405, 405)),
        post(lambda m: f"/api/v1/cohorts/{m.cohort.pk}/enrol/", (401, 201, 400, 400, 400, 201)),
    ],
    "api/v1/cohorts/<int:pk>/progress/": [
        get(lambda m: f"/api/v1/cohorts/{m.cohort.pk}/progress/", API_MANAGERS)
    ],
    "api/v1/cohorts/<int:pk>/participation/": [
        get(lambda m: f"/api/v1/cohorts/{m.cohort.pk}/participation/", API_MANAGERS)
    ],
    "api/v1/lessons/<int:pk>/completion/": [
        get(lambda m: f"/api/v1/lessons/{m.lesson.pk}/completion/", (401, 405, 405, 405, 405, 405)),
        write("put", lambda m: f"/api/v1/lessons/{m.lesson.pk}/completion/", (401, 404, 200, 403, 200, 403)),
        write(
            "delete", lambda m: f"/api/v1/lessons/{m.lesson.pk}/completion/", (401, 404, 204, 403, 204, 403)
        ),
    ],
    "api/v1/lessons/<int:pk>/reflections/": [
        get(lambda m: f"/api/v1/lessons/{m.lesson.pk}/reflections/", API_MEMBERS),
        post(lambda m: f"/api/v1/lessons/{m.lesson.pk}/reflections/", (401, 404, 400, 400, 400, 400)),
        write(
            "post",
            lambda m: f"/api/v1/lessons/{m.lesson.pk}/reflections/",
            (401, 404, 201, 403, 403, 403),
            lambda m: {"prompt_id": m.prompt_id, "body": "Otra idea"},
        ),
    ],
    "api/v1/reflections/<int:pk>/": [
        get(lambda m: f"/api/v1/reflections/{m.reflection.pk}/", (401, 404, 200, 404, 200, 200))
    ],
    "api/v1/reflections/<int:pk>/feedback/": [
        get(lambda m: f"/api/v1/reflections/{m.reflection.pk}/feedback/", (401, 405, 405, 405, 405, 405)),
        post(lambda m: f"/api/v1/reflections/{m.reflection.pk}/feedback/", (401, 404, 400, 404, 400, 400)),
        write(
            "post",
            lambda m: f"/api/v1/reflections/{m.reflection.pk}/feedback/",
            (401, 404, 201, 404, 201, 201),  # the author's answer back, the facilitators' feedback
            {"body": "Buena idea"},
        ),
    ],
    "api/v1/spaces/": [
        get(lambda m: f"/api/v1/spaces/?cohort={m.cohort.pk}", API_MEMBERS, "of a cohort"),
        get(lambda m: "/api/v1/spaces/", (401, 400, 400, 400, 400, 400), "no cohort"),
    ],
    "api/v1/threads/": [
        get(lambda m: f"/api/v1/threads/?space={m.space.pk}", API_MEMBERS, "of a space"),
        post(lambda m: "/api/v1/threads/", (401, 400, 400, 400, 400, 400)),
        write(
            "post",
            lambda m: "/api/v1/threads/",
            (401, 404, 201, 403, 201, 403),
            lambda m: {"space": m.space.pk, "title": "Tema", "body": "Texto"},
        ),
    ],
    "api/v1/threads/<int:pk>/": [get(lambda m: f"/api/v1/threads/{m.thread.pk}/", API_MEMBERS)],
    "api/v1/threads/<int:pk>/posts/": [
        get(lambda m: f"/api/v1/threads/{m.thread.pk}/posts/", API_MEMBERS),
        post(lambda m: f"/api/v1/threads/{m.thread.pk}/posts/", (401, 404, 400, 400, 400, 400)),
        write(
            "post",
            lambda m: f"/api/v1/threads/{m.thread.pk}/posts/",
            (401, 404, 201, 403, 201, 403),
            {"body": "Sí"},
        ),
    ],
    "api/v1/posts/<int:pk>/": [
        get(lambda m: f"/api/v1/posts/{m.post.pk}/", API_MEMBERS),
        write(
            "patch",
            lambda m: f"/api/v1/posts/{m.post.pk}/",
            (401, 404, 200, 403, 403, 403),
            {"body": "Mejor"},
        ),
        write("delete", lambda m: f"/api/v1/posts/{m.post.pk}/", (401, 404, 204, 403, 403, 403)),
    ],
    "api/v1/posts/<int:pk>/reactions/": [
        get(lambda m: f"/api/v1/posts/{m.post.pk}/reactions/", (401, 405, 405, 405, 405, 405)),
        post(lambda m: f"/api/v1/posts/{m.post.pk}/reactions/", (401, 404, 400, 400, 400, 400)),
        write(
            "post",
            lambda m: f"/api/v1/posts/{m.post.pk}/reactions/",
            (401, 404, 400, 403, 200, 403),
            {"kind": "thanks"},
        ),
    ],
    "api/v1/notifications/": [get(lambda m: "/api/v1/notifications/", API_SIGNED_IN)],
    "api/v1/notifications/read/": [
        get(lambda m: "/api/v1/notifications/read/", (401, 405, 405, 405, 405, 405)),
        post(lambda m: "/api/v1/notifications/read/", (401, 400, 400, 400, 400, 400)),
    ],
    "api/v1/gatherings/": [get(lambda m: "/api/v1/gatherings/", API_SIGNED_IN)],
    "api/v1/gatherings/<int:pk>/": [get(lambda m: f"/api/v1/gatherings/{m.gathering.pk}/", API_MEMBERS)],
    "api/v1/gatherings/<int:pk>/attendance/": [
        get(lambda m: f"/api/v1/gatherings/{m.gathering.pk}/attendance/", API_MANAGERS)
    ],
    "api/v1/gatherings/<int:pk>/events/": [
        get(lambda m: f"/api/v1/gatherings/{m.gathering.pk}/events/", API_MEMBERS)
    ],
    "api/v1/gatherings/<int:pk>/messages/": [
        get(lambda m: f"/api/v1/gatherings/{m.gathering.pk}/messages/", (401, 405, 405, 405, 405, 405)),
        post(lambda m: f"/api/v1/gatherings/{m.gathering.pk}/messages/", (401, 404, 400, 400, 400, 400)),
        write(
            "post",
            lambda m: f"/api/v1/gatherings/{m.gathering.pk}/messages/",
            (401, 404, 201, 403, 201, 201),
            {"text": "Hola"},
        ),
    ],
    "api/v1/schema/": [get(lambda m: "/api/v1/schema/", API_EVERYONE)],
    "api/v1/docs/": [get(lambda m: "/api/v1/docs/", API_EVERYONE)],
    "api/v1/^.*$": [get(lambda m: "/api/v1/no-such-endpoint/", (404,) * 6)],
}

PAGE_MATRIX: dict[str, list[Case]] = {
    "documents/^(\\d+)/(.*)$": [get(lambda m: m.document.url, EVERYONE)],
    "documents/authenticate_with_password/<int:restriction_id>/": [
        get(lambda m: "/documents/authenticate_with_password/999999/", (404,) * 6)
    ],
    "accounts/signup/": [
        get(lambda m: "/accounts/signup/", (200, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
        post(lambda m: "/accounts/signup/", (200, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    ],
    "accounts/password_reset/": [get(lambda m: "/accounts/password_reset/", EVERYONE)],
    "accounts/reset/<uidb64>/<token>/": [get(lambda m: m.reset_url, EVERYONE, "invalid link")],
    "accounts/login/": [get(lambda m: "/accounts/login/", EVERYONE)],
    "accounts/logout/": [
        get(lambda m: "/accounts/logout/", (405,) * 6),
        post(lambda m: "/accounts/logout/", (REDIRECT,) * 6),
    ],
    "accounts/password_change/": [
        get(lambda m: "/accounts/password_change/", SIGNED_IN),
        post(lambda m: "/accounts/password_change/", SIGNED_IN),
    ],
    "accounts/password_change/done/": [get(lambda m: "/accounts/password_change/done/", SIGNED_IN)],
    "accounts/password_reset/done/": [get(lambda m: "/accounts/password_reset/done/", EVERYONE)],
    "accounts/reset/done/": [get(lambda m: "/accounts/reset/done/", EVERYONE)],
    "i18n/setlang/": [
        get(lambda m: "/i18n/setlang/", (REDIRECT,) * 6),
        post(lambda m: "/i18n/setlang/", (REDIRECT,) * 6, language="en"),
    ],
    "jsi18n/": [get(lambda m: "/jsi18n/", EVERYONE)],
    "healthz": [get(lambda m: "/healthz", EVERYONE)],
    # courses
    "catalogue/": [get(lambda m: "/catalogue/", (REDIRECT,) * 6)],
    "learning/": [get(lambda m: "/learning/", SIGNED_IN)],
    "cohorts/<int:pk>/": [get(lambda m: f"/cohorts/{m.cohort.pk}/", MEMBERS)],
    "cohorts/<int:pk>/enrol/": [
        get(lambda m: f"/cohorts/{m.cohort.pk}/enrol/", (405,) * 6),
        post(
            lambda m: f"/cohorts/{m.cohort.pk}/enrol/",
            (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        ),
    ],
    "reflections/<int:pk>/": [
        get(lambda m: f"/reflections/{m.reflection.pk}/", (LOGIN, 404, 200, 404, 200, 200)),
        post(lambda m: f"/reflections/{m.reflection.pk}/", (LOGIN, 404, 400, 404, 400, 400)),
        write(
            "post",
            lambda m: f"/reflections/{m.reflection.pk}/",
            (LOGIN, 404, REDIRECT, 404, REDIRECT, REDIRECT),
            {"body": "Gracias"},
        ),
    ],
    # forums
    "cohorts/<int:cohort_id>/spaces/": [get(lambda m: f"/cohorts/{m.cohort.pk}/spaces/", MEMBERS)],
    "cohorts/<int:cohort_id>/members.json": [
        get(lambda m: f"/cohorts/{m.cohort.pk}/members.json", (LOGIN, 404, 200, 404, 200, 404))
    ],
    "cohorts/<int:cohort_id>/search/": [get(lambda m: f"/cohorts/{m.cohort.pk}/search/?q=hola", MEMBERS)],
    "cohorts/<int:cohort_id>/voices/": [get(lambda m: f"/cohorts/{m.cohort.pk}/voices/", MANAGERS)],
    "spaces/<int:pk>/": [
        get(lambda m: f"/spaces/{m.space.pk}/", MEMBERS),
        post(lambda m: f"/spaces/{m.space.pk}/", (LOGIN, 404, 400, 404, 400, 404)),
        write(
            "post",
            lambda m: f"/spaces/{m.space.pk}/",
            (LOGIN, 404, REDIRECT, 404, REDIRECT, 404),
            {"title": "Tema", "body": "Texto"},
        ),
    ],
    "threads/<int:pk>/": [get(lambda m: f"/threads/{m.thread.pk}/", MEMBERS)],
    "threads/<int:pk>/reply/": [
        get(lambda m: f"/threads/{m.thread.pk}/reply/", (405,) * 6),
        post(lambda m: f"/threads/{m.thread.pk}/reply/", (LOGIN, 404, 400, 404, 400, 404)),
        write(
            "post",
            lambda m: f"/threads/{m.thread.pk}/reply/",
            (LOGIN, 404, REDIRECT, 404, REDIRECT, 404),
            {"body": "Sí"},
        ),
    ],
    "threads/<int:pk>/read/": [
        get(lambda m: f"/threads/{m.thread.pk}/read/", GET_ONLY_POST),
        post(lambda m: f"/threads/{m.thread.pk}/read/", (LOGIN, 404, REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    ],
    "spaces/<int:pk>/subscription/": [
        post(lambda m: f"/spaces/{m.space.pk}/subscription/", (LOGIN, 404, 404, 404, REDIRECT, REDIRECT))
    ],
    "threads/<int:pk>/subscription/": [
        post(
            lambda m: f"/threads/{m.thread.pk}/subscription/",
            (LOGIN, 404, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        )
    ],
    "threads/<int:pk>/moderate/": [
        post(lambda m: f"/threads/{m.thread.pk}/moderate/", (LOGIN, 404, 404, 404, REDIRECT, REDIRECT))
    ],
    "posts/<int:pk>/": [
        get(lambda m: f"/posts/{m.post.pk}/", (LOGIN, 404, REDIRECT, REDIRECT, REDIRECT, REDIRECT))
    ],
    "posts/<int:pk>/fragment/": [get(lambda m: f"/posts/{m.post.pk}/fragment/", MEMBERS)],
    "posts/<int:pk>/edit/": [
        get(lambda m: f"/posts/{m.post.pk}/edit/", (LOGIN, 404, 200, 404, 200, 200)),
        post(lambda m: f"/posts/{m.post.pk}/edit/", (LOGIN, 404, 400, 404, 404, 404)),
        write(
            "post",
            lambda m: f"/posts/{m.post.pk}/edit/",
            (LOGIN, 404, REDIRECT, 404, 404, 404),
            {"body": "Mejor"},
        ),
    ],
    "posts/<int:pk>/delete/": [
        get(lambda m: f"/posts/{m.post.pk}/delete/", (LOGIN, 404, 200, 404, 404, 404)),
        post(lambda m: f"/posts/{m.post.pk}/delete/", (LOGIN, 404, REDIRECT, 404, 404, 404)),
    ],
    "posts/<int:pk>/react/": [
        post(lambda m: f"/posts/{m.post.pk}/react/", (LOGIN, 404, REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
        write(
            "post",
            lambda m: f"/posts/{m.post.pk}/react/",
            (LOGIN, 404, REDIRECT, 404, REDIRECT, 404),
            {"kind": "thanks"},
        ),
    ],
    "posts/<int:pk>/moderate/": [
        post(lambda m: f"/posts/{m.post.pk}/moderate/", (LOGIN, 404, 404, 404, REDIRECT, REDIRECT))
    ],
    "notifications/": [get(lambda m: "/notifications/", SIGNED_IN)],
    "notifications/preferences/": [
        post(
            lambda m: "/notifications/preferences/", (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
        )
    ],
    "notifications/read-all/": [
        post(lambda m: "/notifications/read-all/", (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT))
    ],
    "notifications/unsubscribe/<str:token>/": [
        get(lambda m: f"/notifications/unsubscribe/{m.unsubscribe_token}/", EVERYONE, "valid token"),
        get(lambda m: "/notifications/unsubscribe/forged/", (404,) * 6, "forged token"),
    ],
    "notifications/<int:pk>/read/": [
        post(lambda m: f"/notifications/{m.notification.pk}/read/", (LOGIN, 404, REDIRECT, 404, 404, 404))
    ],
    # announcements
    "announcements/<int:pk>/": [get(lambda m: f"/announcements/{m.announcement.pk}/", MEMBERS)],
    "announcements/nudges/<int:pk>/read/": [
        get(lambda m: f"/announcements/nudges/{m.nudge.pk}/read/", (405,) * 6),
        post(lambda m: f"/announcements/nudges/{m.nudge.pk}/read/", (LOGIN, 404, REDIRECT, 404, 404, 404)),
    ],
    # certificates
    "certificates/": [get(lambda m: "/certificates/", EVERYONE)],
    "certificates/<str:code>/": [
        get(lambda m: f"/certificates/{m.certificate.code}/", EVERYONE, "genuine"),
        get(lambda m: "/certificates/NOPE-NOPE-NOPE/", (404,) * 6, "unknown code"),
    ],
    "certificates/mine/<int:cohort_id>/pdf/": [
        get(lambda m: f"/certificates/mine/{m.cohort.pk}/pdf/", (LOGIN, 404, 200, 404, 404, 404))
    ],
    # small groups (the participant is in the group; the observer is not)
    "cohorts/<int:cohort_id>/groups/<int:group_id>/": [
        get(lambda m: f"/cohorts/{m.cohort.pk}/groups/{m.group.pk}/", (LOGIN, 404, 200, 404, 200, 200))
    ],
    "cohorts/<int:cohort_id>/groups/<int:group_id>/plan/": [
        get(lambda m: f"/cohorts/{m.cohort.pk}/groups/{m.group.pk}/plan/", (LOGIN, 404, 200, 404, 200, 200)),
        post(  # an empty plan is a valid plan
            lambda m: f"/cohorts/{m.cohort.pk}/groups/{m.group.pk}/plan/",
            (LOGIN, 404, REDIRECT, 404, REDIRECT, REDIRECT),
        ),
    ],
    "cohorts/<int:cohort_id>/groups/<int:group_id>/sessions/new/": [
        get(
            lambda m: f"/cohorts/{m.cohort.pk}/groups/{m.group.pk}/sessions/new/",
            (LOGIN, 404, 200, 404, 200, 200),
        ),
        post(
            lambda m: f"/cohorts/{m.cohort.pk}/groups/{m.group.pk}/sessions/new/",
            (LOGIN, 404, 200, 404, 200, 200),
        ),
    ],
    "cohorts/<int:cohort_id>/groups/<int:group_id>/sessions/<int:pk>/": [
        get(
            lambda m: f"/cohorts/{m.cohort.pk}/groups/{m.group.pk}/sessions/{m.group_session.pk}/",
            (LOGIN, 404, 200, 404, 200, 200),
        )
    ],
    # live
    "gatherings/<int:pk>/room/": [get(lambda m: f"/gatherings/{m.gathering.pk}/room/", MEMBERS)],
    "gatherings/<int:pk>/room/act/": [
        post(
            lambda m: f"/gatherings/{m.gathering.pk}/room/act/",
            (LOGIN, 404, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        )
    ],
    "gatherings/<int:pk>/record/": [get(lambda m: f"/gatherings/{m.gathering.pk}/record/", MEMBERS)],
    "gatherings/<int:pk>/calendar.ics": [
        get(lambda m: f"/gatherings/{m.gathering.pk}/calendar.ics", MEMBERS)
    ],
    "cohorts/<int:pk>/calendar/": [get(lambda m: f"/cohorts/{m.cohort.pk}/calendar/", MEMBERS)],
    "cohorts/<int:pk>/attendance/": [get(lambda m: f"/cohorts/{m.cohort.pk}/attendance/", MANAGERS)],
    "calendar/regenerate/": [
        get(lambda m: "/calendar/regenerate/", (405,) * 6),
        post(lambda m: "/calendar/regenerate/", (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    ],
    "calendar/<str:token>.ics": [
        get(lambda m: f"/calendar/{m.feed_token}.ics", EVERYONE, "valid token"),
        get(lambda m: "/calendar/forged.ics", (404,) * 6, "forged token"),
    ],
    # Wagtail
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
        get(lambda m: f"/_util/authenticate_with_password/999999/{m.lesson.pk}/", (404,) * 6)
    ],
    "_util/login/": [get(lambda m: "/_util/login/", EVERYONE)],
    "^((?:[\\w\\-]+/)*)$": [
        get(lambda m: "/", EVERYONE, "HomePage"),
        get(lambda m: m.catalogue.url, EVERYONE, "CourseIndexPage"),
        get(lambda m: m.course.url, EVERYONE, "CoursePage"),
        get(lambda m: m.module.url, (REDIRECT,) * 6, "ModulePage"),
        get(lambda m: m.lesson.url, (LOGIN, 403, 200, 200, 200, 200), "LessonPage released"),
        get(lambda m: m.locked_lesson.url, (LOGIN, 403, 403, 403, 200, 200), "LessonPage not yet released"),
        get(lambda m: m.other_lesson.url, (LOGIN, 200, 403, 403, 403, 200), "LessonPage of another course"),
        get(lambda m: m.draft_url, (404,) * 6, "LessonPage unpublished"),
        get(lambda m: "/no-such-page/", (404,) * 6, "no such page"),
    ],
}

# Routes of routable pages, served through the catch-all: "<page model>:<route name>" → cases.
ROUTE_MATRIX: dict[str, list[Case]] = {
    "LessonPage:complete": [
        get(lambda m: m.lesson.url + "complete/", (LOGIN, 403, 405, 405, 405, 405)),
        post(lambda m: m.lesson.url + "complete/", (LOGIN, 403, REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    ],
    "LessonPage:reflect": [
        get(lambda m: m.lesson.url + f"reflections/{m.prompt_id}/", (LOGIN, 403, 405, 405, 405, 405)),
        post(lambda m: m.lesson.url + f"reflections/{m.prompt_id}/", (LOGIN, 403, 400, 400, 400, 400)),
        write(
            "post",
            lambda m: m.lesson.url + f"reflections/{m.prompt_id}/",
            (LOGIN, 403, REDIRECT, 400, 400, 400),
            {"body": "Otra idea"},
        ),
    ],
}

MATRIX = {**API_MATRIX, **PAGE_MATRIX}
OUR_PAGE_APPS = {"courses"}


# --- the URLconf, walked -------------------------------------------------------------------------------


def url_patterns() -> dict[str, str]:
    """Every URL pattern of the site but the admin's: route → view name (a shadowed duplicate once)."""
    found: dict[str, str] = {}

    def walk(resolver: URLResolver, prefix: str) -> None:
        for item in resolver.url_patterns:
            route = prefix + str(item.pattern)
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            if isinstance(item, URLResolver):
                walk(item, route)
            elif isinstance(item, URLPattern):
                found.setdefault(route, item.lookup_str)

    walk(get_resolver(), "")
    return found


def page_types() -> set[str]:
    return {m.__name__ for m in get_page_models() if m._meta.app_label in OUR_PAGE_APPS}


def routable_routes() -> set[str]:
    routes = set()
    for model in get_page_models():
        if model._meta.app_label in OUR_PAGE_APPS and issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                if pattern.name != "index_route":  # the page itself: its page-type case above
                    routes.add(f"{model.__name__}:{pattern.name}")
    return routes


def unlisted_patterns() -> list[str]:
    patterns = url_patterns()
    return [f"{route} ({patterns[route]})" for route in sorted(set(patterns) - set(MATRIX))]


def test_every_url_pattern_has_an_entry():
    missing = unlisted_patterns()
    assert not missing, "URL patterns without an entry in the access matrix (add them): " + ", ".join(missing)
    stale = sorted(set(MATRIX) - set(url_patterns()))
    assert not stale, f"entries for URL patterns that no longer exist: {stale}"


def test_a_new_url_pattern_without_an_entry_is_named():
    with override_settings(ROOT_URLCONF="tests.security.urls_with_a_new_page"):
        missing = unlisted_patterns()
    assert missing == ["cohorts/<int:pk>/brand-new/ (tests.security.urls_with_a_new_page.view)"]


def test_every_page_type_and_route_has_an_entry():
    served = {case.label.split()[0] for case in PAGE_MATRIX["^((?:[\\w\\-]+/)*)$"]}
    missing_types = sorted(page_types() - served)
    assert not missing_types, f"page types without a case in the access matrix: {missing_types}"
    missing_routes = sorted(routable_routes() - set(ROUTE_MATRIX))
    assert not missing_routes, f"routable page routes without an entry in the access matrix: {missing_routes}"
    assert not set(ROUTE_MATRIX) - routable_routes(), "entries for routes that no longer exist"


# --- the fixtures: built once for the module, rolled back at its end -----------------------------------


@pytest.fixture(scope="module")
def m(django_db_setup, django_db_blocker):
    """The world of tests/conftest.py plus one object of every kind an address names, built once for
    the module and rolled back at its end (tests/security/conftest.py)."""
    with module_rows(django_db_blocker, _build) as data:
        yield data
        data.document.file.delete(save=False)


def _build() -> SimpleNamespace:
    from django.contrib.auth import get_user_model
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from wagtail.documents import get_document_model

    w = build_world()
    lesson = w.tree.lessons[0][0]
    prompt_id = next(b.id for b in lesson.body if b.block_type == "reflection_prompt")
    reflection = services.reflection_submit(
        user=w.participant, lesson=lesson, prompt_id=prompt_id, body="texto"
    )
    space = forum_services.space_ensure_for_cohort(cohort=w.cohort)
    thread = forum_services.thread_create(
        user=w.participant, space=space, title="Conversación", body="Hola.", enforce_rate_limit=False
    )
    root = thread.posts.get()
    reply = forum_services.post_publish(
        user=w.facilitator,
        thread=thread,
        body="Gracias @participante",
        reply_to=root,
        enforce_rate_limit=False,
    )
    notification, _created = Notification.objects.get_or_create(
        recipient=w.participant,
        post=reply,
        defaults={"kind": Notification.Kind.REPLY, "thread": thread, "actor": w.facilitator},
    )
    draft = w.tree.lessons[1][1]
    draft_url = draft.url
    draft.unpublish()
    if Collection.get_first_root_node() is None:  # a transactional test flushed what migrations made
        Collection.add_root(name="Root")
    document = get_document_model().objects.create(
        title="Guía", file=ContentFile(b"%PDF-1.4\n% guia\n", name=f"guia-{uuid.uuid4().hex[:8]}.pdf")
    )
    nobody = get_user_model()(pk=987654)
    announcement = announcement_services.announcement_create(
        cohort=w.cohort, author=w.facilitator, title="Aviso", body="Texto"
    )
    nudge = announcement_services.nudges_send(
        cohort=w.cohort,
        sender=w.facilitator,
        enrollment_ids=[w.cohort.enrollments.get(user=w.participant).pk],
        subject="Hola",
        body="Te esperamos",
        batch_key=uuid.uuid4(),
    )[0]
    certificate = Certificate.objects.create(
        cohort=w.cohort,
        user=w.participant,
        full_name="Participante Test",
        course_title=w.tree.course.title,
        cohort_name=w.cohort.name,
        starts_on=w.cohort.starts_on,
        ends_on=w.cohort.ends_on,
    )
    group = CohortGroup.objects.create(cohort=w.cohort, name="GIA Matriz")
    w.cohort.enrollments.filter(user=w.participant).update(group=group)
    group_session = GroupSession.objects.create(
        group=group,
        held_on=w.cohort.starts_on,
        record="Acta",
        record_html="<p>Acta</p>",
        recorded_by=w.participant,
    )
    return SimpleNamespace(
        announcement=announcement,
        nudge=nudge,
        certificate=certificate,
        group=group,
        group_session=group_session,
        **vars(w),
        course=w.tree.course,
        catalogue=w.tree.course.get_parent().specific,
        module=w.tree.modules[0],
        lesson=lesson,
        locked_lesson=w.tree.lessons[2][0],
        other_lesson=w.other_tree.lessons[0][0],
        draft_url=draft_url,
        prompt_id=prompt_id,
        reflection=reflection,
        space=space,
        thread=thread,
        post=root,
        notification=notification,
        gathering=make_gathering(w.cohort),
        unsubscribe_token=emails.unsubscribe_token(w.participant, emails.IMMEDIATE),
        feed_token=calendar.feed_for(w.participant).token,
        document=document,
        reset_url=f"/accounts/reset/{urlsafe_base64_encode(force_bytes(nobody.pk))}/"
        f"{default_token_generator.make_token(w.participant)}/",
    )


# --- requests ------------------------------------------------------------------------------------------


def outcome(response) -> int | str:
    if response.status_code in (301, 302, 303, 307, 308):
        return LOGIN if response["Location"].startswith("/accounts/login/") else REDIRECT
    return response.status_code


def call(m, case: Case, role: str):
    user = None if role == "anonymous" else getattr(m, role)
    url = case.url(m)
    data = case.data(m) if callable(case.data) else case.data
    if url.startswith("/api/"):
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        return getattr(client, case.method)(url, data or None, format="json")
    client = Client()
    if user is not None:
        client.force_login(user)
    return getattr(client, case.method)(url, data)


def all_cases():
    for route, cases in [*MATRIX.items(), *ROUTE_MATRIX.items()]:
        for case in cases:
            for role, expected in zip(ROLES, case.expect, strict=True):
                name = f"{case.method.upper()} {route}{f' [{case.label}]' if case.label else ''} as {role}"
                yield pytest.param(case, role, expected, id=name)


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "role", "expected"), list(all_cases()))
def test_access(m, case, role, expected):
    response = call(m, case, role)
    got = outcome(response)
    where = f"{case.method.upper()} {case.url(m)} as {role}"
    assert got == expected, f"{where}: expected {expected}, got {got}"
    is_html = response.get("Content-Type", "").startswith("text/html")
    if got == 200 and is_html and not case.url(m).startswith("/api/v1/docs/"):
        policy = response.get("Content-Security-Policy", "")
        assert "script-src 'self';" in policy + ";" and "'unsafe-inline'" not in policy, where
        assert csp_violations(response.content.decode()) == [], where
