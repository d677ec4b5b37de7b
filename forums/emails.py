"""Forum e-mail: immediate messages for mentions and replies, the daily digest, one-click unsubscribe.

- Every message is rendered in the recipient's language (``recipient_language``).
- Every message carries a link that unsubscribes without signing in (a signed token, no expiry)
  and the RFC 8058 headers ``List-Unsubscribe`` / ``List-Unsubscribe-Post`` so mail clients can
  offer one-click unsubscription (a POST to the same URL).
- Immediate messages go out after the contribution's transaction commits; a failing mail server is
  logged and never undoes a publication.
- The digest moves the member's watermark (``MemberPreferences.last_digest_post_id``) in the same
  transaction as it sends; a second run finds nothing new to send.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CoursePage, Enrollment
from forums import access
from forums.models import Notification, Post, SpaceSubscription, ThreadSubscription
from lms import emails as lms_emails
from lms.emails import absolute, preferences_for, preferences_of, send_messages
from lms.models import MemberPreferences
from lms.people import display_name
from lms.typing import User

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "forums.unsubscribe"
IMMEDIATE, DIGEST = "immediate", "digest"
IMMEDIATE_KINDS = (Notification.Kind.MENTION, Notification.Kind.REPLY)
DIGEST_MIN_INTERVAL = dt.timedelta(hours=20)  # "daily", with slack for a cron that runs a bit early
DIGEST_FIRST_WINDOW = dt.timedelta(days=1)  # a member's first digest covers the last day only
DIGEST_MAX_POSTS = 100


# --- unsubscribe tokens ------------------------------------------------------------------------------


def unsubscribe_token(user: User, what: str) -> str:
    return signing.dumps({"u": user.pk, "w": what}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("w") not in (IMMEDIATE, DIGEST):
        return None
    if not isinstance(data.get("u"), int):
        return None
    return data["u"], data["w"]


def unsubscribe_url(user: User, what: str) -> str:
    return absolute(reverse("forums:unsubscribe", args=[unsubscribe_token(user, what)]))


def unsubscribe(*, user_id: int, what: str) -> MemberPreferences:
    """Stop one kind of forum e-mail for a member. Idempotent."""
    prefs, _created = MemberPreferences.objects.get_or_create(user_id=user_id)
    field = "email_immediate" if what == IMMEDIATE else "email_digest"
    if getattr(prefs, field):
        setattr(prefs, field, False)
        prefs.save(update_fields=[field])
    return prefs


def preferences_update(
    *, user: User, language: str, email_immediate: bool, email_digest: bool
) -> MemberPreferences:
    codes = {c for c, _name in settings.LANGUAGES}
    prefs, _created = MemberPreferences.objects.get_or_create(user=user)
    prefs.language = language if language in codes else ""
    prefs.email_immediate, prefs.email_digest = email_immediate, email_digest
    prefs.save(update_fields=["language", "email_immediate", "email_digest"])
    return prefs


# --- language ------------------------------------------------------------------------------------------


def latest_course_language(user: User) -> str | None:
    """The language of the course of the member's most recent cohort (one query)."""
    enrollment = (
        Enrollment.objects.filter(user=user)
        .select_related("cohort__course")
        .order_by("-cohort__starts_on")
        .first()
    )
    return enrollment.cohort.course.language if enrollment else None


def recipient_language(
    user: User, course: CoursePage | None = None, *, preferences: MemberPreferences | None = None
) -> str:
    """The kernel's rule (``lms.emails.recipient_language``), falling back to the course of the
    member's most recent cohort when the e-mail is about no course in particular."""
    prefs = preferences if preferences is not None else preferences_for(user)
    if not prefs.language and course is None:
        return lms_emails.recipient_language(
            user, course_language=latest_course_language(user), preferences=prefs
        )
    return lms_emails.recipient_language(
        user, course_language=course.language if course is not None else None, preferences=prefs
    )


def _message(user: User, what: str, subject: str, body: str) -> mail.EmailMessage:
    link = unsubscribe_url(user, what)
    return mail.EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


# --- immediate e-mails ----------------------------------------------------------------------------------


def send_immediate_on_commit(post_id: int) -> None:
    transaction.on_commit(lambda: send_immediate(post_id=post_id))


def send_immediate(*, post_id: int) -> int:
    """E-mail the mentions and replies of a contribution to members who want them (each once).

    Returns how many messages went out.
    """
    rows = list(
        Notification.objects.filter(
            post_id=post_id, kind__in=IMMEDIATE_KINDS, emailed_at__isnull=True
        ).select_related("recipient", "actor", "post", "thread__cohort__course")
    )
    if not rows:
        return 0
    prefs = preferences_of(n.recipient for n in rows)
    messages, sent_ids = [], []
    for n in rows:
        user = n.recipient
        user_prefs = prefs[user.pk]
        if not user.email or not user.is_active or not user_prefs.email_immediate:
            continue
        with translation.override(recipient_language(user, n.thread.cohort.course, preferences=user_prefs)):
            context = {
                "recipient": display_name(user),
                "actor": display_name(n.actor),
                "kind": n.kind,
                "thread_title": n.thread.title,
                "excerpt": n.post.body_markdown[:600],
                "post_url": absolute(reverse("forums:post", args=[n.post_id])),
                "thread_url": absolute(n.thread.get_absolute_url()),
                "unsubscribe_url": unsubscribe_url(user, IMMEDIATE),
            }
            if n.kind == Notification.Kind.MENTION:
                subject = _("%(name)s mentioned you in “%(title)s”")
            else:
                subject = _("%(name)s replied to you in “%(title)s”")
            subject = subject % {"name": context["actor"], "title": n.thread.title}
            body = render_to_string("forums/email/post_notification.txt", context)
        messages.append(_message(user, IMMEDIATE, " ".join(subject.split()), body))
        sent_ids.append(n.pk)
    if not messages:
        return 0
    if not send_messages(messages, what="forum"):  # the contribution is published; the bell still tells them
        return 0
    Notification.objects.filter(pk__in=sent_ids).update(emailed_at=timezone.now())
    return len(messages)


