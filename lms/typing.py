"""The types every app annotates people and requests with.

Tertulia uses Django's default user model (``AUTH_USER_MODEL`` is not set), so a person is
``django.contrib.auth.models.User``; a visitor who may not be signed in is ``AnyUser``. Annotate with
these, never with ``AbstractUser``/``AbstractBaseUser`` guesses: the type checker then knows the
fields of ``User`` (``email``, ``is_staff``…) and that model lookups accept it.

``AuthenticatedHttpRequest`` is the request of a view that only runs for a signed-in user
(``login_required``, the Wagtail admin): its ``user`` is a ``User``, not ``AnyUser``.

``AuthenticatedRequest`` is the same for an API view (DRF's ``Request``) that only runs for a signed-in
user (``IsAuthenticated``, the API's default permission).

``StrOrPromise`` is a message that may still be lazy (``gettext_lazy``), translated when rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from rest_framework.request import Request

if TYPE_CHECKING:
    # The stubs' lazy string (a Promise that behaves as a str); django-stubs-ext comes with django-stubs.
    from django_stubs_ext import StrOrPromise
else:
    from django.utils.functional import Promise

    StrOrPromise = str | Promise

__all__ = ["AnyUser", "AuthenticatedHttpRequest", "AuthenticatedRequest", "StrOrPromise", "User"]

AnyUser: TypeAlias = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """For annotations only: Django builds plain ``HttpRequest`` objects."""

    user: User


class AuthenticatedRequest(Request):
    """For annotations only: DRF builds plain ``Request`` objects."""

    user: User
