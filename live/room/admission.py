"""Who may connect, the sockets' rows (presence and attendance), heartbeats and presence announcements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Final

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from live import access
from live.models import Connection, Gathering
from live.room.frames import PongFrame
from live.room.kit import Result
from live.room.state import presence
from live.room.transport import announce

if TYPE_CHECKING:
    from live.room.frames import AnyUser, User

PRESENCE_MIN_DELAY: Final = 0.25
PRESENCE_MAX_DELAY: Final = 10.0
PONG: Final[PongFrame] = {"type": "pong"}


class CloseCode(IntEnum):
    """The protocol's refusals: the socket is accepted, then closed at once with one of these."""

    NOT_SIGNED_IN = 4401
    MAY_NOT_JOIN = 4403  # signed in, but may not join this gathering
    NOT_FOUND = 4404  # no such gathering
    NOT_OPEN = 4409  # before its open window, past it, or ended


@dataclass(frozen=True, slots=True)
class Admission:
    close_code: CloseCode | None
    gathering: Gathering | None = None


def admit(user: AnyUser, gathering_id: int) -> Admission:
    """The protocol's refusals: 4401 signed out, 4404 no such gathering, 4403 may not join, 4409 not open."""
    if not user.is_authenticated:
        return Admission(CloseCode.NOT_SIGNED_IN)
    gathering = Gathering.objects.select_related("cohort", "moderator").filter(pk=gathering_id).first()
    if gathering is None:
        return Admission(CloseCode.NOT_FOUND)
    if not access.can_join_gathering(user, gathering):
        return Admission(CloseCode.MAY_NOT_JOIN)
    if not gathering.is_open():
        return Admission(CloseCode.NOT_OPEN)
    return Admission(None, gathering)


def connect(*, gathering: Gathering, user: User, channel_name: str) -> Connection:
    return Connection.objects.create(gathering=gathering, user=user, channel_name=channel_name)


def disconnect(*, connection_id: int) -> None:
    now = timezone.now()
    Connection.objects.filter(pk=connection_id, left_at__isnull=True).update(left_at=now, last_seen_at=now)


def heartbeat(*, connection_id: int, gathering_id: int) -> bool:
    """Keep this socket present; now and then let sockets that stopped beating go (a process may
    have died). True when someone left, so presence should be announced."""
    now = timezone.now()
    # One UPDATE; it also reopens a row a sweep closed while the socket was merely slow.
    Connection.objects.filter(pk=connection_id).update(last_seen_at=now, left_at=None)
    if not cache.add(f"room-sweep:{gathering_id}", 1, timeout=settings.TERTULIA_PRESENCE_TTL_SECONDS // 3):
        return False
    stale_before = now - dt.timedelta(seconds=settings.TERTULIA_PRESENCE_TTL_SECONDS)
    expired = Connection.objects.filter(
        gathering_id=gathering_id, left_at__isnull=True, last_seen_at__lt=stale_before
    ).update(left_at=F("last_seen_at"))
    return bool(expired)


def keepalive(*, gathering: Gathering, user: AnyUser) -> Result:
    """`ping`: answered with `pong` by the connection itself, whatever the room's state."""
    return Result(reply=[PONG])


def presence_delay(gathering_id: int) -> float | None:
    """Presence changes are announced together: once per interval per room, across processes.

    Returns how long to wait before announcing, or None when an announcement is already due. The
    interval grows with the room (a full list to everyone costs members × list size).
    """
    size: int = cache.get(f"room-presence-size:{gathering_id}", 0)
    delay = min(PRESENCE_MAX_DELAY, max(PRESENCE_MIN_DELAY, size / 100))
    if not cache.add(f"room-presence-due:{gathering_id}", 1, timeout=max(1, int(delay) + 1)):
        return None
    return delay


def announce_presence(gathering_id: int) -> None:
    cache.delete(f"room-presence-due:{gathering_id}")
    gathering = Gathering.objects.filter(pk=gathering_id).first()
    if gathering is None:
        return
    participants = presence(gathering)
    cache.set(f"room-presence-size:{gathering_id}", len(participants), timeout=3600)
    announce(gathering_id, {"type": "presence", "participants": participants})
