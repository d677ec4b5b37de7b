"""The moderator's commands: `moderator.assign` (rotation), `gathering.end`, and the notes of the record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from live.models import Gathering, HandRaise, Poll
from live.records import record_publish
from live.room import kit
from live.room.floor import end_current_turn
from live.room.kit import Result
from live.room.state import person

if TYPE_CHECKING:
    from live.room.frames import User

NOTES_MAX_CHARS: Final = 20_000


def moderator_assign(*, gathering: Gathering, user: User, user_id: object) -> Result:
    """Hand the moderator role to a member (the cohort's facilitators keep moderating too)."""
    kit.require_moderator(user, gathering)
    target = kit.member_user(gathering, user_id)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        fresh.moderator = target
        fresh.save(update_fields=["moderator"])
        gathering.moderator = target
        kit.append(fresh, "moderator.changed", {"moderator": person(target)})
    return Result()


def gathering_end(*, gathering: Gathering, user: User) -> Result:
    """End the gathering: turns, hands and polls close, `gathering.ended` links the record, which is
    also posted in the cohort's forum."""
    kit.require_moderator(user, gathering)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        now = timezone.now()
        end_current_turn(fresh)
        HandRaise.objects.filter(gathering=fresh, lowered_at__isnull=True).update(lowered_at=now)
        Poll.objects.filter(gathering=fresh, closed_at__isnull=True).update(closed_at=now)
        fresh.status = Gathering.Status.ENDED
        fresh.ended_at = now
        fresh.save(update_fields=["status", "ended_at"])
        gathering.status = fresh.status
        kit.append(fresh, "gathering.ended", {"record_url": fresh.record_url()})
        record_publish(
            gathering=fresh,
            user=user,
            record_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + fresh.record_url(),
        )
    return Result()


def notes_save(*, gathering: Gathering, user: User, notes: object) -> None:
    """The moderator's notes, which become part of the record (while the room is open)."""
    kit.require_moderator(user, gathering)
    text = kit.text(notes, field_name="notes", max_chars=NOTES_MAX_CHARS, required=False)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        Gathering.objects.filter(pk=fresh.pk).update(notes=text)
    gathering.notes = text
