"""Selectors that read course data for pages and the API, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from functools import reduce
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from courses import access
from courses.models import (
    Cohort,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Reflection,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from wagtail.models import Page

    AnyUser = AbstractBaseUser | AnonymousUser

enrollment_for_course = access.enrollment_for_course


@dataclass
class ModuleOutline:
    module: ModulePage
    lessons: list[LessonPage] = field(default_factory=list)
    opens_at: dt.datetime | None = None
    released: bool = True
    completed: int = 0

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


@dataclass
class CourseProgress:
    modules: list[ModuleOutline]
    completed_ids: set[int]
    next_lesson: LessonPage | None

    @property
    def total(self) -> int:
        return sum(m.total for m in self.modules)

    @property
    def completed(self) -> int:
        return sum(m.completed for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


def _under(pages: list[Page]) -> Q:
    return reduce(operator.or_, (Q(path__startswith=p.path) for p in pages), Q(pk__in=[]))


def course_outlines(courses: list[CoursePage]) -> dict[int, list[ModuleOutline]]:
    """Modules and lessons of several courses, in tree order: two queries whatever their size."""
    if not courses:
        return {}
    by_path = {c.path: c.pk for c in courses}
    steplen = courses[0].steplen
    modules = ModulePage.objects.live().filter(_under(courses), depth=courses[0].depth + 1).order_by("path")
    outlines: dict[int, list[ModuleOutline]] = {c.pk: [] for c in courses}
    by_module_path: dict[str, ModuleOutline] = {}
    for module in modules:
        outline = ModuleOutline(module=module)
        outlines[by_path[module.path[:-steplen]]].append(outline)
        by_module_path[module.path] = outline
    lessons = (
        LessonPage.objects.live()
        .filter(_under(courses), depth=courses[0].depth + 2)
        .defer_streamfields()
        .order_by("path")
    )
    for lesson in lessons:
        parent = by_module_path.get(lesson.path[:-steplen])
        if parent is not None:
            parent.lessons.append(lesson)
    return outlines


def course_outline(course: CoursePage) -> list[ModuleOutline]:
    return course_outlines([course])[course.pk]


def apply_progress(
    outline: list[ModuleOutline],
    *,
    cohort: Cohort | None,
    completed_ids: set[int],
    unlocked: bool = False,
    now: dt.datetime | None = None,
) -> CourseProgress:
    """Annotate an outline with release dates for `cohort` and the lessons completed."""
    now = now or timezone.now()
    next_lesson = None
    for item in outline:
        item.opens_at = cohort.release_at(item.module.release_offset_days) if cohort else None
        item.released = unlocked or cohort is None or access.module_is_released(item.module, cohort, now)
        item.completed = sum(1 for lesson in item.lessons if lesson.pk in completed_ids)
        if next_lesson is None and item.released:
            next_lesson = next((lesson for lesson in item.lessons if lesson.pk not in completed_ids), None)
    return CourseProgress(modules=outline, completed_ids=completed_ids, next_lesson=next_lesson)


def _featured_cohort(course: CoursePage, cohorts: list[Cohort]) -> Cohort | None:
    """The run a visitor is invited to: enrolling now, started most recently (or starting soonest)."""
    candidates = [c for c in cohorts if not c.has_ended and c.enrolment_mode != Cohort.EnrolmentMode.CLOSED]
    if not candidates:
        candidates = [c for c in cohorts if not c.has_ended]
    if not candidates:
        return None
    started = [c for c in candidates if c.has_started]
    if started:
        return max(started, key=lambda c: c.starts_on)
    return min(candidates, key=lambda c: c.starts_on)


@dataclass
class CourseCard:
    course: CoursePage
    cohort: Cohort | None
    enrollment: Enrollment | None


def catalogue(*, user: AnyUser, within: Page | None = None) -> list[CourseCard]:
    courses_qs = CoursePage.objects.live().public().select_related("image").order_by("path")
    if within is not None:
        courses_qs = courses_qs.child_of(within)
    courses = list(courses_qs.defer_streamfields())
    cohorts: dict[int, list[Cohort]] = {c.pk: [] for c in courses}
    for cohort in Cohort.objects.filter(course__in=courses):
        cohorts[cohort.course_id].append(cohort)
    mine: dict[int, Enrollment] = {}
    if user.is_authenticated:
        for enrollment in Enrollment.objects.filter(user=user, cohort__course__in=courses).select_related(
            "cohort"
        ):
            mine.setdefault(enrollment.cohort.course_id, enrollment)
    cards = []
    for course in courses:
        enrollment = mine.get(course.pk)
        cohort = enrollment.cohort if enrollment else _featured_cohort(course, cohorts[course.pk])
        cards.append(CourseCard(course=course, cohort=cohort, enrollment=enrollment))
    return cards


def cohort_facilitators(cohort: Cohort) -> list[Enrollment]:
    return list(
        cohort.enrollments.filter(role=Enrollment.Role.FACILITATOR)
        .select_related("user")
        .order_by("user__last_name")
    )


def course_overview(*, course: CoursePage, user: AnyUser) -> dict:
    """Everything the course (syllabus) page shows."""
    enrollment = enrollment_for_course(user, course)
    cohorts = list(Cohort.objects.filter(course=course))
    cohort = enrollment.cohort if enrollment else _featured_cohort(course, cohorts)
    completed_ids: set[int] = set()
    if enrollment is not None:
        completed_ids = set(
            LessonCompletion.objects.filter(enrollment=enrollment).values_list("lesson_id", flat=True)
        )
    unlocked = access.is_staff(user) or bool(enrollment and enrollment.is_facilitator)
    progress = apply_progress(
        course_outline(course), cohort=cohort, completed_ids=completed_ids, unlocked=unlocked
    )
    participants = 0
    if cohort is not None:
        participants = cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT).count()
    return {
        "enrollment": enrollment,
        "cohort": cohort,
        "progress": progress,
        "facilitators": cohort_facilitators(cohort) if cohort else [],
        "participant_count": participants,
        "seats_left": (cohort.capacity - participants) if cohort and cohort.capacity is not None else None,
    }


def lesson_context(*, lesson: LessonPage, user: AnyUser, decision: access.LessonAccess | None = None) -> dict:
    """The lesson page: where it sits in the course, its completion and the user's reflections."""
    course, module = lesson.get_ancestors_of_type()
    if decision is None:
        decision = access.lesson_access(user, course=course, module=module)
    enrollment = decision.enrollment
    outline = course_outline(course)
    flat = [item for m in outline for item in m.lessons]
    index = next((i for i, item in enumerate(flat) if item.pk == lesson.pk), None)
    completed = False
    reflections: dict[str, Reflection] = {}
    if enrollment is not None:
        completed = LessonCompletion.objects.filter(enrollment=enrollment, lesson=lesson).exists()
        for reflection in Reflection.objects.filter(enrollment=enrollment, lesson=lesson).prefetch_related(
            "messages__author"
        ):
            reflections[reflection.prompt_id] = reflection
    return {
        "course": course,
        "module": module,
        "enrollment": enrollment,
        "cohort": enrollment.cohort if enrollment else None,
        "completed": completed,
        "reflections": reflections,
        "previous_lesson": flat[index - 1] if index else None,
        "next_lesson": flat[index + 1] if index is not None and index + 1 < len(flat) else None,
        "can_write": bool(enrollment and enrollment.is_participant),
    }


