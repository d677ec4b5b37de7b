"""The client → server table of the protocol, as code: every frame type, its handler, its fields, who.

`dispatch` is the one way a frame from a socket, the HTTP fallback or a form becomes a command: an
unknown type answers `unknown_type`, a missing field `invalid`, a room that is not open `forbidden`
(`RoomNotOpen`; 409 over HTTP) for every command that touches the room; then the handler checks who
sent it (the `who` declared here) and the fields' values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from django.utils.translation import gettext as _

from live.models import Gathering
from live.room import admission, chat, floor, groups, kit, moderation, polls
from live.room.errors import RoomError
from live.room.kit import Result

if TYPE_CHECKING:
    from live.room.frames import ClientFrame, User


class Who(StrEnum):
    """Who may send a command (the protocol table's last column)."""

    ANYONE = "anyone"
    MEMBER = "member"  # participants, facilitators, staff; observers only follow
    GROUP_MEMBER = "member in a group"
    MODERATOR = "moderator"
    SPEAKER_OR_MODERATOR = "moderator, or the speaker"


@dataclass(frozen=True, slots=True)
class Command:
    type: str
    handler: Callable[..., Result]
    who: Who
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    # False: answered by the connection itself (keep-alive), without the database, whatever the room's state.
    needs_room: bool = True

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)

    def arguments(self, frame: ClientFrame) -> dict[str, object]:
        """The frame's fields this command takes, as keyword arguments (absent optional ones: None)."""
        return {name: frame.get(name) for name in self.fields}


def _table(*commands: Command) -> Mapping[str, Command]:
    table = {command.type: command for command in commands}
    assert len(table) == len(commands), "a frame type is registered twice"
    return MappingProxyType(table)


COMMANDS: Final[Mapping[str, Command]] = _table(
    # DESIGN.md, "Live room protocol (v1)", client → server
    Command("chat.send", chat.chat_send, Who.MEMBER, ("text",), ("client_msg_id",)),
    Command("hand.raise", floor.hand_raise, Who.MEMBER, (), ("passage",)),
    Command("hand.lower", floor.hand_lower, Who.MEMBER),
    Command("floor.next", floor.floor_next, Who.MODERATOR),
    Command("floor.give", floor.floor_give, Who.MODERATOR, ("user_id",)),
    Command("floor.end", floor.floor_end, Who.SPEAKER_OR_MODERATOR),
    Command("poll.open", polls.poll_open, Who.MODERATOR, ("question", "options")),
    Command("poll.vote", polls.poll_vote, Who.MEMBER, ("poll_id", "option")),
    Command("poll.close", polls.poll_close, Who.MODERATOR, ("poll_id",)),
    Command("moderator.assign", moderation.moderator_assign, Who.MODERATOR, ("user_id",)),
    Command("gathering.end", moderation.gathering_end, Who.MODERATOR),
    Command("ping", admission.keepalive, Who.ANYONE, needs_room=False),
    # docs/live-protocol.md, "Extension: interactive groups"
    Command("groups.start", groups.groups_start, Who.MODERATOR, ("size", "minutes"), ("volunteers",)),
    Command("groups.rotate", groups.groups_rotate, Who.MODERATOR, (), ("round",)),
    Command("groups.send", groups.groups_send, Who.GROUP_MEMBER, ("text",), ("client_msg_id",)),
    Command("groups.end", groups.groups_end, Who.MODERATOR),
)

# What dispatch re-reads before every command: the consumer keeps one Gathering for the connection.
ROOM_FIELDS: Final = ("status", "starts_at", "ends_at", "moderator", "last_event_id")


def lookup(frame: ClientFrame) -> Command:
    """The command a frame names, with its required fields present; no database."""
    frame_type = frame.get("type")
    command = COMMANDS.get(frame_type) if isinstance(frame_type, str) else None
    if command is None:
        raise RoomError("unknown_type", _("Unknown message type."))
    missing = [name for name in command.required if name not in frame]
    if missing:
        raise RoomError("invalid", _("Missing field: %(fields)s.") % {"fields": ", ".join(missing)})
    return command


def dispatch(*, gathering: Gathering, user: User, frame: ClientFrame) -> Result:
    """Run one client command; raise RoomError for anything the room refuses."""
    command = lookup(frame)
    if not command.needs_room:
        return command.handler(gathering=gathering, user=user)
    gathering.refresh_from_db(fields=ROOM_FIELDS)
    kit.require_open(gathering)
    return command.handler(gathering=gathering, user=user, **command.arguments(frame))
