"""What members and facilitators see of announcements and nudges. Each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Max, Q

from announcements.models import Announcement, AnnouncementReceipt, Nudge
from courses import access as course_access

if TYPE_CHECKING:
    from courses.models import Cohort, Enrollment
    from lms.typing import AnyUser

LATEST_PER_COHORT = 3


@dataclass
class MemberAnnouncement:
    announcement: Announcement
    unread: bool


def _visible_q(enrollments: list[Enrollment]) -> Q:
    """Whole-cohort announcements of the member's cohorts, and those of their own small groups (all
    groups for facilitators)."""
    return course_access.addressed_to_q(enrollments)


def member_announcements(
    *, user: AnyUser, enrollments: list[Enrollment], per_cohort: int = LATEST_PER_COHORT
) -> dict[int, list[MemberAnnouncement]]:
    """The latest announcements sent to each of the member's cohorts, newest first. Two queries."""
    if not user.is_authenticated or not enrollments:
        return {}
    limit = per_cohort * len(enrollments)
    rows = list(
        Announcement.objects.filter(_visible_q(enrollments), sent_at__isnull=False)
        .select_related("author", "group")
        .order_by("-publish_at", "-pk")[: limit * 4]
    )
    unread = set(
        AnnouncementReceipt.objects.filter(
            recipient=user, read_at__isnull=True, announcement_id__in=[a.pk for a in rows]
        ).values_list("announcement_id", flat=True)
    )
    by_cohort: dict[int, list[MemberAnnouncement]] = {}
    for announcement in rows:
        items = by_cohort.setdefault(announcement.cohort_id, [])
        if len(items) < per_cohort:
            items.append(MemberAnnouncement(announcement, announcement.pk in unread))
    return by_cohort


def visible_announcement(*, user: AnyUser, pk: int, enrollments: list[Enrollment]) -> Announcement | None:
    if not enrollments:
        return None
    return (
        Announcement.objects.filter(_visible_q(enrollments), pk=pk, sent_at__isnull=False)
        .select_related("cohort__course", "author", "group")
        .first()
    )


def sent_announcement(*, pk: int) -> Announcement | None:
    """Any sent announcement (for staff, who see every cohort)."""
    return (
        Announcement.objects.filter(pk=pk, sent_at__isnull=False)
        .select_related("cohort__course", "author", "group")
        .first()
    )


def cohort_announcements(*, cohort: Cohort, enrollment: Enrollment | None, staff: bool) -> list[Announcement]:
    rows = Announcement.objects.filter(cohort=cohort, sent_at__isnull=False)
    if not staff and (enrollment is None or enrollment.role != enrollment.Role.FACILITATOR):
        rows = rows.filter(
            course_access.addressed_to_q([enrollment]) if enrollment else Q(group__isnull=True)
        )
    return list(rows.select_related("author", "group").order_by("-publish_at", "-pk")[:50])


UNREAD_CACHE_SECONDS = 300


def unread_key(user_id: int) -> str:
    return f"announcements:unread:{user_id}"


def unread_count(user: AnyUser) -> int:
    """Unread announcements and nudges, for the bell: cached per member (see services.forget_unread)."""
    if not user.is_authenticated:
        return 0
    count: int | None = cache.get(unread_key(user.pk))
    if count is None:
        receipts = (
            AnnouncementReceipt.objects.filter(recipient=user, read_at__isnull=True).order_by().values("pk")
        )
        nudges = Nudge.objects.filter(recipient=user, read_at__isnull=True).order_by().values("pk")
        count = receipts.union(nudges, all=True).count()
        cache.set(unread_key(user.pk), count, UNREAD_CACHE_SECONDS)
    return count


def recent_for_notifications(user: AnyUser, limit: int = 10) -> list[AnnouncementReceipt]:
    if not user.is_authenticated:
        return []
    return list(
        AnnouncementReceipt.objects.filter(recipient=user)
        .select_related("announcement__cohort", "announcement__author")
        .order_by("read_at", "-announcement__publish_at")[:limit]
    )


def unread_nudges(user: AnyUser) -> list[Nudge]:
    if not user.is_authenticated:
        return []
    return list(
        Nudge.objects.filter(recipient=user, read_at__isnull=True).select_related("sender", "cohort")[:5]
    )


def admin_announcements(cohort: Cohort) -> dict[str, list[Announcement]]:
    rows = list(
        Announcement.objects.filter(cohort=cohort)
        .select_related("author", "group")
        .order_by("-publish_at", "-pk")[:100]
    )
    return {
        "scheduled": [a for a in rows if a.sent_at is None][::-1],
        "sent": [a for a in rows if a.sent_at is not None],
    }


def last_nudged(cohort: Cohort) -> dict[int, object]:
    """recipient user id → when they were last nudged in this cohort."""
    return dict(
        Nudge.objects.filter(cohort=cohort)
        .values("recipient_id")
        .annotate(last=Max("sent_at"))
        .values_list("recipient_id", "last")
    )
