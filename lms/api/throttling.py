"""Throttling per token or signed-in user (anonymous callers per address), with Retry-After.

Rates are read on every request (not frozen at import like DRF's own classes), so settings and
tests can change them: REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] with the scopes below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rest_framework import throttling
from rest_framework.settings import api_settings

if TYPE_CHECKING:  # rest_framework.views imports this module (DEFAULT_THROTTLE_CLASSES) while loading
    from rest_framework.request import Request
    from rest_framework.views import APIView

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class _LiveRates(throttling.SimpleRateThrottle):
    scope: str  # each throttle below names its scope

    def get_rate(self) -> str | None:
        # Rates are "count/period" strings (the stubs type them as numbers).
        rates = cast("dict[str, str | None]", api_settings.DEFAULT_THROTTLE_RATES)
        return rates.get(self.scope)

    def allow_request(self, request: Request, view: APIView) -> bool:
        # The budgets are the public API's; Wagtail's admin API (/admin/api/) keeps its own ways.
        if not request.path.startswith("/api/"):
            return True
        return super().allow_request(request, view)


class UserThrottle(_LiveRates, throttling.UserRateThrottle):
    """Every request of a signed-in user (session or token), whatever the endpoint."""

    scope = "user"


class AnonThrottle(_LiveRates, throttling.AnonRateThrottle):
    scope = "anon"


class WriteThrottle(_LiveRates, throttling.UserRateThrottle):
    """Writes (POST, PUT, PATCH, DELETE) of one user: a tighter budget than reads."""

    scope = "write"

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return True
        return super().allow_request(request, view)


class AuthThrottle(_LiveRates, throttling.AnonRateThrottle):
    """Password attempts for tokens, per client address (guessing passwords is slow)."""

    scope = "auth"
