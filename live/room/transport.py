"""How frames travel: the room's channel-layer group, JSON encoding, and announcing after commit.

The channel layer is only a doorbell that may drop a message: the database is the truth. So nothing
is announced before it is stored (`announce_on_commit`), and a client that missed a frame asks for it
again by event id.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Final

from django.utils.translation import gettext as _

from live.room.errors import RoomError
from live.room.frames import ClientFrame, Frame, LayerMessage
from lms import realtime

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES: Final = 16 * 1024


def group_name(gathering_id: int) -> str:
    """The channel-layer group of every socket in a gathering's room, in every process."""
    return f"gathering.{gathering_id}"


def encode(frame: Frame) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def decode(raw: str) -> ClientFrame:
    """A client's frame: a JSON object with a string `type`, at most MAX_FRAME_BYTES long."""
    if len(raw.encode("utf-8")) > MAX_FRAME_BYTES:
        raise RoomError("too_long", _("The message is too large."))
    try:
        frame: object = json.loads(raw)
    except ValueError as error:
        raise RoomError("bad_json", _("The message is not valid JSON.")) from error
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise RoomError("invalid", _("Every message is a JSON object with a “type”."))
    return frame


def layer_message(frame: Frame, audience: list[int] | None = None) -> LayerMessage:
    """The doorbell: the frame encoded once for every recipient, plus what consumers route on."""
    event_id = frame.get("id")
    message: LayerMessage = {
        "type": "room.frame",
        "id": event_id if isinstance(event_id, int) else None,
        "text": encode(frame),
        "audience": audience,
    }
    moderator = frame.get("moderator")
    if frame.get("type") == "moderator.changed" and isinstance(moderator, Mapping):
        message["moderator_id"] = moderator["user_id"]
    return message


def announce(gathering_id: int, frame: Frame, audience: list[int] | None = None) -> None:
    """Ring the doorbell of every process serving this room. Called after commit only."""
    realtime.announce(group_name(gathering_id), dict(layer_message(frame, audience)))


def announce_on_commit(gathering_id: int, frame: Frame, audience: list[int] | None = None) -> None:
    """Announce once the current transaction commits (at once outside a transaction)."""
    realtime.announce_on_commit(group_name(gathering_id), dict(layer_message(frame, audience)))
