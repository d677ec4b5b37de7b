"""Who qualifies for a certificate and what is left to do, in a fixed number of queries.

Rules (docs/certificates.md):
- lessons: every *counted* lesson completed. Counted lessons are the course's live lessons, or the
  subset the facilitators chose (still live).
- reflections: at least `min_reflections_percent` of the reflection prompts of the counted lessons
  answered (a Reflection exists). No prompts at all: met.
- attendance: present (at least a minute) in at least `min_attendance_percent` of the cohort's past
  gatherings: ended or past their end time, not cancelled, for the whole cohort or for the
  participant's own small group. No past gathering yet: met (there was nothing to attend).
- only participants qualify, only once their cohort has started, only if the course issues
  certificates.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from functools import reduce
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, CertificateCriteria
from courses import access as course_access
from courses.models import (
    Cohort,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Reflection,
)
from live.attendance import minutes_by_user
from live.models import Gathering

if TYPE_CHECKING:
    from lms.typing import AnyUser

MISSING_LESSONS_SHOWN = 5

CRITERION_LABELS = {
    "lessons": _("Lessons completed"),
    "reflections": _("Reflections answered"),
    "attendance": _("Gatherings attended"),
}


def _needed(total: int, percent: int) -> int:
    """How many of `total` make at least `percent` per cent (rounded up)."""
    return -(-total * percent // 100)


@dataclass(frozen=True)
class MissingLesson:
    lesson: LessonPage
    opens_at: dt.datetime  # when its module opens for the participant's cohort
    released: bool


@dataclass(frozen=True)
class CriterionStatus:
    key: str  # "lessons", "reflections" or "attendance"
    done: int
    needed: int
    total: int
    percent_required: int = 100
    missing_lessons: tuple[MissingLesson, ...] = ()  # the first few lessons still to complete

    @property
    def met(self) -> bool:
        return self.done >= self.needed

    @property
    def left(self) -> int:
        return max(0, self.needed - self.done)

    @property
    def label(self) -> str:
        return str(CRITERION_LABELS[self.key])

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass
class CourseRules:
    """A course's criteria resolved against its current content."""

    course_id: int
    criteria: CertificateCriteria
    lessons: list[LessonPage]  # counted lessons, in course order
    chosen: bool  # facilitators chose a subset of the lessons
    prompts: dict[int, set[str]] = field(default_factory=dict)  # lesson id → reflection prompt ids
    offsets: dict[int, int] = field(default_factory=dict)  # lesson id → its module's release offset (days)

    @property
    def enabled(self) -> bool:
        return self.criteria.enabled

    @property
    def prompt_count(self) -> int:
        return sum(len(ids) for ids in self.prompts.values())

    @property
    def needs_attendance(self) -> bool:
        return self.criteria.min_attendance_percent > 0


@dataclass
class Eligibility:
    enrollment: Enrollment
    rules: CourseRules
    criteria: list[CriterionStatus]
    certificate: Certificate | None = None

    @property
    def cohort(self) -> Cohort:
        return self.enrollment.cohort

    @property
    def eligible(self) -> bool:
        """Meets every criterion of a course that issues certificates (has one or not)."""
        return (
            self.rules.enabled
            and self.enrollment.role == Enrollment.Role.PARTICIPANT
            and self.enrollment.cohort.has_started
            and all(c.met for c in self.criteria)
        )

    @property
    def can_be_issued(self) -> bool:
        return self.eligible and self.certificate is None

    @property
    def missing(self) -> list[CriterionStatus]:
        return [c for c in self.criteria if not c.met]

    def criterion(self, key: str) -> CriterionStatus | None:
        return next((c for c in self.criteria if c.key == key), None)

    @property
    def lessons(self) -> CriterionStatus | None:
        return self.criterion("lessons")

    @property
    def reflections(self) -> CriterionStatus | None:
        return self.criterion("reflections")

    @property
    def attendance(self) -> CriterionStatus | None:
        return self.criterion("attendance")


def _under(pages: list[CoursePage]) -> Q:
    return reduce(operator.or_, (Q(path__startswith=p.path) for p in pages), Q(pk__in=[]))


def _prompt_ids(lesson: LessonPage) -> set[str]:
    # Raw data: no block objects are built for the (possibly long) lesson body.
    return {block["id"] for block in lesson.body.raw_data if block.get("type") == "reflection_prompt"}


