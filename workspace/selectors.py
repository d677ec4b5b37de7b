"""Selectors that read several apps: a cohort's participation across forums and gatherings.

Participation figures are for facilitators, to invite voices in, never to grade: every participant
is counted, zeros included (the Gini coefficients too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count

from courses.models import Cohort, Enrollment
from forums import selectors as forum_selectors
from live import attendance
from live.models import Gathering, Turn
from lms.stats import gini


@dataclass
class ParticipationRow:
    enrollment: Enrollment
    posts: int
    gatherings_attended: int
    minutes: int
    turns: int

    @property
    def silent(self) -> bool:
        """Has neither posted in the forums nor held the floor in a gathering."""
        return not self.posts and not self.turns


class Gini(TypedDict):
    posts: float
    minutes: float
    turns: float


class Participation(TypedDict):
    gatherings: list[Gathering]
    attendance: list[attendance.AttendanceRow]  # participants only
    total_posts: int
    gini: Gini
    rows: list[ParticipationRow]


def cohort_participation(cohort: Cohort) -> Participation:
    """Forum contributions (forums.selectors.voices) and gathering attendance (live.attendance).

    Every participant is listed, zeros included; facilitators invite voices and are not counted.
    """
    gatherings, attendance_rows = attendance.cohort_attendance(cohort)
    by_user = {
        row.enrollment.user_id: row
        for row in attendance_rows
        if row.enrollment.role == Enrollment.Role.PARTICIPANT
    }
    turns = dict(
        Turn.objects.filter(gathering__in=[g.pk for g in gatherings])
        .values_list("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    voices = forum_selectors.voices(cohort=cohort)
    posts = {voice.enrollment.user_id: voice.posts for voice in voices["rows"]}
    total_posts = voices["total_posts"]
    members = (
        cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT)
        .select_related("user", "group")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    rows: list[ParticipationRow] = []
    for enrollment in members:
        row = by_user.get(enrollment.user_id)
        rows.append(
            ParticipationRow(
                enrollment=enrollment,
                posts=posts.get(enrollment.user_id, 0),
                gatherings_attended=row.attended if row else 0,
                minutes=row.total if row else 0,
                turns=turns.get(enrollment.user_id, 0),
            )
        )
    return {
        "gatherings": gatherings,
        "attendance": [row for row in attendance_rows if row.enrollment.role == Enrollment.Role.PARTICIPANT],
        "total_posts": total_posts,
        "gini": {
            "posts": gini(r.posts for r in rows),
            "minutes": gini(r.minutes for r in rows),
            "turns": gini(r.turns for r in rows),
        },
        "rows": rows,
    }
