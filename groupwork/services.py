"""Services that change small groups and their work (keyword-only, atomic, idempotent where it matters).

Errors a person can fix are ``ValidationError`` with a clear, translated message (a dict by field when
a form shows them) and change nothing; acting outside one's rights is ``PermissionDenied``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import SupportsIndex, SupportsInt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.models import Cohort, CohortGroup, Enrollment
from courses.services import touch_activity
from forums.models import Space
from forums.services import space_ensure_for_cohort
from groupwork import access
from groupwork.models import (
    COMMENT_MAX_CHARS,
    COMMITMENT_MAX_CHARS,
    NEW_COMMITMENTS_MAX,
    PURPOSE_MAX_CHARS,
    RECORD_MAX_CHARS,
    RHYTHM_MAX_CHARS,
    Commitment,
    CommitmentReview,
    CommitmentStatus,
    GroupSession,
    SessionComment,
    WorkPlan,
)
from lms.markdown import render_markdown
from lms.typing import User

GROUP_NAME_MAX_CHARS = CohortGroup._meta.get_field("name").max_length


@dataclass(frozen=True)
class NewCommitment:
    """A commitment made at a session: ``owner`` is an enrolment id of a member, or None (whole group)."""

    text: str
    owner: int | None = None
    due_on: dt.date | None = None


# --- groups of a cohort (facilitators, in the admin) -----------------------------------------------------


def _require_change(by: User, cohort: Cohort) -> None:
    if not access.can_change_groups(by, cohort):
        raise PermissionDenied


def _clean_name(name: str, cohort: Cohort, *, exclude: int | None = None) -> str:
    clean = " ".join((name or "").split())
    if not clean:
        raise ValidationError({"name": _("Give the group a name.")}, code="empty")
    if len(clean) > GROUP_NAME_MAX_CHARS:
        raise ValidationError(
            {"name": _("The name is too long (at most %(max)d characters).") % {"max": GROUP_NAME_MAX_CHARS}},
            code="too_long",
        )
    taken = (
        CohortGroup.objects.filter(cohort=cohort).annotate(lower=Lower("name")).filter(lower=clean.lower())
    )
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError(
            {"name": _("This cohort already has a group called “%(name)s”.") % {"name": clean}}, code="taken"
        )
    return clean


def _default_space_title(cohort: Cohort, name: str) -> str:
    # The title forums.services.space_ensure_for_cohort gives a group's space.
    with translation.override(cohort.course.language or settings.LANGUAGE_CODE):
        return _("Group: %(name)s") % {"name": name}


def group_create(*, cohort: Cohort, name: str, by: User, description: str = "") -> CohortGroup:
    """A new small group (empty), with its private forum space."""
    _require_change(by, cohort)
    with transaction.atomic():
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        clean = _clean_name(name, cohort)
        last = CohortGroup.objects.filter(cohort=cohort).aggregate(m=Max("sort_order"))["m"]
        group = CohortGroup.objects.create(
            cohort=cohort, name=clean, description=(description or "").strip(), sort_order=(last or 0) + 1
        )
        space_ensure_for_cohort(cohort=cohort)
    return group


def group_rename(*, group: CohortGroup, name: str, by: User) -> CohortGroup:
    """Rename a group; its forum space follows unless someone gave the space its own title."""
    cohort = group.cohort
    _require_change(by, cohort)
    with transaction.atomic():
        clean = _clean_name(name, cohort, exclude=group.pk)
        if clean == group.name:
            return group
        Space.objects.filter(group=group, title=_default_space_title(cohort, group.name)).update(
            title=_default_space_title(cohort, clean)
        )
        group.name = clean
        group.save(update_fields=["name"])
    return group


def group_delete(*, group: CohortGroup, by: User) -> int:
    """Delete a group with its work plan, records and forum space; its members stay, ungrouped.

    Returns how many members became ungrouped.
    """
    _require_change(by, group.cohort)
    with transaction.atomic():
        members = Enrollment.objects.filter(group=group).update(group=None)
        group.delete()
    return members


_INT_LIKE = str | bytes | bytearray | SupportsInt | SupportsIndex


def _as_id(value: object, what: str) -> int | None:
    if value is None or value == "":
        return None
    # A bool is no id; a value of a type int() does not take would raise TypeError below.
    if isinstance(value, bool) or not isinstance(value, _INT_LIKE):
        raise ValidationError(_("That is not a valid %(what)s.") % {"what": what}, code="bad_id")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("That is not a valid %(what)s.") % {"what": what}, code="bad_id") from None
    if number <= 0:
        raise ValidationError(_("That is not a valid %(what)s.") % {"what": what}, code="bad_id")
    return number


def _apply_assignments(changes: Mapping[int, int | None]) -> None:
    by_target: dict[int | None, list[int]] = defaultdict(list)
    for enrollment_id, group_id in changes.items():
        by_target[group_id].append(enrollment_id)
    for group_id, enrollment_ids in by_target.items():
        Enrollment.objects.filter(pk__in=enrollment_ids).update(group_id=group_id)


def group_assignments_set(
    *, cohort: Cohort, assignments: Mapping[int, object] | Mapping[str, object], by: User
) -> dict[int, int | None]:
    """Place participants in groups (None: ungrouped), all or nothing.

    ``assignments`` maps enrolment ids to group ids (ints, or the strings a form posts; "" or None:
    ungrouped; anything else is refused). Ids of another cohort, of people who are not
    participants, or of groups of another cohort reject the whole request: nothing is changed.
    Returns the changes actually made (enrolment id → new group id).
    """
    _require_change(by, cohort)
    wanted: dict[int, int | None] = {}
    for key, value in assignments.items():
        enrollment_id = _as_id(key, _("participant"))
        if enrollment_id is None:
            raise ValidationError(_("That is not a valid participant."), code="bad_id")
        wanted[enrollment_id] = _as_id(value, _("small group"))
    if not wanted:
        return {}
    with transaction.atomic():
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        current = dict(
            Enrollment.objects.filter(
                pk__in=list(wanted), cohort=cohort, role=Enrollment.Role.PARTICIPANT
            ).values_list("pk", "group_id")
        )
        if len(current) != len(wanted):
            raise ValidationError(
                _(
                    "Some of the people sent are not participants of this cohort. "
                    "Nothing was changed: reload the page and try again."
                ),
                code="foreign_enrollment",
            )
        groups = set(CohortGroup.objects.filter(cohort=cohort).values_list("pk", flat=True))
        if any(group_id is not None and group_id not in groups for group_id in wanted.values()):
            raise ValidationError(
                _(
                    "Some of the groups sent do not belong to this cohort. "
                    "Nothing was changed: reload the page and try again."
                ),
                code="foreign_group",
            )
        changes = {pk: group_id for pk, group_id in wanted.items() if current[pk] != group_id}
        _apply_assignments(changes)
    return changes


def group_distribute_ungrouped(*, cohort: Cohort, by: User) -> dict[int, int]:
    """Place every ungrouped participant, by name, in the group with the fewest participants.

    Deterministic: participants in order of name (then id), ties between groups broken by the groups'
    order. Returns enrolment id → group id for the people placed.
    """
    _require_change(by, cohort)
    with transaction.atomic():
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        groups = list(
            CohortGroup.objects.filter(cohort=cohort)
            .annotate(size=Count("enrollments", filter=Q(enrollments__role=Enrollment.Role.PARTICIPANT)))
            .order_by("sort_order", "pk")
        )
        if not groups:
            raise ValidationError(_("Create at least one group first."), code="no_groups")
        ungrouped = list(
            Enrollment.objects.filter(cohort=cohort, role=Enrollment.Role.PARTICIPANT, group__isnull=True)
            .order_by("user__first_name", "user__last_name", "user__username", "pk")
            .values_list("pk", flat=True)
        )
        sizes = {g.pk: g.size for g in groups}
        order = {g.pk: position for position, g in enumerate(groups)}
        placed: dict[int, int] = {}
        for enrollment_id in ungrouped:
            target = min(sizes, key=lambda pk: (sizes[pk], order[pk]))
            placed[enrollment_id] = target
            sizes[target] += 1
        _apply_assignments(placed)
    return placed


# --- the work of a group (its members, on the site; facilitators too) ------------------------------------


def _require_record_keeper(by: User, group: CohortGroup) -> None:
    if not access.can_keep_record(by, group):
        raise PermissionDenied


def _touch(by: User, group: CohortGroup) -> None:
    enrollment = Enrollment.objects.filter(user=by, cohort_id=group.cohort_id).first() if by.pk else None
    if enrollment is not None:
        touch_activity(enrollment)


def work_plan_update(*, group: CohortGroup, by: User, purpose: str = "", rhythm: str = "") -> WorkPlan:
    """The group's plan: what it works towards and how often it meets. Both may stay empty."""
    _require_record_keeper(by, group)
    purpose = (purpose or "").strip()
    rhythm = " ".join((rhythm or "").split())
    errors: dict[str, str] = {}
    if len(purpose) > PURPOSE_MAX_CHARS:
        errors["purpose"] = _("The purpose is too long (%(count)d characters; at most %(max)d).") % {
            "count": len(purpose),
            "max": PURPOSE_MAX_CHARS,
        }
    if len(rhythm) > RHYTHM_MAX_CHARS:
        errors["rhythm"] = _("The meeting rhythm is too long (at most %(max)d characters).") % {
            "max": RHYTHM_MAX_CHARS
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan, _created = WorkPlan.objects.update_or_create(
            group=group, defaults={"purpose": purpose, "rhythm": rhythm, "updated_by": by}
        )
    return plan


def session_for_token(*, group: CohortGroup, client_token: object) -> GroupSession | None:
    """The session a form with this token already recorded (a double submit), if any."""
    try:
        token = client_token if isinstance(client_token, uuid.UUID) else uuid.UUID(str(client_token or ""))
    except ValueError:
        return None
    return GroupSession.objects.filter(group=group, client_token=token).first()


def last_session(group: CohortGroup) -> GroupSession | None:
    return GroupSession.objects.filter(group=group).order_by("-held_on", "-pk").first()


def _clean_held_on(held_on: object, group: CohortGroup) -> tuple[dt.date | None, str | None]:
    if not isinstance(held_on, dt.date) or isinstance(held_on, dt.datetime):
        return None, _("Give the date the group met.")
    cohort = group.cohort
    if held_on > cohort.today():
        return None, _("A session is recorded after it happens: the date cannot be in the future.")
    if held_on < cohort.starts_on:
        return None, _("The date is before the cohort started (%(date)s).") % {
            "date": _format_date(cohort.starts_on)
        }
    previous = last_session(group)
    if previous is not None and held_on < previous.held_on:
        return None, _(
            "The last recorded session was on %(date)s; a new session cannot be dated before it."
        ) % {"date": _format_date(previous.held_on)}
    return held_on, None


def _format_date(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _clean_record(record: str) -> tuple[str, str | None]:
    text = (record or "").strip()
    if not text:
        return "", _("Write what the group did: the record cannot be empty.")
    if len(text) > RECORD_MAX_CHARS:
        return "", _("The record is too long (%(count)d characters; at most %(max)d).") % {
            "count": len(text),
            "max": RECORD_MAX_CHARS,
        }
    return text, None


def _group_members(group: CohortGroup) -> set[int]:
    return set(Enrollment.objects.filter(group=group, cohort_id=group.cohort_id).values_list("pk", flat=True))


def _clean_ids(values: Iterable[object] | None, what: str) -> tuple[set[int], str | None]:
    ids = set()
    try:
        for value in values or ():
            number = _as_id(getattr(value, "pk", value), what)
            if number is not None:
                ids.add(number)
    except (ValidationError, TypeError):
        return set(), _("That is not a valid %(what)s.") % {"what": what}
    return ids, None


def _clean_reviews(
    reviewed: Mapping[int, str] | None, open_ids: set[int]
) -> tuple[dict[int, str], str | None]:
    statuses: dict[int, str] = {}
    for key, status in (reviewed or {}).items():
        try:
            commitment_id = _as_id(key, _("commitment"))
        except ValidationError:
            return {}, _("That is not a valid commitment.")
        if commitment_id is None or commitment_id not in open_ids:
            return {}, _(
                "Only the group's open commitments can be reviewed; one of them is closed or "
                "belongs to another group. Reload the page and try again."
            )
        if status not in CommitmentStatus.values:
            return {}, _("Mark each commitment as done, still pending or dropped.")
        statuses[commitment_id] = status
    return statuses, None


def _clean_new_commitments(
    items: Iterable[NewCommitment], members: set[int], held_on: dt.date | None
) -> tuple[list[NewCommitment], str | None]:
    items = list(items or ())
    if len(items) > NEW_COMMITMENTS_MAX:
        return [], _("At most %(max)d new commitments per session.") % {"max": NEW_COMMITMENTS_MAX}
    clean = []
    for item in items:
        text = " ".join((item.text or "").split())
        if not text:
            return [], _("Each commitment needs its text.")
        if len(text) > COMMITMENT_MAX_CHARS:
            return [], _("A commitment is too long (at most %(max)d characters).") % {
                "max": COMMITMENT_MAX_CHARS
            }
        try:
            owner = _as_id(item.owner, _("member"))
        except ValidationError:
            return [], _("A commitment is for a member of the group or for the whole group.")
        if owner is not None and owner not in members:
            return [], _("A commitment is for a member of the group or for the whole group.")
        if item.due_on is not None:
            if not isinstance(item.due_on, dt.date):
                return [], _("That is not a valid due date.")
            if held_on is not None and item.due_on < held_on:
                return [], _("A commitment cannot be due before the session it was made in.")
        clean.append(NewCommitment(text=text, owner=owner, due_on=item.due_on))
    return clean, None


def group_session_record(
    *,
    group: CohortGroup,
    by: User,
    held_on: dt.date,
    attendees: Iterable[int],
    record: str,
    reviewed: Mapping[int, str] | None = None,
    new_commitments: Iterable[NewCommitment] = (),
    client_token: uuid.UUID | None = None,
) -> GroupSession:
    """Record a session of a group. It opens with the group's open commitments.

    Every open commitment is reviewed: ``reviewed`` maps commitment ids to "done", "pending" (carried
    over to the next session) or "dropped"; the ones not mentioned stay pending. A commitment keeps
    the session it was made in and one review per later session. Sending the same form twice (same
    ``client_token``) records one session. Bad input records nothing.
    """
    _require_record_keeper(by, group)
    if client_token is not None and (
        previous := GroupSession.objects.filter(group=group, client_token=client_token).first()
    ):
        return previous
    try:
        with transaction.atomic():
            CohortGroup.objects.select_for_update().filter(pk=group.pk).first()
            if client_token is not None and (
                previous := GroupSession.objects.filter(group=group, client_token=client_token).first()
            ):
                return previous
            session = _record(group, by, held_on, attendees, record, reviewed, new_commitments, client_token)
    except IntegrityError:
        previous = GroupSession.objects.filter(group=group, client_token=client_token).first()
        if client_token is None or previous is None:
            raise
        return previous
    _touch(by, group)
    return session


def _record(
    group: CohortGroup,
    by: User,
    held_on: object,
    attendees: Iterable[object],
    record: str,
    reviewed: Mapping[int, str] | None,
    new_commitments: Iterable[NewCommitment],
    client_token: uuid.UUID | None,
) -> GroupSession:
    errors: dict[str, str] = {}
    day, error = _clean_held_on(held_on, group)
    if error:
        errors["held_on"] = error
    text, error = _clean_record(record)
    if error:
        errors["record"] = error
    members = _group_members(group)
    present, error = _clean_ids(attendees, _("member"))
    if error is None and not present:
        error = _("Mark who attended the session.")
    if error is None and present - members:
        error = _("Only members of this group can be marked as attending.")
    if error:
        errors["attendees"] = error
    open_commitments = {
        c.pk: c for c in Commitment.objects.filter(group=group, status=CommitmentStatus.PENDING)
    }
    statuses, error = _clean_reviews(reviewed or {}, set(open_commitments))
    if error:
        errors["reviewed"] = error
    commitments, error = _clean_new_commitments(new_commitments, members, day)
    if error:
        errors["new_commitments"] = error
    if errors:
        raise ValidationError(errors)
    assert day is not None  # no error: _clean_held_on returned the date

    session = GroupSession.objects.create(
        group=group,
        held_on=day,
        record=text,
        record_html=render_markdown(text),
        recorded_by=by if by.pk else None,
        client_token=client_token,
    )
    session.attendees.set(sorted(present))
    reviews = []
    closing: dict[str, list[int]] = defaultdict(list)
    for commitment_id in sorted(open_commitments):
        status = statuses.get(commitment_id, CommitmentStatus.PENDING)
        reviews.append(CommitmentReview(commitment_id=commitment_id, session=session, status=status))
        if status != CommitmentStatus.PENDING:
            closing[status].append(commitment_id)
    CommitmentReview.objects.bulk_create(reviews)
    for status, ids in closing.items():
        Commitment.objects.filter(pk__in=ids).update(status=status, closed_in=session)
    Commitment.objects.bulk_create(
        [
            Commitment(group=group, made_in=session, text=c.text, owner_id=c.owner, due_on=c.due_on)
            for c in commitments
        ]
    )
    return session


def session_comment_add(
    *, session: GroupSession, by: User, body: str, client_token: uuid.UUID | None = None
) -> SessionComment:
    """A comment on a session record (facilitators read and comment; members may answer)."""
    _require_record_keeper(by, session.group)
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": _("Write something before sending.")}, code="empty")
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError(
            {
                "body": _("The comment is too long (%(count)d characters; at most %(max)d).")
                % {"count": len(text), "max": COMMENT_MAX_CHARS}
            },
            code="too_long",
        )
    if client_token is not None and (
        previous := SessionComment.objects.filter(session=session, client_token=client_token).first()
    ):
        return previous
    try:
        with transaction.atomic():
            return SessionComment.objects.create(
                session=session, author=by, body=text, client_token=client_token
            )
    except IntegrityError:
        previous = SessionComment.objects.filter(session=session, client_token=client_token).first()
        if previous is None:
            raise
        return previous
