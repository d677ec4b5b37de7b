"""Security plumbing shared by the whole site: the Content-Security-Policy per area, the client's
address behind proxies, and the sign-in lockout answer (django-axes).

Settings live in lms/settings/base.py (policy, lockout limits) and production.py (HTTPS-only headers);
docs/deployment.md lists the environment variables and docs/testing.md the tests that hold it together.
"""

from __future__ import annotations

import math

from axes.backends import AxesBackend
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

# --- Content-Security-Policy ---------------------------------------------------------------------------


def _area_policy(path: str) -> dict | None:
    """The directives that replace the site's policy under a path prefix (longest prefix wins)."""
    areas = getattr(settings, "TERTULIA_CSP_AREAS", {})
    for prefix in sorted(areas, key=len, reverse=True):
        if path.startswith(prefix):
            return areas[prefix]
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per area of the site.

    Participant pages get the strict policy of ``CONTENT_SECURITY_POLICY`` (no inline scripts or
    styles). The Wagtail admin gets its own, relaxed one (``TERTULIA_CSP_AREAS``): Wagtail's editor still
    writes inline ``<script>`` and ``style=""`` and its preview panel frames pages of the same origin,
    and the people there are editors we trust, signed in. A relaxed policy still keeps plugins,
    foreign scripts, ``<base>`` and foreign form targets out, where excluding the admin would keep
    nothing.

    Every policy also names the WebSocket origin of the host explicitly in ``connect-src``: CSP Level 3
    lets ``'self'`` match ``ws:``/``wss:`` of the same host, but older WebKit (phones kept for years)
    does not, and the room and thread pages need their sockets.
    """

    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        area = _area_policy(request.path_info)
        if area is not None and parts.config is None:
            parts.config = area
        try:
            host = request.get_host()
        except DisallowedHost:
            return parts
        sockets = [f"wss://{host}"] if request.is_secure() else [f"ws://{host}", f"wss://{host}"]
        parts.update = {**(parts.update or {})}
        parts.update["connect-src"] = [*parts.update.get("connect-src", []), *sockets]
        return parts


# --- the client's address -----------------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str | None:
    """The address of the person, not of our own proxy.

    With ``TRUSTED_PROXY_COUNT`` = N > 0 proxies in front of daphne, each appending the address it
    received the request from to ``X-Forwarded-For``, the client is the N-th address from the right: the
    one our outermost proxy saw. Addresses further left were written by the client and are not trusted
    (a login lockout keyed on them could be dodged by sending a new one each time). With N = 0 (no proxy)
    it is the socket's peer, ``REMOTE_ADDR``. DRF's throttles use the same rule (``NUM_PROXIES``).
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-min(count, len(hops))]


# --- sign-in lockout ------------------------------------------------------------------------------------


def _cool_off_minutes() -> int:
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    if cool_off is None:
        return 0
    return max(1, math.ceil(cool_off.total_seconds() / 60))


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once a name has failed too often from one address: 429, translated.

    The API gets its usual JSON error shape and a ``Retry-After``; everyone else a page that says how
    long to wait and offers the password reset (the usual reason for failing five times).
    """
    minutes = _cool_off_minutes()
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    response: HttpResponse
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {
                "code": "locked_out",
                "detail": _(
                    "Too many failed sign-in attempts. "
                    "Try again in %(minutes)s minutes or reset your password."
                )
                % {"minutes": minutes},
            },
            status=status,
        )
    else:
        context = {"minutes": minutes}
        page = TemplateResponse(request, "registration/locked_out.html", context, status=status)
        page.render()
        response = page
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response


class TestClientAxesBackend(AxesBackend):
    """Test settings only. Django's test ``Client.login()`` calls ``authenticate()`` without a request,
    which the real backend refuses (every sign-in over HTTP passes one): without a request there is no
    address to count failures against, so this backend steps aside; with one it is the real thing. It
    can also load users (Wagtail's test helpers log in with the first backend of the list)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