@dataclass
class LearningItem:
    enrollment: Enrollment
    progress: CourseProgress
    pending_feedback: int = 0
    answered_feedback: int = 0


def my_learning(*, user: AnyUser) -> list[LearningItem]:
    """ "Mi aprendizaje": every enrolment with its progress, in a fixed number of queries."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .select_related("cohort__course", "group")
        .order_by("-cohort__starts_on", "cohort__name")
    )
    if not enrollments:
        return []
    courses = list({e.cohort.course_id: e.cohort.course for e in enrollments}.values())
    outlines = course_outlines(courses)
    completed: dict[int, set[int]] = {e.pk: set() for e in enrollments}
    for enrollment_id, lesson_id in LessonCompletion.objects.filter(enrollment__in=enrollments).values_list(
        "enrollment_id", "lesson_id"
    ):
        completed[enrollment_id].add(lesson_id)
    managed = [e.cohort_id for e in enrollments if e.is_facilitator]
    pending_by_cohort: dict[int, int] = {}
    if managed:
        pending_by_cohort = dict(
            Reflection.objects.filter(enrollment__cohort_id__in=managed, status=Reflection.Status.PENDING)
            .values_list("enrollment__cohort_id")
            .annotate(n=Count("pk"))
            .values_list("enrollment__cohort_id", "n")
        )
    answered_mine = dict(
        Reflection.objects.filter(enrollment__in=enrollments, status=Reflection.Status.ANSWERED)
        .values_list("enrollment_id")
        .annotate(n=Count("pk"))
        .values_list("enrollment_id", "n")
    )
    items = []
    for enrollment in enrollments:
        outline = [
            ModuleOutline(module=m.module, lessons=list(m.lessons))
            for m in outlines[enrollment.cohort.course_id]
        ]
        progress = apply_progress(
            outline,
            cohort=enrollment.cohort,
            completed_ids=completed[enrollment.pk],
            unlocked=enrollment.is_facilitator,
        )
        items.append(
            LearningItem(
                enrollment=enrollment,
                progress=progress,
                pending_feedback=pending_by_cohort.get(enrollment.cohort_id, 0),
                answered_feedback=answered_mine.get(enrollment.pk, 0),
            )
        )
    return items


def cohort_overview(*, cohort: Cohort, user: AnyUser) -> dict:
    members = list(
        cohort.enrollments.select_related("user", "group").order_by(
            "role", "user__first_name", "user__last_name"
        )
    )
    manage = access.can_manage_cohort(user, cohort)
    pending: list[Reflection] = []
    if manage:
        pending = list(
            Reflection.objects.filter(enrollment__cohort=cohort, status=Reflection.Status.PENDING)
            .select_related("enrollment__user", "lesson")
            .order_by("updated_at")[:50]
        )
    groups = list(cohort.groups.all())
    by_group = {g.pk: [] for g in groups}
    for member in members:
        if member.group_id in by_group:
            by_group[member.group_id].append(member)
    return {
        "cohort": cohort,
        "course": cohort.course,
        "members": members,
        "facilitators": [m for m in members if m.role == Enrollment.Role.FACILITATOR],
        "participants": [m for m in members if m.role == Enrollment.Role.PARTICIPANT],
        "observers": [m for m in members if m.role == Enrollment.Role.OBSERVER],
        "groups": [(g, by_group[g.pk]) for g in groups],
        "can_manage": manage,
        "pending_reflections": pending,
        "my_enrollment": next((m for m in members if m.user_id == user.pk), None),
    }


def reflection_thread(reflection: Reflection) -> list:
    return list(reflection.messages.select_related("author"))


# --- facilitators: progress matrix and participation (API and admin dashboard) -------------------------


def completions_by_enrollment(
    enrollment_ids: list[int], lesson_ids: set[int] | list[int]
) -> dict[int, dict[int, dt.datetime]]:
    """Enrolment id → {lesson id → completed at}, in one query."""
    done: dict[int, dict[int, dt.datetime]] = {pk: {} for pk in enrollment_ids}
    if not enrollment_ids or not lesson_ids:
        return done
    for enrollment_id, lesson_id, completed_at in LessonCompletion.objects.filter(
        enrollment_id__in=enrollment_ids, lesson_id__in=lesson_ids
    ).values_list("enrollment_id", "lesson_id", "completed_at"):
        done[enrollment_id][lesson_id] = completed_at
    return done


@dataclass
class ProgressRow:
    """One participant's line of the progress matrix."""

    enrollment: Enrollment
    completed: dict[int, dt.datetime]
    cells: list[str]  # per lesson, in course order: "done", "todo" or "locked"
    modules: list[tuple[int, int]]  # per module: (completed, total)
    released_count: int
    total: int

    @property
    def completed_count(self) -> int:
        return len(self.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.completed_count / self.total) if self.total else 0

    @property
    def module_percents(self) -> list[int]:
        return [round(100 * done / total) if total else 0 for done, total in self.modules]

    @property
    def behind(self) -> bool:
        """Fewer lessons completed than the cohort has released so far."""
        return self.completed_count < self.released_count

    @property
    def last_activity_at(self) -> dt.datetime | None:
        stamps = [t for t in [self.enrollment.last_activity_at, *self.completed.values()] if t is not None]
        return max(stamps) if stamps else None


