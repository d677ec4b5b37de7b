"""Announcements and nudges: validate, store in one transaction, e-mail once it has committed.

E-mails are claimed before they are sent (``emailed_at`` set by a conditional UPDATE), so a retry,
a second worker or a second run of ``send_announcements`` never sends one twice; a failing mail
server is logged and never undoes what was stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import string
import uuid
from typing import TYPE_CHECKING

from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from announcements.models import Announcement, AnnouncementReceipt, Nudge, NudgeTemplate
from announcements.selectors import unread_key
from courses import access as course_access
from courses.models import Cohort, CohortGroup, Enrollment
from lms.emails import absolute, preferences_of, recipient_language
from lms.markdown import render_markdown
from lms.text import normalise_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AbstractUser

logger = logging.getLogger(__name__)

TITLE_MAX = 200
BODY_MAX = 20_000
SCHEDULE_MAX_AHEAD = dt.timedelta(days=366)
STRAGGLER_AFTER = dt.timedelta(minutes=5)  # e-mails not gone this long after delivery were lost
NUDGE_PLACEHOLDERS = ("name", "course", "cohort", "days", "link")


def forget_unread(user_ids: Iterable[int]) -> None:
    """Drop the bell's cached counts now and once the transaction commits."""
    keys = [unread_key(pk) for pk in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


# --- announcements ----------------------------------------------------------------------------------


def _clean_text(value: str, *, field: str, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("Write the %(label)s.") % {"label": label}})
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("The %(label)s is too long (at most %(limit)s characters).")
                % {"label": label, "limit": limit}
            }
        )
    return value


def announcement_create(
    *,
    cohort: Cohort,
    author: AbstractUser,
    title: str,
    body: str,
    group: CohortGroup | None = None,
    publish_at: dt.datetime | None = None,
    form_key: uuid.UUID | None = None,
    now: dt.datetime | None = None,
) -> Announcement:
    """Store an announcement; one due now goes out at once (receipts now, e-mails after commit)."""
    now = now or timezone.now()
    if form_key is not None:
        existing = Announcement.objects.filter(form_key=form_key, cohort=cohort).first()
        if existing is not None:
            return existing
    title = _clean_text(title, field="title", label=_("title"), limit=TITLE_MAX)
    body = _clean_text(body, field="body", label=_("message"), limit=BODY_MAX)
    if group is not None and group.cohort_id != cohort.pk:
        raise ValidationError({"group": _("Choose one of this cohort's small groups.")})
    if publish_at is None or publish_at <= now:
        publish_at = now
    elif publish_at - now > SCHEDULE_MAX_AHEAD:
        raise ValidationError({"publish_at": _("An announcement can be scheduled at most a year ahead.")})
    try:
        with transaction.atomic():
            announcement = Announcement.objects.create(
                cohort=cohort,
                group=group,
                title=title,
                body=body,
                body_html=render_markdown(body),
                author=author,
                publish_at=publish_at,
                form_key=form_key,
            )
            if publish_at <= now:
                announcement_deliver(announcement_id=announcement.pk, now=now)
    except IntegrityError:
        existing = Announcement.objects.filter(form_key=form_key, cohort=cohort).first() if form_key else None
        if existing is None:
            raise
        return existing
    return announcement


def announcement_recipient_ids(announcement: Announcement) -> list[int]:
    members = Enrollment.objects.filter(cohort_id=announcement.cohort_id)
    if announcement.group_id is not None:
        members = members.filter(course_access.group_audience_q(announcement.group_id))
    return sorted(set(members.exclude(user_id=announcement.author_id).values_list("user_id", flat=True)))


