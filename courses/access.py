"""Who may see and do what: one function per rule, used by pages, API, forums and the live room.

Objects of a cohort the user does not belong to are reported as missing (404), never as forbidden,
so that ids do not leak.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from courses.models import Cohort, CoursePage, Enrollment, LessonPage, ModulePage, Reflection

if TYPE_CHECKING:
    from lms.typing import AnyUser

Role = Enrollment.Role


def is_staff(user: AnyUser) -> bool:
    """Site staff (programme team, superusers) see and manage every cohort."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_staff))


def enrollment_in(user: AnyUser, cohort: Cohort | int) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    cohort_id = cohort if isinstance(cohort, int) else cohort.pk
    return Enrollment.objects.filter(user=user, cohort_id=cohort_id).first()


def can_view_cohort(user: AnyUser, cohort: Cohort) -> bool:
    """Members of any role and staff see a cohort, its members, spaces and gatherings."""
    return is_staff(user) or enrollment_in(user, cohort) is not None


def can_manage_cohort(user: AnyUser, cohort: Cohort) -> bool:
    """Facilitators of the cohort and staff: feedback, moderation, attendance, exports."""
    if is_staff(user):
        return True
    enrollment = enrollment_in(user, cohort)
    return enrollment is not None and enrollment.role == Role.FACILITATOR


def can_take_part(user: AnyUser, cohort: Cohort) -> bool:
    """Participants and facilitators write (posts, chat, reflections); observers only read."""
    enrollment = enrollment_in(user, cohort)
    return enrollment is not None and enrollment.role in (Role.PARTICIPANT, Role.FACILITATOR)


def visible_cohorts(user: AnyUser) -> QuerySet[Cohort]:
    if is_staff(user):
        return Cohort.objects.all()
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(enrollments__user=user)


def managed_cohorts(user: AnyUser) -> QuerySet[Cohort]:
    if is_staff(user):
        return Cohort.objects.all()
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(enrollments__user=user, enrollments__role=Role.FACILITATOR)


def get_managed_cohort_or_404(user: AnyUser, pk: int) -> Cohort:
    """The cohort, for its facilitators and staff (the admin workspace); anyone else gets a 404."""
    cohort = Cohort.objects.select_related("course").filter(pk=pk).first()
    if cohort is None or not can_manage_cohort(user, cohort):
        raise Http404
    return cohort


def get_visible_cohort_or_404(user: AnyUser, pk: int) -> Cohort:
    cohort = visible_cohorts(user).select_related("course").filter(pk=pk).first()
    if cohort is None:
        raise Http404
    return cohort


def facilitated_courses(user: AnyUser) -> QuerySet[CoursePage]:
    """Courses whose pages a user may author in the admin."""
    courses: QuerySet[CoursePage] = CoursePage.objects.all()
    if is_staff(user):
        return courses
    return courses.filter(cohorts__in=managed_cohorts(user)).distinct()


def enrollment_for_course(user: AnyUser, course: CoursePage) -> Enrollment | None:
    """The enrolment that decides what a user sees of a course: facilitating first, then the newest run."""
    if not user.is_authenticated:
        return None
    enrollments = list(
        Enrollment.objects.filter(user=user, cohort__course=course).select_related("cohort", "group")
    )
    if not enrollments:
        return None
    enrollments.sort(key=lambda e: (e.role == Role.FACILITATOR, e.cohort.starts_on), reverse=True)
    return enrollments[0]


class LessonDecision(StrEnum):
    ALLOWED = "allowed"
    SIGN_IN = "sign_in"
    NOT_ENROLLED = "not_enrolled"
    LOCKED = "locked"


@dataclass(frozen=True)
class LessonAccess:
    decision: LessonDecision
    enrollment: Enrollment | None = None
    opens_at: dt.datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.decision == LessonDecision.ALLOWED

    @property
    def cohort(self) -> Cohort | None:
        return self.enrollment.cohort if self.enrollment else None


# --- small groups: the audience of what is addressed to one group ---------------------------------------
# A space, gathering or announcement of a small group is for the group's members, the cohort's
# facilitators (who look after every group) and staff; ``group_id=None`` addresses the whole cohort.


def in_group_audience(user: AnyUser, *, cohort: Cohort, group_id: int | None) -> bool:
    if not can_view_cohort(user, cohort):
        return False
    if group_id is None or can_manage_cohort(user, cohort):
        return True
    enrollment = enrollment_in(user, cohort.pk)
    return enrollment is not None and enrollment.group_id == group_id