def cohort_participants(cohort: Cohort, *, group: int | None = None) -> list[Enrollment]:
    """The cohort's participants (of one small group, if given), by name, with user and group."""
    members = cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT).select_related("user", "group")
    if group is not None:
        members = members.filter(group_id=group)
    return list(members.order_by("user__first_name", "user__last_name", "pk"))


def inactive_rows(rows: list[ProgressRow], *, days: int, now: dt.datetime | None = None) -> list[ProgressRow]:
    """The rows of people with no activity in the last ``days`` days (or none ever)."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    return [r for r in rows if r.last_activity_at is None or r.last_activity_at < since]


def cohort_progress(
    cohort: Cohort, participants: list[Enrollment], *, now: dt.datetime | None = None
) -> dict:
    """Participants × lessons of the cohort's course, in three queries whatever their number."""
    now = now or timezone.now()
    outline = course_outline(cohort.course)
    for item in outline:
        item.opens_at = cohort.release_at(item.module.release_offset_days)
        item.released = access.module_is_released(item.module, cohort, now)
    lessons = [(lesson, item) for item in outline for lesson in item.lessons]
    released_count = sum(item.total for item in outline if item.released)
    done = completions_by_enrollment([e.pk for e in participants], {lesson.pk for lesson, _ in lessons})
    rows = []
    for enrollment in participants:
        completed = done[enrollment.pk]
        cells = [
            "done" if lesson.pk in completed else ("todo" if item.released else "locked")
            for lesson, item in lessons
        ]
        modules = [
            (sum(1 for lesson in item.lessons if lesson.pk in completed), item.total) for item in outline
        ]
        rows.append(
            ProgressRow(
                enrollment=enrollment,
                completed=completed,
                cells=cells,
                modules=modules,
                released_count=released_count,
                total=len(lessons),
            )
        )
    return {"outline": outline, "lessons": lessons, "released_count": released_count, "rows": rows}


def feedback_inbox(cohort: Cohort, *, limit: int = 100) -> list[Reflection]:
    """Reflections awaiting feedback (new ones and participants' replies), oldest first."""
    return list(
        Reflection.objects.filter(enrollment__cohort=cohort, status=Reflection.Status.PENDING)
        .select_related("enrollment__user", "enrollment__cohort", "lesson")
        .prefetch_related("messages__author")
        .order_by("updated_at", "pk")[:limit]
    )
