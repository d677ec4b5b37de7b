"""Hands and the floor: `hand.raise`, `hand.lower`, `floor.next`, `floor.give`, `floor.end`.

The queue is fair: whoever has spoken least in this gathering goes first (`state.queue`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from live import access
from live.models import Gathering, HandRaise, Turn
from live.room import kit
from live.room.errors import RoomError
from live.room.kit import Result
from live.room.state import person, queue
from live.room.transport import announce_on_commit

if TYPE_CHECKING:
    from live.room.frames import User

PASSAGE_MAX_CHARS: Final = 500


def announce_queue(gathering: Gathering) -> None:
    """The queue after this transaction's change, to everyone (not persisted: it is state)."""
    state = queue(gathering)
    announce_on_commit(
        gathering.pk, {"type": "queue", "speaker": state["speaker"], "waiting": state["waiting"]}
    )


def hand_raise(*, gathering: Gathering, user: User, passage: object = None) -> Result:
    kit.require_member(user, gathering)
    text = kit.text(passage, field_name="passage", max_chars=PASSAGE_MAX_CHARS, required=False)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        hand = HandRaise.objects.filter(gathering=fresh, user=user, lowered_at__isnull=True).first()
        if hand is None:
            HandRaise.objects.create(gathering=fresh, user=user, passage=text)
        elif text and hand.passage != text:
            hand.passage = text
            hand.save(update_fields=["passage"])
        announce_queue(fresh)
    return Result()


def hand_lower(*, gathering: Gathering, user: User) -> Result:
    kit.require_member(user, gathering)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        HandRaise.objects.filter(gathering=fresh, user=user, lowered_at__isnull=True).update(
            lowered_at=timezone.now()
        )
        announce_queue(fresh)
    return Result()


def end_current_turn(gathering: Gathering) -> Turn | None:
    """End whoever's turn is running (inside the command's transaction); the turn, or None."""
    current = Turn.objects.filter(gathering=gathering, ended_at__isnull=True).first()
    if current is not None:
        current.ended_at = timezone.now()
        current.save(update_fields=["ended_at"])
    return current


def _give_floor(gathering: Gathering, speaker: User, passage: str = "") -> None:
    end_current_turn(gathering)
    hand = HandRaise.objects.filter(gathering=gathering, user=speaker, lowered_at__isnull=True).first()
    if hand is not None:
        passage = passage or hand.passage
        hand.lowered_at = timezone.now()
        hand.save(update_fields=["lowered_at"])
    Turn.objects.create(gathering=gathering, user=speaker, passage=passage)
    turns = Turn.objects.filter(gathering=gathering, user=speaker).count()
    kit.append(gathering, "floor.changed", {"speaker": {**person(speaker), "turns": turns}})
    announce_queue(gathering)


def _nobody_speaks(gathering: Gathering) -> None:
    kit.append(gathering, "floor.changed", {"speaker": None})
    announce_queue(gathering)


def floor_next(*, gathering: Gathering, user: User) -> Result:
    """The floor to the head of the queue; with nobody waiting, the current turn ends."""
    kit.require_moderator(user, gathering)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        waiting = queue(fresh)["waiting"]
        if not waiting:
            if end_current_turn(fresh) is None:
                raise RoomError("invalid", _("Nobody is waiting for the floor."))
            _nobody_speaks(fresh)
            return Result()
        _give_floor(fresh, get_user_model().objects.get(pk=waiting[0]["user_id"]))
    return Result()


def floor_give(*, gathering: Gathering, user: User, user_id: object) -> Result:
    kit.require_moderator(user, gathering)
    speaker = kit.member_user(gathering, user_id)
    with transaction.atomic():
        _give_floor(kit.lock_gathering(gathering), speaker)
    return Result()


def floor_end(*, gathering: Gathering, user: User) -> Result:
    """The speaker ends their own turn, or the moderator ends it."""
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        current = Turn.objects.filter(gathering=fresh, ended_at__isnull=True).first()
        if current is None:
            raise RoomError("invalid", _("Nobody has the floor."))
        if current.user_id != user.pk and not access.can_moderate_gathering(user, fresh):
            raise RoomError("forbidden", _("Only the speaker or the moderator can end a turn."))
        end_current_turn(fresh)
        _nobody_speaks(fresh)
    return Result()
