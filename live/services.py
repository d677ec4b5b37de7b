"""Scheduling services for gatherings (the room's own rules are in live.room)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from live.models import Gathering

MAX_WEEKLY_REPEATS = 30


def gathering_repeat_weekly(*, gathering: Gathering, weeks: int) -> list[Gathering]:
    """Schedule `weeks` more copies of a gathering, one week apart, at the same local time.

    Times are kept in the cohort's time zone, so a daylight-saving change moves nothing for members.
    """
    if not 0 <= weeks <= MAX_WEEKLY_REPEATS:
        raise ValidationError(
            _("A gathering can repeat for at most %(max)d weeks.") % {"max": MAX_WEEKLY_REPEATS},
            code="too_many",
        )
    tz = gathering.cohort.tz
    start_local = gathering.starts_at.astimezone(tz)
    duration = gathering.ends_at - gathering.starts_at
    copies = []
    with transaction.atomic():
        for week in range(1, weeks + 1):
            start = dt.datetime.combine(start_local.date() + dt.timedelta(weeks=week), start_local.timetz())
            copies.append(
                Gathering.objects.create(
                    cohort=gathering.cohort,
                    group=gathering.group,
                    title=gathering.title,
                    kind=gathering.kind,
                    starts_at=start,
                    ends_at=start + duration,
                    lesson=gathering.lesson,
                    external_url=gathering.external_url,
                    agenda=gathering.agenda,
                )
            )
    return copies
