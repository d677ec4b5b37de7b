"""The shapes of what the room sends and receives (docs/live-protocol.md), for type checkers and readers.

Frames the room builds are TypedDicts. A persisted event read back from the database is a JSON object
whose fields depend on its type (`EventFrame`); what a client sends is untrusted JSON (`ClientFrame`)
that the kit validates field by field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypeAlias, TypedDict

if TYPE_CHECKING:
    # Whoever a socket or a request carries (the consumer's scope user, request.user).
    from lms.typing import AnyUser as AnyUser
    from lms.typing import User as User

# A client → server frame as parsed from JSON: values are checked by the kit before use.
ClientFrame: TypeAlias = Mapping[str, object]
# A persisted event as stored ({"type", "id", **payload}): a JSON document, so its values are JSON.
EventFrame: TypeAlias = dict[str, Any]
# Any frame the room sends: one of the TypedDicts below or a persisted event.
Frame: TypeAlias = Mapping[str, object]

ErrorCode: TypeAlias = Literal["bad_json", "unknown_type", "invalid", "too_long", "forbidden", "rate_limited"]


class Person(TypedDict):
    user_id: int
    name: str


class Participant(Person):
    role: str


class You(Participant):
    moderator: bool


class Speaker(Person):
    turns: int


class Waiting(Speaker):
    raised_at: str
    passage: str


class QueueState(TypedDict):
    speaker: Speaker | None
    waiting: list[Waiting]


class PollState(TypedDict):
    poll_id: int
    question: str
    options: list[str]
    counts: list[int]


class GroupState(TypedDict):
    index: int
    members: list[Person]
    volunteer: Person | None


class GroupsState(TypedDict):
    round: int
    minutes: int
    ends_at: str
    groups: list[GroupState]


class GatheringInfo(TypedDict):
    id: int
    title: str
    status: str


class WelcomeFrame(TypedDict):
    type: Literal["welcome"]
    gathering: GatheringInfo
    you: You
    participants: list[Participant]
    queue: QueueState
    poll: PollState | None
    groups: GroupsState | None
    last_event_id: int


class PresenceFrame(TypedDict):
    type: Literal["presence"]
    participants: list[Participant]


class QueueFrame(TypedDict):
    type: Literal["queue"]
    speaker: Speaker | None
    waiting: list[Waiting]


class PollResultsFrame(TypedDict):
    type: Literal["poll.results"]
    poll_id: int
    counts: list[int]


class ErrorFrame(TypedDict):
    type: Literal["error"]
    code: ErrorCode
    detail: str


class PongFrame(TypedDict):
    type: Literal["pong"]


class LayerMessage(TypedDict):
    """The doorbell sent through the channel layer: the frame encoded once, plus what consumers route on."""

    type: Literal["room.frame"]
    id: int | None
    text: str
    audience: list[int] | None
    moderator_id: NotRequired[int]
