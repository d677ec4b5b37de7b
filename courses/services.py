"""Services that change course data. Every multi-row write is atomic; retries never duplicate."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from courses import access
from courses.models import (
    Cohort,
    CohortGroup,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    Reflection,
    ReflectionMessage,
)
from lms.text import clean_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

REFLECTION_MAX_CHARS = 10_000
FACILITATORS_GROUP = "Facilitators"
FACILITATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("courses", "add_cohort"),
    ("courses", "change_cohort"),
    ("courses", "view_cohort"),
    ("live", "add_gathering"),
    ("live", "change_gathering"),
    ("live", "view_gathering"),
    ("forums", "add_dialogicmove"),
    ("forums", "change_dialogicmove"),
    ("forums", "delete_dialogicmove"),
    ("forums", "view_dialogicmove"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
COURSE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "view_page"]


def _participant_count(cohort: Cohort) -> int:
    return cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT).count()


def enrolment_create(*, user: AbstractUser, cohort: Cohort, code: str = "") -> Enrollment:
    """Self-service enrolment of a signed-in person as a participant, by the cohort's rules."""
    if not user.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if Enrollment.objects.filter(cohort=cohort, user=user).exists():
            raise ValidationError(_("You are already enrolled in this cohort."), code="already_enrolled")
        if cohort.has_ended:
            raise ValidationError(_("This cohort has already finished."), code="ended")
        if cohort.enrolment_mode == Cohort.EnrolmentMode.CLOSED:
            raise ValidationError(
                _("Enrolment in this cohort is closed. Ask its facilitators to add you."), code="closed"
            )
        if cohort.enrolment_mode == Cohort.EnrolmentMode.INVITE:
            given = (code or "").strip()
            if not given:
                raise ValidationError(_("This cohort needs an invitation code."), code="code_required")
            if given.upper() != cohort.invitation_code.strip().upper():
                raise ValidationError(
                    _("That invitation code is not valid for this cohort."), code="bad_code"
                )
            if cohort.invitation_expires_at and timezone.now() > cohort.invitation_expires_at:
                raise ValidationError(_("That invitation code has expired."), code="code_expired")
        if cohort.capacity is not None and _participant_count(cohort) >= cohort.capacity:
            raise ValidationError(_("This cohort is full."), code="full")
        try:
            with transaction.atomic():
                return Enrollment.objects.create(cohort=cohort, user=user, role=Enrollment.Role.PARTICIPANT)
        except IntegrityError as exc:
            raise ValidationError(
                _("You are already enrolled in this cohort."), code="already_enrolled"
            ) from exc


def enrolment_add(
    *,
    cohort: Cohort,
    user: AbstractUser,
    role: str = Enrollment.Role.PARTICIPANT,
    group: CohortGroup | None = None,
) -> tuple[Enrollment, bool]:
    """A facilitator or operator adds a member, whatever the enrolment mode. Idempotent."""
    if role not in Enrollment.Role.values:
        raise ValidationError(_("Unknown role."), code="bad_role")
    if group is not None and group.cohort_id != cohort.pk:
        raise ValidationError(_("That small group belongs to another cohort."), code="bad_group")
    with transaction.atomic():
        enrollment, created = Enrollment.objects.get_or_create(
            cohort=cohort, user=user, defaults={"role": role, "group": group}
        )
        if not created and (enrollment.role != role or (group and enrollment.group_id != group.pk)):
            enrollment.role = role
            enrollment.group = group or enrollment.group
            enrollment.save(update_fields=["role", "group"])
        facilitator_permissions_sync(course=cohort.course)
    return enrollment, created


def facilitator_permissions_sync(*, course: CoursePage) -> None:
    """Give the course's facilitators Wagtail rights over that course's pages, and only those."""
    with transaction.atomic():
        base, _created = Group.objects.get_or_create(name=FACILITATORS_GROUP)
        wanted = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in FACILITATOR_PERMISSIONS
        ]
        base.permissions.add(*wanted)
        course_group, _created = Group.objects.get_or_create(name=f"Course {course.pk}: facilitators")
        for codename in COURSE_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=course_group,
                page=course.page_ptr,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        facilitators = set(
            Enrollment.objects.filter(cohort__course=course, role=Enrollment.Role.FACILITATOR).values_list(
                "user_id", flat=True
            )
        )
        current = set(course_group.user_set.values_list("pk", flat=True))
        course_group.user_set.remove(*(current - facilitators))
        course_group.user_set.add(*(facilitators - current))
        base.user_set.add(*facilitators)


def touch_activity(enrollment: Enrollment) -> None:
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=timezone.now())