def announcement_deliver(*, announcement_id: int, now: dt.datetime | None = None) -> int | None:
    """Write the receipts of a due announcement and mark it sent; e-mails follow the commit.

    Returns how many people it went to, or None if it had already gone out or is not due yet.
    """
    now = now or timezone.now()
    with transaction.atomic():
        announcement = (
            Announcement.objects.select_for_update()
            .filter(pk=announcement_id, sent_at__isnull=True, publish_at__lte=now)
            .first()
        )
        if announcement is None:
            return None
        recipients = announcement_recipient_ids(announcement)
        AnnouncementReceipt.objects.bulk_create(
            [AnnouncementReceipt(announcement=announcement, recipient_id=pk) for pk in recipients],
            ignore_conflicts=True,
            batch_size=500,
        )
        announcement.sent_at = now
        announcement.save(update_fields=["sent_at"])
        forget_unread(recipients)
        transaction.on_commit(lambda: announcement_emails_send(announcement_id=announcement_id))
    return len(recipients)


def _claim(rows: QuerySet, now: dt.datetime) -> list[int]:
    """Mark the rows not e-mailed yet as e-mailed (one UPDATE) and return the ids this call claimed:
    a concurrent sender claims the others, never the same ones."""
    ids = list(rows.filter(emailed_at__isnull=True).values_list("pk", flat=True))
    rows.model.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
    return list(rows.model.objects.filter(pk__in=ids, emailed_at=now).values_list("pk", flat=True))


def announcement_emails_send(*, announcement_id: int) -> int:
    """E-mail every recipient not e-mailed yet, each in their language. Returns how many were sent."""
    announcement = Announcement.objects.select_related("cohort__course", "group", "author").get(
        pk=announcement_id
    )
    claimed = _claim(announcement.receipts.exclude(recipient__email=""), timezone.now())
    receipts = list(AnnouncementReceipt.objects.filter(pk__in=claimed).select_related("recipient"))
    preferences = preferences_of(r.recipient for r in receipts)
    course_language = announcement.cohort.course.language
    link = absolute(reverse("announcements:detail", args=[announcement.pk]))
    outgoing = []
    for receipt in receipts:
        user = receipt.recipient
        language = recipient_language(user, course_language=course_language, preferences=preferences[user.pk])
        with translation.override(language):
            context = {"announcement": announcement, "user": user, "link": link}
            subject = render_to_string("announcements/email_subject.txt", context)
            message = mail.EmailMessage(
                subject=normalise_text(subject, single_line=True),
                body=render_to_string("announcements/email_body.txt", context),
                to=[user.email],
            )
        outgoing.append((receipt.pk, message))
    return _send(AnnouncementReceipt, outgoing)


def _send(model: type[models.Model], outgoing: list[tuple[int, mail.EmailMessage]]) -> int:
    """Send each claimed row's message; a row whose message fails is released (``emailed_at`` back to
    empty), logged, and sent again by the next ``send_announcements``. Returns how many went out."""
    if not outgoing:
        return 0
    failed: list[int] = []
    try:
        with mail.get_connection() as connection:
            for row_id, message in outgoing:
                try:
                    connection.send_messages([message])
                except Exception:  # one bad address or header must not stop the others
                    logger.exception("Could not send the e-mail of %s %s", model.__name__, row_id)
                    failed.append(row_id)
    except Exception:  # the mail server is unreachable: nothing went out
        logger.exception("Could not send %s e-mails", len(outgoing))
        failed = [row_id for row_id, _message in outgoing]
    if failed:
        model.objects.filter(pk__in=failed).update(emailed_at=None)
        logger.warning("%d of %d %s e-mails will be retried", len(failed), len(outgoing), model.__name__)
    return len(outgoing) - len(failed)