def course_rules(courses: list[CoursePage]) -> dict[int, CourseRules]:
    """Criteria and counted lessons of several courses: at most four queries whatever their size."""
    if not courses:
        return {}
    ids = [c.pk for c in courses]
    criteria = {c.course_id: c for c in CertificateCriteria.objects.filter(course_id__in=ids)}
    chosen: dict[int, set[int]] = {course_id: set() for course_id in ids}
    if criteria:
        through = CertificateCriteria.required_lessons.through
        for course_id, lesson_id in through.objects.filter(
            certificatecriteria_id__in=[c.pk for c in criteria.values()]
        ).values_list("certificatecriteria__course_id", "lessonpage_id"):
            chosen[course_id].add(lesson_id)
    # Live lessons under live modules, like the syllabus (courses.selectors.course_outlines).
    depth = courses[0].depth
    module_offsets = dict(
        ModulePage.objects.live()
        .filter(_under(courses), depth=depth + 1)
        .values_list("path", "release_offset_days")
    )
    by_path = {c.path: c.pk for c in courses}
    steplen = courses[0].steplen
    rules = {
        c.pk: CourseRules(
            course_id=c.pk,
            criteria=criteria.get(c.pk) or CertificateCriteria(course=c),
            lessons=[],
            chosen=bool(chosen[c.pk]),
        )
        for c in courses
    }
    for lesson in LessonPage.objects.live().filter(_under(courses), depth=depth + 2).order_by("path"):
        if lesson.path[:-steplen] not in module_offsets:
            continue
        course_id = by_path[lesson.path[: -2 * steplen]]
        if chosen[course_id] and lesson.pk not in chosen[course_id]:
            continue
        rules[course_id].lessons.append(lesson)
        rules[course_id].prompts[lesson.pk] = _prompt_ids(lesson)
        rules[course_id].offsets[lesson.pk] = module_offsets[lesson.path[:-steplen]]
    return rules


def _past_gatherings(cohort_ids: list[int]) -> list[tuple[int, int, int | None]]:
    if not cohort_ids:
        return []
    now = timezone.now()
    return list(
        Gathering.objects.filter(cohort_id__in=cohort_ids)
        .exclude(status=Gathering.Status.CANCELLED)
        .filter(Q(status=Gathering.Status.ENDED) | Q(ends_at__lte=now))
        .values_list("pk", "cohort_id", "group_id")
    )


def eligibility_for(
    enrollments: list[Enrollment], *, certificates: list[Certificate] | None = None
) -> dict[int, Eligibility]:
    """Enrolment id → eligibility, for enrolments of any cohorts, in at most nine queries.

    The enrolments must come with their cohort and course loaded (select_related("cohort__course")).
    `certificates`: the certificates of these cohorts if the caller has read them already.
    """
    if not enrollments:
        return {}
    courses = list({e.cohort.course_id: e.cohort.course for e in enrollments}.values())
    rules = course_rules(courses)
    counted = {lesson.pk for r in rules.values() for lesson in r.lessons}
    enrollment_ids = [e.pk for e in enrollments]

    completed: dict[int, set[int]] = {pk: set() for pk in enrollment_ids}
    answered: dict[int, set[tuple[int, str]]] = {pk: set() for pk in enrollment_ids}
    if counted:
        for enrollment_id, lesson_id in LessonCompletion.objects.filter(
            enrollment_id__in=enrollment_ids, lesson_id__in=counted
        ).values_list("enrollment_id", "lesson_id"):
            completed[enrollment_id].add(lesson_id)
        if any(r.criteria.min_reflections_percent for r in rules.values()):
            for enrollment_id, lesson_id, prompt_id in Reflection.objects.filter(
                enrollment_id__in=enrollment_ids, lesson_id__in=counted
            ).values_list("enrollment_id", "lesson_id", "prompt_id"):
                answered[enrollment_id].add((lesson_id, prompt_id))

    attendance_cohorts = sorted(
        {e.cohort_id for e in enrollments if rules[e.cohort.course_id].needs_attendance}
    )
    gatherings = _past_gatherings(attendance_cohorts)
    minutes = minutes_by_user([pk for pk, _cohort, _group in gatherings]) if gatherings else {}

    if certificates is None:
        certificates = list(
            Certificate.objects.filter(
                cohort_id__in={e.cohort_id for e in enrollments}, user_id__in={e.user_id for e in enrollments}
            )
        )
    by_member = {(c.cohort_id, c.user_id): c for c in certificates}

    now = timezone.now()
    result = {}
    for enrollment in enrollments:
        course_rules_ = rules[enrollment.cohort.course_id]
        criteria = course_rules_.criteria
        done = completed[enrollment.pk]
        missing = tuple(lesson for lesson in course_rules_.lessons if lesson.pk not in done)
        statuses = [
            CriterionStatus(
                key="lessons",
                done=len(course_rules_.lessons) - len(missing),
                needed=len(course_rules_.lessons),
                total=len(course_rules_.lessons),
                missing_lessons=tuple(
                    MissingLesson(
                        lesson,
                        enrollment.cohort.release_at(course_rules_.offsets[lesson.pk]),
                        released=course_access.offset_is_released(
                            enrollment.cohort, course_rules_.offsets[lesson.pk], now
                        ),
                    )
                    for lesson in missing[:MISSING_LESSONS_SHOWN]
                ),
            )
        ]
        if criteria.min_reflections_percent:
            total = course_rules_.prompt_count
            statuses.append(
                CriterionStatus(
                    key="reflections",
                    done=sum(
                        1
                        for lesson_id, prompt_id in answered[enrollment.pk]
                        if prompt_id in course_rules_.prompts.get(lesson_id, ())
                    ),
                    needed=_needed(total, criteria.min_reflections_percent),
                    total=total,
                    percent_required=criteria.min_reflections_percent,
                )
            )
        if criteria.min_attendance_percent:
            mine = [
                pk
                for pk, cohort_id, group_id in gatherings
                if cohort_id == enrollment.cohort_id and group_id in (None, enrollment.group_id)
            ]
            statuses.append(
                CriterionStatus(
                    key="attendance",
                    done=sum(1 for pk in mine if minutes.get((pk, enrollment.user_id), 0) > 0),
                    needed=_needed(len(mine), criteria.min_attendance_percent),
                    total=len(mine),
                    percent_required=criteria.min_attendance_percent,
                )
            )
        result[enrollment.pk] = Eligibility(
            enrollment=enrollment,
            rules=course_rules_,
            criteria=statuses,
            certificate=by_member.get((enrollment.cohort_id, enrollment.user_id)),
        )
    return result