def _writable_enrollment(user: AbstractUser, lesson: LessonPage) -> Enrollment:
    decision = access.lesson_access_for(user, lesson)
    if decision.decision == access.LessonDecision.LOCKED:
        raise ValidationError(_("This lesson is not open yet for your cohort."), code="locked")
    if not decision.allowed or decision.enrollment is None:
        raise ValidationError(_("You are not enrolled in a cohort of this course."), code="not_enrolled")
    return decision.enrollment


def _progress_enrollment(user: AbstractUser, lesson: LessonPage) -> Enrollment:
    """Participants and facilitators keep progress; observers only read (see access.can_take_part)."""
    enrollment = _writable_enrollment(user, lesson)
    if enrollment.role == Enrollment.Role.OBSERVER:
        raise ValidationError(_("Observers read the course without marking progress."), code="observer")
    return enrollment


def lesson_complete(*, user: AbstractUser, lesson: LessonPage) -> LessonCompletion:
    """Mark a lesson complete for the user's cohort. Marking it twice keeps the first time."""
    enrollment = _progress_enrollment(user, lesson)
    with transaction.atomic():
        completion, _created = LessonCompletion.objects.get_or_create(enrollment=enrollment, lesson=lesson)
        touch_activity(enrollment)
    return completion


def lesson_uncomplete(*, user: AbstractUser, lesson: LessonPage) -> None:
    enrollment = _progress_enrollment(user, lesson)
    LessonCompletion.objects.filter(enrollment=enrollment, lesson=lesson).delete()


def _clean_text(body: str) -> str:
    return clean_text(body, max_chars=REFLECTION_MAX_CHARS)


def _existing_message(author: AbstractUser, client_token: uuid.UUID | None) -> ReflectionMessage | None:
    if client_token is None:
        return None
    return ReflectionMessage.objects.filter(author=author, client_token=client_token).first()


def reflection_submit(
    *,
    user: AbstractUser,
    lesson: LessonPage,
    prompt_id: str,
    body: str,
    client_token: uuid.UUID | None = None,
) -> Reflection:
    """A participant writes (or adds to) their reflection on a prompt; it then awaits feedback."""
    text = _clean_text(body)
    prompt = lesson.reflection_prompt(prompt_id)
    if prompt is None:
        raise ValidationError(_("This reflection prompt no longer exists."), code="no_prompt")
    enrollment = _writable_enrollment(user, lesson)
    if enrollment.role != Enrollment.Role.PARTICIPANT:
        raise ValidationError(_("Only participants write reflections."), code="not_participant")
    if (previous := _existing_message(user, client_token)) is not None:
        return previous.reflection
    with transaction.atomic():
        reflection, created = Reflection.objects.get_or_create(
            enrollment=enrollment, lesson=lesson, prompt_id=prompt_id, defaults={"prompt": prompt}
        )
        kind = ReflectionMessage.Kind.REFLECTION if created else ReflectionMessage.Kind.REPLY
        ReflectionMessage.objects.create(
            reflection=reflection, author=user, kind=kind, body=text, client_token=client_token
        )
        reflection.status = Reflection.Status.PENDING
        reflection.save(update_fields=["status", "updated_at"])
        touch_activity(enrollment)
    return reflection


def reflection_feedback(
    *, author: AbstractUser, reflection: Reflection, body: str, client_token: uuid.UUID | None = None
) -> ReflectionMessage:
    """A facilitator answers a reflection; the participant sees it and may answer back."""
    if not access.can_give_feedback(author, reflection):
        raise PermissionDenied
    text = _clean_text(body)
    if (previous := _existing_message(author, client_token)) is not None:
        return previous
    with transaction.atomic():
        message = ReflectionMessage.objects.create(
            reflection=reflection,
            author=author,
            kind=ReflectionMessage.Kind.FEEDBACK,
            body=text,
            client_token=client_token,
        )
        reflection.status = Reflection.Status.ANSWERED
        reflection.save(update_fields=["status", "updated_at"])
    return message


def reflection_reply(
    *, author: AbstractUser, reflection: Reflection, body: str, client_token: uuid.UUID | None = None
) -> ReflectionMessage:
    """The participant answers the feedback back: the reflection awaits the facilitator again."""
    if not access.can_answer_feedback(author, reflection):
        raise PermissionDenied
    text = _clean_text(body)
    if (previous := _existing_message(author, client_token)) is not None:
        return previous
    with transaction.atomic():
        message = ReflectionMessage.objects.create(
            reflection=reflection,
            author=author,
            kind=ReflectionMessage.Kind.REPLY,
            body=text,
            client_token=client_token,
        )
        reflection.status = Reflection.Status.PENDING
        reflection.save(update_fields=["status", "updated_at"])
        touch_activity(reflection.enrollment)
    return message
