"""Attendance read from the room's connections: several tabs count once, gaps are not counted."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from courses.models import Cohort, Enrollment
from live.models import Connection, Gathering


def _merged_seconds(intervals: list[tuple[dt.datetime, dt.datetime]]) -> float:
    """Total length of the union of [start, end) intervals."""
    spans = sorted(intervals)
    if not spans:
        return 0.0
    total = 0.0
    current_start, current_end = spans[0]
    for start, end in spans[1:]:
        if start > current_end:
            total += (current_end - current_start).total_seconds()
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    total += (current_end - current_start).total_seconds()
    return total


def minutes_by_user(gathering_ids: list[int]) -> dict[tuple[int, int], int]:
    """(gathering id, user id) → whole minutes present, in one query."""
    now = timezone.now()
    intervals: dict[tuple[int, int], list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for gathering_id, user_id, joined, left, seen in Connection.objects.filter(
        gathering_id__in=gathering_ids
    ).values_list("gathering_id", "user_id", "joined_at", "left_at", "last_seen_at"):
        end = left or min(seen, now)
        if end > joined:
            intervals[(gathering_id, user_id)].append((joined, end))
    return {key: round(_merged_seconds(spans) / 60) for key, spans in intervals.items()}


@dataclass
class AttendanceRow:
    enrollment: Enrollment
    minutes: list[int]

    @property
    def total(self) -> int:
        return sum(self.minutes)

    @property
    def attended(self) -> int:
        return sum(1 for m in self.minutes if m > 0)


def cohort_attendance(
    cohort: Cohort, gatherings: list[Gathering] | None = None
) -> tuple[list[Gathering], list[AttendanceRow]]:
    """Every enrolled member (zeros included), for each of the cohort's past and current gatherings."""
    if gatherings is None:
        gatherings = list(
            Gathering.objects.filter(cohort=cohort, starts_at__lte=timezone.now())
            .exclude(status=Gathering.Status.CANCELLED)
            .order_by("starts_at")
        )
    minutes = minutes_by_user([g.pk for g in gatherings])
    members = cohort.enrollments.select_related("user").order_by(
        "role", "user__last_name", "user__first_name"
    )
    rows = [AttendanceRow(m, [minutes.get((g.pk, m.user_id), 0) for g in gatherings]) for m in members]
    return gatherings, rows