def announcements_send_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Send every scheduled announcement whose time has come; safe to run twice or concurrently."""
    now = now or timezone.now()
    due = list(
        Announcement.objects.filter(sent_at__isnull=True, publish_at__lte=now)
        .order_by("publish_at", "pk")
        .values_list("pk", flat=True)
    )
    sent = receipts = 0
    for pk in due:
        written = announcement_deliver(announcement_id=pk, now=now)
        if written is not None:
            sent += 1
            receipts += written
    # E-mails of announcements whose delivery committed but whose mail step never ran (crash, restart).
    stragglers = (
        AnnouncementReceipt.objects.filter(
            emailed_at__isnull=True, announcement__sent_at__lt=now - STRAGGLER_AFTER
        )
        .exclude(recipient__email="")
        .values_list("announcement_id", flat=True)
        .distinct()
    )
    emailed = sum(announcement_emails_send(announcement_id=pk) for pk in list(stragglers))
    late_nudges = (
        Nudge.objects.filter(emailed_at__isnull=True, sent_at__lt=now - STRAGGLER_AFTER)
        .exclude(recipient__email="")
        .values_list("batch_key", flat=True)
        .distinct()
    )
    emailed += sum(nudge_emails_send(batch_key=key) for key in list(late_nudges))
    return {"announcements": sent, "receipts": receipts, "late_emails": emailed}


def announcement_cancel(*, announcement: Announcement) -> None:
    """Withdraw a scheduled announcement before it goes out; a sent one cannot be unsent."""
    with transaction.atomic():
        locked = Announcement.objects.select_for_update().filter(pk=announcement.pk).first()
        if locked is None:
            return
        if locked.sent_at is not None:
            raise ValidationError(_("This announcement has already gone out; it can no longer be cancelled."))
        locked.delete()


def announcements_mark_read(*, user: AbstractUser, announcement_ids: Iterable[int] | None = None) -> int:
    receipts = AnnouncementReceipt.objects.filter(recipient=user, read_at__isnull=True)
    if announcement_ids is not None:
        receipts = receipts.filter(announcement_id__in=list(announcement_ids))
    marked = receipts.update(read_at=timezone.now())
    if marked:
        forget_unread([user.pk])
    return marked


# --- nudges ------------------------------------------------------------------------------------------


def nudge_default_text() -> tuple[str, str]:
    """The translated default wording (in the active language)."""
    return (
        _("We miss you in {course}"),
        _(
            "Hello {name},\n\nIt has been {days} days since we last saw you in {cohort}. Your voice matters "
            "to the group: when you can, come back and pick up where you left off:\n{link}\n\n"
            "If something is getting in the way, reply to this message and tell us.\n"
        ),
    )


def nudge_text_for(cohort: Cohort) -> tuple[str, str]:
    saved = NudgeTemplate.objects.filter(cohort=cohort).first()
    return (saved.subject, saved.body) if saved else nudge_default_text()


def _check_placeholders(text: str, field: str) -> None:
    """Only the known placeholders, written plainly: ``{days}``, never ``{days:>20}`` or ``{days!r}``."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError({field: _("Unbalanced braces: write {{ and }} for a literal brace.")}) from None
    names = {name for _lit, name, _spec, _conv in parts if name is not None}
    unknown = sorted(n for n in names if n not in NUDGE_PLACEHOLDERS)
    if unknown:
        raise ValidationError(
            {
                field: _("Unknown placeholder %(names)s. You can use: %(known)s.")
                % {
                    "names": ", ".join(f"{{{n}}}" for n in unknown),
                    "known": ", ".join(f"{{{n}}}" for n in NUDGE_PLACEHOLDERS),
                }
            }
        )
    formatted = sorted({name for _lit, name, spec, conv in parts if name is not None and (spec or conv)})
    if formatted:
        raise ValidationError(
            {
                field: _("Write placeholders plainly, like %(example)s: nothing after the name.")
                % {"example": f"{{{formatted[0]}}}"}
            }
        )


def fill_placeholders(text: str, values: dict[str, object]) -> str:
    """``text`` with each ``{name}`` replaced literally by its value (no format specs, no conversions)."""
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(str(values[name]))
    return "".join(out)


def _filled(template: str, values: dict[str, object], *, field: str, limit: int) -> str:
    text = fill_placeholders(template, values)
    if len(text) > limit:
        raise ValidationError(
            {
                field: _(
                    "With the placeholders filled in, the text is too long "
                    "(%(count)d characters; at most %(max)d)."
                )
                % {"count": len(text), "max": limit}
            }
        )
    return text


def _days_since(last: dt.datetime | None, joined: dt.datetime, now: dt.datetime) -> int:
    return max(0, (now - (last or joined)).days)


