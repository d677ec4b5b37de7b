"""Services that issue and revoke certificates. Atomic; retries and concurrent runs never duplicate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import access, selectors
from certificates.models import Certificate, CertificateCriteria, new_certificate_code
from courses.models import Cohort, CoursePage, Enrollment, LessonPage
from lms.typing import User

REASON_MAX_CHARS = 1000
_CODE_ATTEMPTS = 5


def _display_name(user: User) -> str:
    return user.get_full_name().strip() or user.get_username()


def facilitator_names(cohort: Cohort) -> list[str]:
    """The cohort's facilitators as the certificate names them, in one query."""
    facilitators = (
        cohort.enrollments.filter(role=Enrollment.Role.FACILITATOR)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [_display_name(e.user) for e in facilitators]


class Snapshot(TypedDict):
    """What a certificate states, fixed when it is issued."""

    cohort: Cohort
    user: User
    language: str
    full_name: str
    course_title: str
    cohort_name: str
    starts_on: dt.date
    ends_on: dt.date
    hours: int
    facilitators: list[str]
    issued_by: User | None


def _snapshot(*, cohort: Cohort, user: User, facilitators: list[str], issued_by: User | None) -> Snapshot:
    languages = {code for code, _name in settings.LANGUAGES}
    language = cohort.course.language if cohort.course.language in languages else settings.LANGUAGE_CODE
    return {
        "cohort": cohort,
        "user": user,
        "language": language,
        "full_name": _display_name(user),
        "course_title": cohort.course.title,
        "cohort_name": cohort.name,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "hours": cohort.course.hours,
        "facilitators": facilitators,
        "issued_by": issued_by,
    }


def _check_issuer(issued_by: User | None, cohort: Cohort) -> None:
    """People issue only for cohorts they manage; None is the system (management command)."""
    if issued_by is not None and not access.can_manage_certificates(issued_by, cohort):
        raise PermissionDenied


def _not_eligible_message(eligibility: selectors.Eligibility) -> str:
    if not eligibility.rules.enabled:
        return _("This course does not issue certificates.")
    if eligibility.enrollment.role != Enrollment.Role.PARTICIPANT:
        return _("Only participants receive certificates.")
    if not eligibility.enrollment.cohort.has_started:
        return _("The cohort has not started yet.")
    missing = ", ".join(c.label for c in eligibility.missing)
    return _("The criteria are not met yet: %(missing)s.") % {"missing": missing}


def certificate_issue(
    *, cohort: Cohort, user: User, issued_by: User | None = None
) -> tuple[Certificate, bool]:
    """Issue one participant's certificate if they qualify. Returns (certificate, created).

    Idempotent: a participant who already has one (even revoked) gets that one back, and two
    concurrent calls create a single row (unique per cohort and person).
    """
    _check_issuer(issued_by, cohort)
    eligibility = selectors.certificate_eligibility(cohort=cohort, user=user)
    if eligibility is None:
        raise ValidationError(_("This person is not a member of the cohort."), code="not_member")
    if eligibility.certificate is not None:
        return eligibility.certificate, False
    if not eligibility.eligible:
        raise ValidationError(_not_eligible_message(eligibility), code="not_eligible")
    fields = _snapshot(cohort=cohort, user=user, facilitators=facilitator_names(cohort), issued_by=issued_by)
    for _attempt in range(_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Certificate.objects.create(code=new_certificate_code(), **fields), True
        except IntegrityError:
            existing = Certificate.objects.filter(cohort=cohort, user=user).first()
            if existing is not None:  # issued meanwhile by another request or process
                return existing, False
            # Otherwise the random code collided with another certificate's: draw again.
    raise IntegrityError("could not draw a unique certificate code")


@dataclass
class IssueReport:
    cohort: Cohort
    issued: list[Certificate] = field(default_factory=list)
    would_issue: list[selectors.Eligibility] = field(default_factory=list)  # dry run
    already: int = 0  # participants who already had a certificate (revoked ones included)
    not_yet: int = 0  # participants who do not meet the criteria yet
    dry_run: bool = False

    @property
    def count(self) -> int:
        return len(self.would_issue) if self.dry_run else len(self.issued)


def certificates_issue_for_cohort(
    *, cohort: Cohort, issued_by: User | None = None, dry_run: bool = False
) -> IssueReport:
    """Issue a certificate to every participant who qualifies and has none, in constant queries.

    Safe to run twice or concurrently: rows that already exist are skipped by the unique constraint,
    and only the certificates this call created are reported. Revoked certificates are not re-issued.
    """
    _check_issuer(issued_by, cohort)
    report = IssueReport(cohort=cohort, dry_run=dry_run)
    with transaction.atomic():
        rows = selectors.cohort_eligibility(cohort=cohort)
        report.already = sum(1 for row in rows if row.certificate is not None)
        report.would_issue = [row for row in rows if row.can_be_issued]
        report.not_yet = sum(1 for row in rows if row.certificate is None and not row.eligible)
        if dry_run or not report.would_issue:
            return report
        facilitators = facilitator_names(cohort)
        candidates = [
            Certificate(
                code=new_certificate_code(),
                **_snapshot(
                    cohort=cohort, user=row.enrollment.user, facilitators=facilitators, issued_by=issued_by
                ),
            )
            for row in report.would_issue
        ]
        Certificate.objects.bulk_create(candidates, ignore_conflicts=True)
        report.issued = list(
            Certificate.objects.filter(code__in=[c.code for c in candidates]).order_by("full_name", "pk")
        )
        report.already += len(candidates) - len(report.issued)
    return report


def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """A facilitator revokes a certificate, saying why; the public page then says it was revoked.

    Revoking again keeps the first date and reason.
    """
    if not access.can_manage_certificates(by, certificate.cohort):
        raise PermissionDenied
    text = (reason or "").strip()
    if not text:
        raise ValidationError(_("Say why the certificate is revoked."), code="reason_required")
    if len(text) > REASON_MAX_CHARS:
        raise ValidationError(
            _("The reason is too long (%(count)d characters; at most %(max)d).")
            % {"count": len(text), "max": REASON_MAX_CHARS},
            code="too_long",
        )
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = by
            locked.revocation_reason = text
            locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return locked


def criteria_update(
    *,
    course: CoursePage,
    by: User,
    enabled: bool,
    required_lessons: Iterable[LessonPage],
    min_reflections_percent: int,
    min_attendance_percent: int,
) -> CertificateCriteria:
    """A course's facilitators set what its certificate requires. Lessons must belong to the course."""
    if not access.can_edit_criteria(by, course):
        raise PermissionDenied
    for value in (min_reflections_percent, min_attendance_percent):
        if not isinstance(value, int) or not 0 <= value <= 100:
            raise ValidationError(_("Percentages go from 0 to 100."), code="bad_percent")
    lesson_ids = {lesson.pk for lesson in required_lessons}
    if lesson_ids and LessonPage.objects.descendant_of(course).filter(pk__in=lesson_ids).count() != len(
        lesson_ids
    ):
        raise ValidationError(_("Choose lessons of this course only."), code="bad_lesson")
    with transaction.atomic():
        criteria, _created = CertificateCriteria.objects.update_or_create(
            course=course,
            defaults={
                "enabled": enabled,
                "min_reflections_percent": min_reflections_percent,
                "min_attendance_percent": min_attendance_percent,
                "updated_by": by,
            },
        )
        criteria.required_lessons.set(lesson_ids)
    return criteria