def group_audience_q(group_id: int | None, *, prefix: str = "") -> Q:
    """The rule as a filter on enrolments of the cohort: who is addressed by ``group_id``."""
    if group_id is None:
        return Q()
    return Q(**{f"{prefix}group_id": group_id}) | Q(**{f"{prefix}role": Role.FACILITATOR})


def addressed_to_q(enrollments: Iterable[Enrollment]) -> Q:
    """The rule as a filter on things with ``cohort`` and ``group`` fields: those addressed to any of
    ``enrollments`` (the whole cohort, or their own group; every group for facilitators)."""
    q = Q(pk__in=[])
    for e in enrollments:
        if e.role == Role.FACILITATOR:
            q |= Q(cohort_id=e.cohort_id)
        else:
            q |= Q(cohort_id=e.cohort_id, group__isnull=True)
            if e.group_id:
                q |= Q(cohort_id=e.cohort_id, group_id=e.group_id)
    return q


def addressed_to_user_q(user: AnyUser) -> Q:
    """``addressed_to_q`` over all of ``user``'s enrolments, as subqueries (no query of its own)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    enrollments = Enrollment.objects.filter(user_id=user.pk)
    return (
        Q(cohort_id__in=enrollments.values("cohort_id"), group__isnull=True)
        | Q(group_id__in=enrollments.exclude(group__isnull=True).values("group_id"))
        | Q(cohort_id__in=enrollments.filter(role=Role.FACILITATOR).values("cohort_id"))
    )


def offset_is_released(cohort: Cohort, offset_days: int, now: dt.datetime | None = None) -> bool:
    """The release rule: content ``offset_days`` after the cohort's start opens at midnight, cohort time."""
    return (now or timezone.now()) >= cohort.release_at(offset_days)


def module_is_released(module: ModulePage, cohort: Cohort, now: dt.datetime | None = None) -> bool:
    return offset_is_released(cohort, module.release_offset_days, now)


def released_modules_q(cohort: Cohort, *, now: dt.datetime | None = None, prefix: str = "") -> Q:
    """The release rule as a filter on modules (``prefix`` reaches them from another model)."""
    local_today = (now or timezone.now()).astimezone(cohort.tz).date()
    return Q(**{f"{prefix}release_offset_days__lte": (local_today - cohort.starts_on).days})


def lesson_access(
    user: AnyUser, *, course: CoursePage, module: ModulePage, now: dt.datetime | None = None
) -> LessonAccess:
    """May `user` read the lessons of `module`? Staff and facilitators always; members once released."""
    if not user.is_authenticated:
        return LessonAccess(LessonDecision.SIGN_IN)
    enrollment = enrollment_for_course(user, course)
    if is_staff(user):
        return LessonAccess(LessonDecision.ALLOWED, enrollment)
    if enrollment is None:
        return LessonAccess(LessonDecision.NOT_ENROLLED)
    if enrollment.role == Role.FACILITATOR:
        return LessonAccess(LessonDecision.ALLOWED, enrollment)
    opens_at = enrollment.cohort.release_at(module.release_offset_days)
    if not module_is_released(module, enrollment.cohort, now):
        return LessonAccess(LessonDecision.LOCKED, enrollment, opens_at)
    return LessonAccess(LessonDecision.ALLOWED, enrollment, opens_at)


def lesson_access_for(user: AnyUser, lesson: LessonPage) -> LessonAccess:
    course, module = lesson.get_ancestors_of_type()
    return lesson_access(user, course=course, module=module)


def can_view_reflection(user: AnyUser, reflection: Reflection) -> bool:
    """A reflection is private to its author and the cohort's facilitators (and staff)."""
    if not user.is_authenticated:
        return False
    return reflection.enrollment.user_id == user.pk or can_manage_cohort(user, reflection.enrollment.cohort)


def visible_reflections_q(user: AnyUser, *, prefix: str = "") -> Q:
    """``can_view_reflection`` as a filter on reflections (``prefix`` reaches them from another model)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{prefix}enrollment__user_id": user.pk}) | Q(
        **{f"{prefix}enrollment__cohort__in": managed_cohorts(user).values("pk")}
    )


def can_give_feedback(user: AnyUser, reflection: Reflection) -> bool:
    return reflection.enrollment.user_id != user.pk and can_manage_cohort(user, reflection.enrollment.cohort)


def can_answer_feedback(user: AnyUser, reflection: Reflection) -> bool:
    return reflection.enrollment.user_id == user.pk


def get_reflection_or_404(user: AnyUser, pk: int) -> Reflection:
    reflection = (
        Reflection.objects.select_related("enrollment__cohort__course", "enrollment__user", "lesson")
        .filter(pk=pk)
        .first()
    )
    if reflection is None or not can_view_reflection(user, reflection):
        raise Http404
    return reflection
