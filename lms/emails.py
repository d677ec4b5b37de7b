"""E-mail in each member's language, with absolute links: the one way every app writes to people.

- ``absolute(path)`` builds links from ``BASE_URL`` (the site's public address).
- ``recipient_language`` is the rule for the language of every e-mail: the member's chosen language
  (``MemberPreferences.language``), else the language of the course the e-mail is about (the caller
  passes it), else the site's default.
- ``preferences_of`` loads many members' preferences in one query, so a batch asks nothing per person.
- ``send_messages`` sends a batch and logs a failure instead of raising: callers decide what a failure
  means (nothing is marked sent unless it went out).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core import mail

from lms.models import MemberPreferences
from lms.typing import User

logger = logging.getLogger(__name__)


def base_url() -> str:
    return getattr(settings, "FORUMS_EMAIL_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    return base_url() + path


def supported_language(code: str | None) -> str:
    codes = {c for c, _name in settings.LANGUAGES}
    return code if code and code in codes else settings.LANGUAGE_CODE


def preferences_for(user: User) -> MemberPreferences:
    """The member's preferences, or unsaved defaults (nothing is written just by reading)."""
    return MemberPreferences.objects.filter(user_id=user.pk).first() or MemberPreferences(user_id=user.pk)


def preferences_of(users: Iterable[User]) -> dict[int, MemberPreferences]:
    """Every member's preferences (unsaved defaults for those who have none), in one query."""
    ids = {user.pk for user in users}
    found = {p.user_id: p for p in MemberPreferences.objects.filter(user_id__in=ids)}
    return {pk: found.get(pk) or MemberPreferences(user_id=pk) for pk in ids}


def recipient_language(
    user: User,
    *,
    course_language: str | None = None,
    preferences: MemberPreferences | None = None,
) -> str:
    """The language to write to ``user`` in (see the module's docstring)."""
    prefs = preferences if preferences is not None else preferences_for(user)
    if prefs.language:
        return supported_language(prefs.language)
    return supported_language(course_language)


def send_messages(messages: Sequence[mail.EmailMessage], *, what: str) -> bool:
    """Send a batch over one connection; ``False`` (and a logged error) when the server refuses."""
    if not messages:
        return True
    try:
        mail.get_connection().send_messages(list(messages))
    except Exception:
        logger.exception("Could not send %d %s e-mails", len(messages), what)
        return False
    return True
