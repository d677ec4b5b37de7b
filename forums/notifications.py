"""In-app notifications: who hears about a new contribution, and the bell's unread count.

Rules (after Discourse):

- a member mentioned in a contribution gets a "mention";
- the author of the contribution answered gets a "reply";
- members watching the thread (or, facilitators, its whole space) get a "watched" notification;
- one notification per person and contribution, the strongest reason winning (mention > reply >
  watched); never the author; nobody who muted the thread, mentions included; only people who may
  read the thread now (``access.thread_reader_ids``);
- a facilitator hiding a contribution tells its author ("moderation").

Notifications are written in the transaction that publishes the contribution; the bell's cached
count is dropped and the e-mails go out only once it commits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from forums import access, emails
from forums.models import Notification, Post, SpaceSubscription, Thread, ThreadSubscription

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lms.typing import AnyUser, User

UNREAD_CACHE_SECONDS = 300
Level = ThreadSubscription.Level
Kind = Notification.Kind


def _unread_key(user_id: int) -> str:
    return f"forums:unread:{user_id}"


def forget_unread(user_ids: Iterable[int]) -> None:
    """Drop cached unread counts now and again once the transaction commits (a page rendered in
    between could have cached the count without the new rows)."""
    keys = [_unread_key(pk) for pk in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def unread_count(user: AnyUser) -> int:
    """The bell's number: cached per member, one COUNT query on a miss, none for anonymous visitors."""
    if not user.is_authenticated:
        return 0
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def watcher_levels(thread: Thread) -> tuple[set[int], set[int]]:
    """(watching, muted) user ids of a thread, space watchers included. Two queries."""
    chosen = dict(ThreadSubscription.objects.filter(thread=thread).values_list("user_id", "level"))
    space_watchers = set(
        SpaceSubscription.objects.filter(space_id=thread.space_id).values_list("user_id", flat=True)
    )
    watching = {pk for pk, level in chosen.items() if level == Level.WATCHING}
    watching |= {pk for pk in space_watchers if pk not in chosen}
    muted = {pk for pk, level in chosen.items() if level == Level.MUTED}
    return watching, muted


def notify_post_published(
    *,
    post: Post,
    mentioned: Iterable[User] = (),
    reply_to: Post | None = None,
    watchers: bool = True,
) -> list[Notification]:
    """Create the notifications of a new contribution (call inside its transaction).

    A fixed number of queries whatever the number of watchers.
    """
    thread = post.thread
    reasons: dict[int, str] = {}
    for user in mentioned:
        reasons.setdefault(user.pk, Kind.MENTION)
    if reply_to is not None and reply_to.author_id:
        reasons.setdefault(reply_to.author_id, Kind.REPLY)
    watching, muted = watcher_levels(thread)
    for pk in watching if watchers else ():
        reasons.setdefault(pk, Kind.WATCHED)
    reasons.pop(post.author_id, None)
    for pk in muted:
        reasons.pop(pk, None)
    readers = access.thread_reader_ids(thread, set(reasons))
    notifications = [
        Notification(recipient_id=pk, kind=kind, post=post, thread=thread, actor_id=post.author_id)
        for pk, kind in reasons.items()
        if pk in readers
    ]
    if not notifications:
        return []
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    forget_unread(n.recipient_id for n in notifications)
    if any(n.kind in (Kind.MENTION, Kind.REPLY) for n in notifications):
        emails.send_immediate_on_commit(post.pk)
    return notifications


def notify_mentions_added(*, post: Post, mentioned: Iterable[User]) -> list[Notification]:
    """An edit that mentions someone new tells them (once per contribution, like a first mention)."""
    mentioned = list(mentioned)
    return notify_post_published(post=post, mentioned=mentioned, watchers=False) if mentioned else []


def notify_moderation(*, post: Post, moderator: User) -> Notification | None:
    if post.author_id == moderator.pk:
        return None
    notification = Notification.objects.create(
        recipient_id=post.author_id, kind=Kind.MODERATION, post=post, thread=post.thread, actor=moderator
    )
    forget_unread([post.author_id])
    return notification


def mark_read(
    *,
    user: AnyUser,
    notification_ids: Iterable[int] | None = None,
    thread: Thread | None = None,
    post_ids: Iterable[int] | None = None,
) -> int:
    """Mark some (or all) of a member's unread notifications read. One UPDATE; returns how many."""
    if not user.is_authenticated:
        return 0
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    if thread is not None:
        unread = unread.filter(thread=thread)
    if post_ids is not None:
        unread = unread.filter(post_id__in=list(post_ids))
    changed = unread.update(read_at=timezone.now())
    if changed:
        forget_unread([user.pk])
    return changed