# --- the daily digest -----------------------------------------------------------------------------------


def digest_candidates() -> list[int]:
    """Members who watch something and may receive a digest. One query."""
    watching = ThreadSubscription.objects.filter(level=ThreadSubscription.Level.WATCHING).values("user_id")
    spaces = SpaceSubscription.objects.values("user_id")
    return list(
        get_user_model()
        .objects.filter(Q(pk__in=watching) | Q(pk__in=spaces), is_active=True)
        .exclude(email="")
        .exclude(member_preferences__email_digest=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def digest_posts(user: User, *, after_id: int, up_to_id: int, since: dt.datetime | None) -> list[Post]:
    """New visible contributions by others in the threads ``user`` watches, that they may read."""
    chosen = ThreadSubscription.objects.filter(user=user)
    watched = Q(thread__in=chosen.filter(level=ThreadSubscription.Level.WATCHING).values("thread_id")) | (
        Q(thread__space__in=SpaceSubscription.objects.filter(user=user).values("space_id"))
        & ~Q(thread__in=chosen.values("thread_id"))
    )
    posts = (
        Post.objects.filter(pk__gt=after_id, pk__lte=up_to_id, deleted=False, hidden=False)
        .exclude(author=user)
        .filter(watched)
        .filter(access.readable_threads_q(user, prefix="thread__"))
        .select_related("thread", "author")
        .order_by("thread__last_activity_at", "thread_id", "pk")
    )
    if since is not None:
        posts = posts.filter(created_at__gte=since)
    return list(posts[:DIGEST_MAX_POSTS])


def send_digest(*, user_id: int, now: dt.datetime, up_to_id: int, force: bool = False) -> int:
    """One member's digest, in one transaction with the watermark that records it. Returns posts sent."""
    with transaction.atomic():
        prefs, _created = MemberPreferences.objects.select_for_update().get_or_create(user_id=user_id)
        if not prefs.email_digest or prefs.last_digest_post_id >= up_to_id:
            return 0
        if not force and prefs.last_digest_at and now - prefs.last_digest_at < DIGEST_MIN_INTERVAL:
            return 0
        user = get_user_model().objects.get(pk=user_id)
        since = None if prefs.last_digest_post_id else now - DIGEST_FIRST_WINDOW
        posts = digest_posts(user, after_id=prefs.last_digest_post_id, up_to_id=up_to_id, since=since)
        prefs.last_digest_at, prefs.last_digest_post_id = now, up_to_id
        prefs.save(update_fields=["last_digest_at", "last_digest_post_id"])
        if not posts:
            return 0
        by_thread: dict[int, dict] = defaultdict(dict)
        for p in posts:
            entry = by_thread[p.thread_id]
            entry.setdefault("title", p.thread.title)
            entry.setdefault("url", absolute(p.thread.get_absolute_url() + "?unread=1"))
            entry.setdefault("posts", []).append(
                {
                    "author": display_name(p.author),
                    "excerpt": p.body_markdown[:300],
                    "url": absolute(p.get_absolute_url()),
                }
            )
        with translation.override(recipient_language(user, preferences=prefs)):
            context = {
                "recipient": display_name(user),
                "threads": list(by_thread.values()),
                "count": len(posts),
                "notifications_url": absolute(reverse("workspace:notifications")),
                "unsubscribe_url": unsubscribe_url(user, DIGEST),
            }
            subject = ngettext(
                "Your daily digest: %(count)d new contribution in conversations you watch",
                "Your daily digest: %(count)d new contributions in conversations you watch",
                len(posts),
            ) % {"count": len(posts)}
            body = render_to_string("forums/email/digest.txt", context)
        # Sent inside the transaction: if the mail server refuses, the watermark is not moved.
        _message(user, DIGEST, subject, body).send()
    return len(posts)


def send_digests(*, now: dt.datetime | None = None, force: bool = False) -> dict[str, int]:
    """Every member's digest. Safe to run twice, or two at once: each member's row is locked."""
    now = now or timezone.now()
    up_to_id = Post.objects.aggregate(m=Max("pk"))["m"] or 0
    members = sent = posts = failed = 0
    for user_id in digest_candidates():
        members += 1
        try:
            n = send_digest(user_id=user_id, now=now, up_to_id=up_to_id, force=force)
        except Exception:
            logger.exception("Could not send the forum digest of member %s", user_id)
            failed += 1
            continue
        sent += bool(n)
        posts += n
    return {"members": members, "sent": sent, "posts": posts, "failed": failed}
