"""When a gathering ends, its record is also posted as a conversation in the cohort's forum space."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from courses.models import Enrollment
from forums import access as forum_access
from forums import services as forum_services
from live import selectors
from live.models import Gathering
from lms.people import display_name
from lms.typing import User

logger = logging.getLogger(__name__)


def _record_markdown(gathering: Gathering, record_url: str) -> str:
    record = selectors.gathering_record(gathering)
    lines = [_("The record of this gathering: %(url)s") % {"url": record_url}, ""]
    if record["turns"]:
        lines.append("**" + _("Turns to speak") + "**")
        lines.append("")
        for number, turn in enumerate(record["turns"], start=1):
            name = display_name(turn.user)
            passage = f" — «{turn.passage}»" if turn.passage else ""
            lines.append(f"{number}. {name}{passage}")
        lines.append("")
    for result in record["polls"]:
        lines.append(f"**{result.poll.question}**")
        lines.append("")
        lines.extend(f"- {label}: {count}" for label, count in result.rows)
        lines.append("")
    if gathering.notes:
        lines.extend(["**" + _("Moderator's notes") + "**", "", gathering.notes])
    return "\n".join(lines)


def record_publish(*, gathering: Gathering, user: User, record_url: str) -> None:
    """Post the record once, in the cohort's language; a failure never prevents ending the gathering."""
    if gathering.record_thread_id is not None:
        return
    space = forum_services.space_ensure_for_cohort(cohort=gathering.cohort)
    author = user
    if not forum_access.can_post(author, space):
        facilitator = (
            Enrollment.objects.filter(cohort=gathering.cohort, role=Enrollment.Role.FACILITATOR)
            .select_related("user")
            .first()
        )
        if facilitator is None:
            return
        author = facilitator.user
    try:
        with transaction.atomic(), translation.override(gathering.cohort.course.language):
            thread = forum_services.thread_create(
                user=author,
                space=space,
                title=_("Record: %(title)s") % {"title": gathering.title},
                body=_record_markdown(gathering, record_url),
                enforce_rate_limit=False,
            )
            Gathering.objects.filter(pk=gathering.pk).update(record_thread=thread)
            gathering.record_thread = thread
    except (ValidationError, PermissionDenied):
        logger.exception("Could not post the record of gathering %s in the forum", gathering.pk)
