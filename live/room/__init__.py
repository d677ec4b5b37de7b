"""The live room: every rule of the room protocol (docs/live-protocol.md) as plain functions.

Modules, bottom to top (none imports one above it):

- `frames`: the shapes of frames (TypedDicts);  `errors`: RoomError and its one mapping to an
  `error` frame, an API error and a page message;  `transport`: group names, encoding, announcing
  after commit;
- `state`: reading the room (presence, queue, polls, groups, welcome, replay);  `kit`: what every
  command builds on (lock, append an event, who may act, field checks, rate limit, Result);
- `admission`: connecting, heartbeats, presence;  one module per command family: `chat`, `floor`,
  `polls`, `moderation`, `groups`;
- `registry`: the client → server table and `dispatch`.

Everyone outside calls `dispatch` or the services re-exported here (`from live import room`).
"""

from live.room.admission import (
    PRESENCE_MAX_DELAY,
    PRESENCE_MIN_DELAY,
    Admission,
    CloseCode,
    admit,
    announce_presence,
    connect,
    disconnect,
    heartbeat,
    presence_delay,
)
from live.room.chat import chat_send
from live.room.errors import RoomError, RoomNotOpen, api_error, error_frame, flash, http_error
from live.room.floor import PASSAGE_MAX_CHARS, floor_end, floor_give, floor_next, hand_lower, hand_raise
from live.room.groups import groups_end, groups_rotate, groups_send, groups_start
from live.room.kit import CHAT_MAX_CHARS, CLIENT_MSG_ID_MAX, Result, require_open
from live.room.moderation import NOTES_MAX_CHARS, gathering_end, moderator_assign, notes_save
from live.room.polls import poll_close, poll_open, poll_vote
from live.room.registry import COMMANDS, Command, Who, dispatch, lookup
from live.room.state import (
    REPLAY_LIMIT,
    events_after,
    open_poll,
    person,
    poll_counts,
    presence,
    queue,
    turn_counts,
    welcome,
)
from live.room.transport import announce, announce_on_commit, decode, encode, group_name, layer_message

__all__ = [
    "CHAT_MAX_CHARS",
    "CLIENT_MSG_ID_MAX",
    "COMMANDS",
    "NOTES_MAX_CHARS",
    "PASSAGE_MAX_CHARS",
    "PRESENCE_MAX_DELAY",
    "PRESENCE_MIN_DELAY",
    "REPLAY_LIMIT",
    "Admission",
    "CloseCode",
    "Command",
    "Result",
    "RoomError",
    "RoomNotOpen",
    "Who",
    "admit",
    "announce",
    "announce_on_commit",
    "announce_presence",
    "api_error",
    "chat_send",
    "connect",
    "decode",
    "disconnect",
    "dispatch",
    "encode",
    "error_frame",
    "events_after",
    "flash",
    "floor_end",
    "floor_give",
    "floor_next",
    "gathering_end",
    "group_name",
    "groups_end",
    "groups_rotate",
    "groups_send",
    "groups_start",
    "hand_lower",
    "hand_raise",
    "heartbeat",
    "http_error",
    "layer_message",
    "lookup",
    "moderator_assign",
    "notes_save",
    "open_poll",
    "person",
    "poll_close",
    "poll_counts",
    "poll_open",
    "poll_vote",
    "presence",
    "presence_delay",
    "queue",
    "require_open",
    "turn_counts",
    "welcome",
]
