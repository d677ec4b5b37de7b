"""Who may enter and act in a gathering, built on the course access rules (one function per rule)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from courses import access as course_access
from live.models import Gathering

if TYPE_CHECKING:
    from lms.typing import AnyUser


def can_join_gathering(user: AnyUser, gathering: Gathering) -> bool:
    """Members of the gathering's cohort (of its small group, if it has one), its facilitators, staff."""
    return course_access.in_group_audience(user, cohort=gathering.cohort, group_id=gathering.group_id)


def can_act_in_gathering(user: AnyUser, gathering: Gathering) -> bool:
    """Chat, raise a hand, vote: participants and facilitators (observers watch)."""
    return can_join_gathering(user, gathering) and (
        course_access.can_take_part(user, gathering.cohort) or course_access.is_staff(user)
    )


def can_moderate_gathering(user: AnyUser, gathering: Gathering) -> bool:
    """The cohort's facilitators and staff always; a member the moderator role was handed to."""
    if not user.is_authenticated:
        return False
    return gathering.moderator_id == user.pk or course_access.can_manage_cohort(user, gathering.cohort)


def can_manage_gathering(user: AnyUser, gathering: Gathering) -> bool:
    """Schedule, edit, see attendance and export: facilitators and staff."""
    return course_access.can_manage_cohort(user, gathering.cohort)


def get_gathering_or_404(user: AnyUser, pk: int) -> Gathering:
    gathering = (
        Gathering.objects.select_related("cohort__course", "group", "moderator", "lesson")
        .filter(pk=pk)
        .first()
    )
    if gathering is None or not can_join_gathering(user, gathering):
        raise Http404
    return gathering
