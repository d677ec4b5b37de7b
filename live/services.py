"""Scheduling services for gatherings (the room's own rules are in live.room)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courses import access as course_access
from live.models import Gathering

if TYPE_CHECKING:
    from courses.models import Cohort, CohortGroup, LessonPage
    from lms.typing import AnyUser

MAX_WEEKLY_REPEATS = 30


def gathering_validate(
    *,
    cohort: Cohort,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    group: CohortGroup | None = None,
    lesson: LessonPage | None = None,
) -> None:
    """The scheduling rules, shared by the admin form and the API: raise field errors."""
    errors: dict[str, str] = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("A gathering must end after it starts.")
    if group is not None and group.cohort_id != cohort.pk:
        errors["group"] = _("That small group belongs to another cohort.")
    if lesson is not None and not lesson.path.startswith(cohort.course.path):
        errors["lesson"] = _("That lesson belongs to another course.")
    if errors:
        raise ValidationError(errors)


def gathering_create(
    *,
    user: AnyUser,
    cohort: Cohort,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    repeat_weeks: int = 0,
    **fields: Any,
) -> list[Gathering]:
    """A facilitator schedules a gathering (and its weekly repeats) for a cohort they manage."""
    if not course_access.can_manage_cohort(user, cohort):
        raise PermissionDenied
    gathering_validate(
        cohort=cohort,
        starts_at=starts_at,
        ends_at=ends_at,
        group=fields.get("group"),
        lesson=fields.get("lesson"),
    )
    with transaction.atomic():
        gathering = Gathering.objects.create(
            cohort=cohort, title=title, starts_at=starts_at, ends_at=ends_at, **fields
        )
        return [gathering, *gathering_repeat_weekly(gathering=gathering, weeks=repeat_weeks)]


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