def nudges_send(
    *,
    cohort: Cohort,
    sender: AbstractUser,
    enrollment_ids: Iterable[int],
    subject: str,
    body: str,
    batch_key: uuid.UUID,
    save_template: bool = False,
    last_activity: dict[int, dt.datetime | None] | None = None,
) -> list[Nudge]:
    """Send one personal message to each chosen participant of the cohort.

    Ids of people outside the cohort are refused (nothing is sent). The same ``batch_key`` twice
    returns the nudges of the first call.
    """
    existing = list(Nudge.objects.filter(batch_key=batch_key, cohort=cohort))
    if existing:
        return existing
    subject = _clean_text(subject, field="subject", label=_("subject"), limit=TITLE_MAX)
    body = _clean_text(body, field="body", label=_("message"), limit=BODY_MAX)
    _check_placeholders(subject, "subject")
    _check_placeholders(body, "body")
    ids = {int(pk) for pk in enrollment_ids}
    if not ids:
        raise ValidationError(_("Choose at least one person to nudge."))
    members = list(
        Enrollment.objects.filter(cohort=cohort, pk__in=ids, role=Enrollment.Role.PARTICIPANT).select_related(
            "user"
        )
    )
    if len(members) != len(ids):
        raise ValidationError(_("Some of the people chosen are not participants of this cohort."))
    now = timezone.now()
    last_activity = last_activity or {}
    link = absolute(reverse("workspace:my_learning"))
    with transaction.atomic():
        if save_template:
            NudgeTemplate.objects.update_or_create(
                cohort=cohort, defaults={"subject": subject, "body": body, "updated_by": sender}
            )
        nudges = []
        for member in members:
            values = {
                "name": normalise_text(
                    member.user.first_name or member.user.get_full_name() or member.user.get_username(),
                    single_line=True,
                ),
                "course": cohort.course.title,
                "cohort": cohort.name,
                "days": _days_since(
                    last_activity.get(member.pk, member.last_activity_at), member.created_at, now
                ),
                "link": link,
            }
            nudges.append(
                Nudge(
                    cohort=cohort,
                    recipient=member.user,
                    sender=sender,
                    subject=normalise_text(
                        _filled(subject, values, field="subject", limit=TITLE_MAX), single_line=True
                    ),
                    body=_filled(body, values, field="body", limit=BODY_MAX),
                    batch_key=batch_key,
                )
            )
        try:
            with transaction.atomic():
                Nudge.objects.bulk_create(nudges)
        except IntegrityError:
            return list(Nudge.objects.filter(batch_key=batch_key, cohort=cohort))
        forget_unread([m.user_id for m in members])
        transaction.on_commit(lambda: nudge_emails_send(batch_key=batch_key))
    return list(Nudge.objects.filter(batch_key=batch_key, cohort=cohort))


def nudge_emails_send(*, batch_key: uuid.UUID) -> int:
    claimed = _claim(Nudge.objects.filter(batch_key=batch_key).exclude(recipient__email=""), timezone.now())
    outgoing = []
    for nudge in Nudge.objects.filter(pk__in=claimed).select_related("recipient", "sender"):
        reply_to = [nudge.sender.email] if nudge.sender and nudge.sender.email else []
        subject = normalise_text(nudge.subject, single_line=True)
        outgoing.append(
            (
                nudge.pk,
                mail.EmailMessage(
                    subject=subject, body=nudge.body, to=[nudge.recipient.email], reply_to=reply_to
                ),
            )
        )
    return _send(Nudge, outgoing)


def nudges_mark_read(*, user: AbstractUser, nudge_ids: Iterable[int] | None = None) -> int:
    nudges = Nudge.objects.filter(recipient=user, read_at__isnull=True)
    if nudge_ids is not None:
        nudges = nudges.filter(pk__in=list(nudge_ids))
    marked = nudges.update(read_at=timezone.now())
    if marked:
        forget_unread([user.pk])
    return marked
