"""The small public toolkit every command module builds on (chat, floor, polls, moderation, groups).

A command checks who may send it and validates its fields, then, in one transaction, locks the
gathering (`lock_gathering`, which also re-checks that the room is open), changes state, and stores
its events with `append`, which announces each after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from live import access
from live.models import Gathering, RoomEvent
from live.room.errors import RoomError, RoomNotOpen
from live.room.frames import EventFrame, Frame
from live.room.transport import announce_on_commit
from lms.text import normalise_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from live.room.frames import AnyUser, User

CHAT_MAX_CHARS: Final = 2000
CLIENT_MSG_ID_MAX: Final = 64


@dataclass(slots=True)
class Result:
    """What a command produced: frames for the sender only (others hear through the doorbell)."""

    reply: list[Frame] = field(default_factory=list)
    event: EventFrame | None = None  # the persisted event the command stored, if any


# --- the room is open --------------------------------------------------------------------------------


def require_open(gathering: Gathering) -> None:
    """Refuse unless the room is open (`Gathering.is_open`: scheduled, within its open window)."""
    if gathering.is_open():
        return
    if gathering.status == Gathering.Status.ENDED:
        raise RoomNotOpen(_("This gathering has ended."))
    raise RoomNotOpen(_("The room is not open now."))


def lock_gathering(gathering: Gathering) -> Gathering:
    """Re-read the gathering under a row lock, so that concurrent commands apply one after another.

    The locked row is the truth: a room ended (or rescheduled) meanwhile refuses the command here.
    """
    fresh = Gathering.objects.select_for_update().select_related("cohort").get(pk=gathering.pk)
    require_open(fresh)
    return fresh


# --- who may send a command ------------------------------------------------------------------------


def require_member(user: AnyUser, gathering: Gathering) -> None:
    """Participants, facilitators and staff take part; observers follow."""
    if not access.can_act_in_gathering(user, gathering):
        raise RoomError("forbidden", _("Observers follow the gathering but do not take part in it."))


def require_moderator(user: AnyUser, gathering: Gathering) -> None:
    if not access.can_moderate_gathering(user, gathering):
        raise RoomError("forbidden", _("Only the moderator can do this."))


# --- fields of a frame --------------------------------------------------------------------------------


def text(value: object, *, field_name: str, max_chars: int, required: bool = True) -> str:
    """A text field cleaned by the kernel's rule (``lms.text``); "" for a missing optional one."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise RoomError("invalid", _("“%(field)s” must be text.") % {"field": field_name})
    stripped = normalise_text(value)
    if required and not stripped:
        raise RoomError("invalid", _("“%(field)s” cannot be empty.") % {"field": field_name})
    if len(stripped) > max_chars:
        raise RoomError(
            "too_long",
            _("“%(field)s” is too long (at most %(max)d characters).")
            % {"field": field_name, "max": max_chars},
        )
    return stripped


def whole_number(value: object, *, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RoomError("invalid", _("“%(field)s” must be a whole number.") % {"field": field_name})
    return value


def member_user(gathering: Gathering, user_id: object) -> User:
    """The active member of this gathering a frame names by `user_id`."""
    pk = whole_number(user_id, field_name="user_id")
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not access.can_join_gathering(user, gathering):
        raise RoomError("invalid", _("That person is not a member of this gathering."))
    return user


# --- chat ---------------------------------------------------------------------------------------------


def require_within_rate(gathering: Gathering, user: User) -> None:
    """At most TERTULIA_CHAT_RATE messages per member and window, counted in the shared cache."""
    limit, window = settings.TERTULIA_CHAT_RATE
    key = f"room-rate:{gathering.pk}:{user.pk}:{int(timezone.now().timestamp() // window)}"
    if cache.add(key, 1, timeout=window * 2):
        return
    try:
        too_fast = cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window * 2)
        return
    if too_fast:
        raise RoomError("rate_limited", _("You are sending messages too fast. Wait a few seconds."))


@dataclass(frozen=True, slots=True)
class MessageInput:
    """A chat message's checked fields; `resent` is the stored answer when it is a resend."""

    text: str
    client_msg_id: str | None
    resent: Result | None = None


def message_input(
    gathering: Gathering, user: User, *, text_value: object, client_msg_id: object
) -> MessageInput:
    """The checks every kind of chat shares: a member, the text, the client's id, resends, the rate."""
    require_member(user, gathering)
    body = text(text_value, field_name="text", max_chars=CHAT_MAX_CHARS)
    msg_id = None
    if client_msg_id is not None:
        msg_id = text(client_msg_id, field_name="client_msg_id", max_chars=CLIENT_MSG_ID_MAX)
        existing = RoomEvent.objects.filter(gathering=gathering, author=user, client_msg_id=msg_id).first()
        if existing is not None:
            # A resend after a reconnect: acknowledge with the stored message, store nothing.
            return MessageInput(body, msg_id, resent=stored(existing))
    require_within_rate(gathering, user)
    return MessageInput(body, msg_id)


def stored(event: RoomEvent) -> Result:
    """The answer to a resend: the stored event, to the sender only."""
    frame = event.as_frame()
    return Result(reply=[frame], event=frame)


# --- events ------------------------------------------------------------------------------------------


def append(
    gathering: Gathering,
    event_type: str,
    payload: Mapping[str, object],
    *,
    author: User | None = None,
    client_msg_id: str | None = None,
    audience: list[int] | None = None,
) -> RoomEvent:
    """Store a persisted event with the next id of this gathering and announce it after commit.

    Call inside the transaction that holds `lock_gathering`: the id comes from incrementing
    `Gathering.last_event_id` in that transaction, so ids strictly increase across processes.
    """
    Gathering.objects.filter(pk=gathering.pk).update(last_event_id=F("last_event_id") + 1)
    seq = Gathering.objects.values_list("last_event_id", flat=True).get(pk=gathering.pk)
    gathering.last_event_id = seq
    event = RoomEvent.objects.create(
        gathering=gathering,
        seq=seq,
        type=event_type,
        payload=dict(payload),
        author=author,
        client_msg_id=client_msg_id,
        audience=audience,
    )
    announce_on_commit(gathering.pk, event.as_frame(), audience=audience)
    return event
