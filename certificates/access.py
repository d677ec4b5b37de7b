"""Who may do what with certificates: one function per rule, built on courses.access.

Certificates of another person or of a cohort the user does not manage are reported as missing
(404), never as forbidden, so that ids and codes do not leak.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from certificates.models import Certificate
from courses import access as course_access
from courses.models import Cohort, CoursePage

if TYPE_CHECKING:
    from lms.typing import AnyUser


def can_download_certificate(user: AnyUser, certificate: Certificate) -> bool:
    """Only the person certified, and only while the certificate is not revoked."""
    return bool(user.is_authenticated and certificate.user_id == user.pk and not certificate.is_revoked)


def get_own_certificate_or_404(user: AnyUser, cohort_id: int) -> Certificate:
    """The user's certificate for a cohort, if they have one they may download."""
    if not user.is_authenticated:
        raise Http404
    certificate = Certificate.objects.filter(cohort_id=cohort_id, user=user).first()
    if certificate is None or not can_download_certificate(user, certificate):
        raise Http404
    return certificate


def can_manage_certificates(user: AnyUser, cohort: Cohort | None) -> bool:
    """Issue and revoke: the cohort's facilitators and staff (the dashboard's rule)."""
    if cohort is None:
        return course_access.is_staff(user)
    return course_access.can_manage_cohort(user, cohort)


def get_managed_certificate_or_404(user: AnyUser, pk: int) -> Certificate:
    certificate = Certificate.objects.select_related("cohort__course").filter(pk=pk).first()
    if certificate is None or not can_manage_certificates(user, certificate.cohort):
        raise Http404
    return certificate


def can_edit_criteria(user: AnyUser, course: CoursePage) -> bool:
    """A course's certificate criteria: the facilitators of any of its cohorts, and staff."""
    if course_access.is_staff(user):
        return True
    if not user.is_authenticated:
        return False
    return course_access.facilitated_courses(user).filter(pk=course.pk).exists()


def get_criteria_course_or_404(user: AnyUser, pk: int) -> CoursePage:
    course: CoursePage | None = CoursePage.objects.filter(pk=pk).first()  # Wagtail's managers are untyped
    if course is None or not can_edit_criteria(user, course):
        raise Http404
    return course