def cohort_participants(cohort: Cohort) -> list[Enrollment]:
    """The cohort's participants, with the cohort and course already attached (no query per row)."""
    participants = list(
        cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT)
        .select_related("user", "group")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    for enrollment in participants:
        enrollment.cohort = cohort
    return participants


def cohort_eligibility(*, cohort: Cohort, certificates: list[Certificate] | None = None) -> list[Eligibility]:
    """Every participant of a cohort with what they meet and what is missing (constant queries)."""
    participants = cohort_participants(cohort)
    by_id = eligibility_for(participants, certificates=certificates)
    return [by_id[e.pk] for e in participants]


def certificate_eligibility(*, cohort: Cohort, user: AnyUser) -> Eligibility | None:
    """One member's eligibility for one cohort; None if they are not a member."""
    if not user.is_authenticated:
        return None
    enrollment = Enrollment.objects.filter(cohort=cohort, user=user).select_related("user", "group").first()
    if enrollment is None:
        return None
    enrollment.cohort = cohort
    return eligibility_for([enrollment])[enrollment.pk]


def learning_certificates(enrollments: list[Enrollment]) -> dict[int, Eligibility]:
    """ "Mi aprendizaje": the eligibility of each participant enrolment (none for other roles)."""
    return eligibility_for([e for e in enrollments if e.role == Enrollment.Role.PARTICIPANT])


@dataclass
class CohortCertificates:
    """The dashboard's certificate section."""

    rules: CourseRules
    rows: list[Eligibility]  # every participant
    certificates: list[Certificate]  # every certificate of the cohort, of participants or not

    @property
    def issued_count(self) -> int:
        return sum(1 for c in self.certificates if not c.is_revoked)

    @property
    def revoked_count(self) -> int:
        return sum(1 for c in self.certificates if c.is_revoked)

    @property
    def to_issue(self) -> list[Eligibility]:
        return [r for r in self.rows if r.can_be_issued]


def cohort_certificates(*, cohort: Cohort) -> CohortCertificates:
    """Participants' eligibility and the cohort's certificates, in a fixed number of queries."""
    certificates = list(Certificate.objects.filter(cohort=cohort).order_by("full_name", "pk"))
    rows = cohort_eligibility(cohort=cohort, certificates=certificates)
    rules = rows[0].rules if rows else course_rules([cohort.course])[cohort.course_id]
    return CohortCertificates(rules=rules, rows=rows, certificates=certificates)
