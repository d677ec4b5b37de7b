"""Who may see and do what with small groups, built on the cohort rules of ``courses.access``.

- See a group's page (members, work plan, sessions, commitments): the group's members (any role),
  the cohort's facilitators and staff.
- Keep the group's record (record a session, edit the work plan, comment): members of the group who
  take part in the cohort (participants, facilitators; observers only read), the cohort's facilitators
  and staff.
- Manage the cohort's groups in the admin (create, rename, delete, assign members):
  ``courses.access.can_manage_cohort``; changes also need Wagtail's "change cohort" permission.

A group the user may not see is reported as missing (404), never as forbidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from courses import access
from courses.models import Cohort, CohortGroup, Enrollment
from courses.permissions import cohort_permission_policy

if TYPE_CHECKING:
    from lms.typing import AnyUser


def group_enrollment(user: AnyUser, group: CohortGroup) -> Enrollment | None:
    """The user's enrolment in the group's cohort, if it places them in this group."""
    enrollment = access.enrollment_in(user, group.cohort_id)
    if enrollment is None or enrollment.group_id != group.pk:
        return None
    return enrollment


def can_manage_groups(user: AnyUser, cohort: Cohort) -> bool:
    """The groups admin page of a cohort: its facilitators and staff."""
    return access.can_manage_cohort(user, cohort)


def can_change_groups(user: AnyUser, cohort: Cohort) -> bool:
    """Create, rename, delete groups and assign members: also needs Wagtail's permission on the cohort."""
    return can_manage_groups(user, cohort) and cohort_permission_policy.user_has_permission_for_instance(
        user, "change", cohort
    )


def can_view_group(user: AnyUser, group: CohortGroup) -> bool:
    if not user.is_authenticated:
        return False
    return group_enrollment(user, group) is not None or access.can_manage_cohort(user, group.cohort)


def can_keep_record(user: AnyUser, group: CohortGroup) -> bool:
    """Record a session, edit the work plan and comment on sessions."""
    if not user.is_authenticated:
        return False
    enrollment = group_enrollment(user, group)
    if enrollment is not None and enrollment.role in (
        Enrollment.Role.PARTICIPANT,
        Enrollment.Role.FACILITATOR,
    ):
        return True
    return access.can_manage_cohort(user, group.cohort)


def get_group_or_404(user: AnyUser, *, cohort_id: int, group_id: int) -> CohortGroup:
    group = (
        CohortGroup.objects.select_related("cohort__course").filter(pk=group_id, cohort_id=cohort_id).first()
    )
    if group is None or not can_view_group(user, group):
        raise Http404
    return group


def get_managed_cohort_or_404(user: AnyUser, pk: int) -> Cohort:
    cohort = Cohort.objects.select_related("course").filter(pk=pk).first()
    if cohort is None or not can_manage_groups(user, cohort):
        raise Http404
    return cohort
