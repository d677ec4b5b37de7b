"""The live room's rules: plain synchronous functions that store first and announce after commit.

The consumer, the HTTP fallback and the tests all call these. Every change is written in a
transaction; what the room must hear is sent from `transaction.on_commit` through the channel
layer, which is only a doorbell: a client that missed a frame asks for it again by event id.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import access as course_access
from courses.models import Enrollment
from live import access
from live.models import Connection, Gathering, HandRaise, Poll, PollVote, RoomEvent, Turn
from live.records import record_publish

logger = logging.getLogger(__name__)

CHAT_MAX_CHARS = 2000
CLIENT_MSG_ID_MAX = 64
PASSAGE_MAX_CHARS = 500
POLL_QUESTION_MAX = 300
POLL_OPTION_MAX = 200
REPLAY_LIMIT = 5000
PRESENCE_MIN_DELAY = 0.25
PRESENCE_MAX_DELAY = 10.0


class RoomError(Exception):
    """A frame the room refuses: answered to the sender only, as an `error` frame."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def as_frame(self) -> dict:
        return {"type": "error", "code": self.code, "detail": self.detail}


def group_name(gathering_id: int) -> str:
    return f"gathering.{gathering_id}"


def announce(gathering_id: int, frame: dict, audience: list[int] | None = None) -> None:
    """Ring the doorbell of every process serving this room. Called after commit only."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group_name(gathering_id), layer_message(frame, audience))
    except Exception:  # the database is the truth: clients catch up by event id
        logger.exception("Could not announce %s to gathering %s", frame.get("type"), gathering_id)


def encode(frame: dict) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def layer_message(frame: dict, audience: list[int] | None = None) -> dict:
    """The doorbell: the frame encoded once for every recipient, plus what consumers route on."""
    message = {"type": "room.frame", "id": frame.get("id"), "text": encode(frame), "audience": audience}
    if frame.get("type") == "moderator.changed":
        message["moderator_id"] = frame["moderator"]["user_id"]
    return message


def announce_on_commit(gathering_id: int, frame: dict, audience: list[int] | None = None) -> None:
    transaction.on_commit(lambda: announce(gathering_id, frame, audience))


def person(user) -> dict:
    return {"user_id": user.pk, "name": user.get_full_name() or user.get_username()}


def _role_of(user, gathering: Gathering, roles: dict[int, str]) -> str:
    return roles.get(user.pk) or ("staff" if course_access.is_staff(user) else Enrollment.Role.OBSERVER)


def _roles(gathering: Gathering, user_ids: list[int]) -> dict[int, str]:
    return dict(
        Enrollment.objects.filter(cohort_id=gathering.cohort_id, user_id__in=user_ids).values_list(
            "user_id", "role"
        )
    )


# --- reading state ------------------------------------------------------------------------------


def presence(gathering: Gathering) -> list[dict]:
    """Everyone connected now, once each however many tabs; stale sockets (no heartbeat) excluded."""
    since = timezone.now() - timezone.timedelta(seconds=settings.TERTULIA_PRESENCE_TTL_SECONDS)
    users = {
        c.user.pk: c.user
        for c in Connection.objects.filter(gathering=gathering, left_at__isnull=True, last_seen_at__gte=since)
        .select_related("user")
        .order_by("joined_at")
    }
    roles = _roles(gathering, list(users))
    return [{**person(u), "role": _role_of(u, gathering, roles)} for u in users.values()]


def turn_counts(gathering: Gathering) -> dict[int, int]:
    return dict(
        Turn.objects.filter(gathering=gathering)
        .values_list("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )


def queue(gathering: Gathering) -> dict:
    """The speaker and the waiting list: fewest turns taken in this gathering first, then by time raised."""
    counts = turn_counts(gathering)
    current = Turn.objects.filter(gathering=gathering, ended_at__isnull=True).select_related("user").first()
    hands = list(
        HandRaise.objects.filter(gathering=gathering, lowered_at__isnull=True).select_related("user")
    )
    hands.sort(key=lambda h: (counts.get(h.user_id, 0), h.raised_at, h.pk))
    return {
        "speaker": {**person(current.user), "turns": counts.get(current.user_id, 0)} if current else None,
        "waiting": [
            {
                **person(h.user),
                "turns": counts.get(h.user_id, 0),
                "raised_at": h.raised_at.isoformat(),
                "passage": h.passage,
            }
            for h in hands
        ],
    }


def poll_counts(poll: Poll) -> list[int]:
    counts = [0] * len(poll.options)
    for option, n in PollVote.objects.filter(poll=poll).values_list("option").annotate(n=Count("pk")):
        if 0 <= option < len(counts):
            counts[option] = n
    return counts


def open_poll(gathering: Gathering) -> dict | None:
    poll = Poll.objects.filter(gathering=gathering, closed_at__isnull=True).order_by("-opened_at").first()
    if poll is None:
        return None
    return {
        "poll_id": poll.pk,
        "question": poll.question,
        "options": poll.options,
        "counts": poll_counts(poll),
    }


def welcome(gathering: Gathering, user) -> dict:
    return {
        "type": "welcome",
        "gathering": {"id": gathering.pk, "title": gathering.title, "status": gathering.status},
        "you": {
            **person(user),
            "role": _role_of(user, gathering, _roles(gathering, [user.pk])),
            "moderator": access.can_moderate_gathering(user, gathering),
        },
        "participants": presence(gathering),
        "queue": queue(gathering),
        "poll": open_poll(gathering),
        "groups": _groups_state(gathering),
        "last_event_id": gathering.last_event_id,
    }


def _groups_state(gathering: Gathering) -> dict | None:
    from live.groups import active_breakout, state

    return state(active_breakout(gathering))


def events_after(
    gathering: Gathering, after: int, *, viewer=None, sees_all: bool = False, limit: int = REPLAY_LIMIT
) -> list[dict]:
    """Persisted events after `after`, in order; small-group messages only for their audience."""
    events = RoomEvent.objects.filter(gathering=gathering, seq__gt=after).order_by("seq")[:limit]
    return [e.as_frame() for e in events if sees_all or viewer is None or e.visible_to(viewer.pk)]


# --- admission ----------------------------------------------------------------------------------


@dataclass
class Admission:
    close_code: int | None
    gathering: Gathering | None = None


def admit(user, gathering_id: int) -> Admission:
    """The protocol's refusals: 4401 signed out, 4404 no such gathering, 4403 not a member, 4409 not open."""
    if not user.is_authenticated:
        return Admission(4401)
    gathering = Gathering.objects.select_related("cohort", "moderator").filter(pk=gathering_id).first()
    if gathering is None:
        return Admission(4404)
    if not access.can_join_gathering(user, gathering):
        return Admission(4403)
    if not gathering.is_open():
        return Admission(4409)
    return Admission(None, gathering)


def connect(*, gathering: Gathering, user, channel_name: str) -> Connection:
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
    stale_before = now - timezone.timedelta(seconds=settings.TERTULIA_PRESENCE_TTL_SECONDS)
    expired = Connection.objects.filter(
        gathering_id=gathering_id, left_at__isnull=True, last_seen_at__lt=stale_before
    ).update(left_at=F("last_seen_at"))
    return bool(expired)


def presence_delay(gathering_id: int) -> float | None:
    """Presence changes are announced together: once per interval per room, across processes.

    Returns how long to wait before announcing, or None when an announcement is already due. The
    interval grows with the room (a full list to everyone costs members × list size).
    """
    size = cache.get(f"room-presence-size:{gathering_id}", 0)
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


# --- writing events -----------------------------------------------------------------------------


def _append(
    gathering: Gathering, event_type: str, payload: dict, *, author=None, client_msg_id=None, audience=None
) -> RoomEvent:
    """Store a persisted event with the next id of this gathering (row lock: safe across processes)."""
    Gathering.objects.filter(pk=gathering.pk).update(last_event_id=F("last_event_id") + 1)
    seq = Gathering.objects.values_list("last_event_id", flat=True).get(pk=gathering.pk)
    gathering.last_event_id = seq
    event = RoomEvent.objects.create(
        gathering=gathering,
        seq=seq,
        type=event_type,
        payload=payload,
        author=author,
        client_msg_id=client_msg_id,
        audience=audience,
    )
    announce_on_commit(gathering.pk, event.as_frame(), audience=audience)
    return event


def _locked(gathering: Gathering) -> Gathering:
    """Re-read the gathering under a row lock so that concurrent commands apply one after another."""
    fresh = Gathering.objects.select_for_update().select_related("cohort").get(pk=gathering.pk)
    if fresh.status != Gathering.Status.SCHEDULED:
        raise RoomError("forbidden", _("This gathering has ended."))
    return fresh


def _require_member(user, gathering: Gathering) -> None:
    if not access.can_act_in_gathering(user, gathering):
        raise RoomError("forbidden", _("Observers follow the gathering but do not take part in it."))


def _require_moderator(user, gathering: Gathering) -> None:
    if not access.can_moderate_gathering(user, gathering):
        raise RoomError("forbidden", _("Only the moderator can do this."))


def _text(value: Any, *, field_name: str, max_chars: int, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise RoomError("invalid", _("“%(field)s” must be text.") % {"field": field_name})
    text = value.strip()
    if required and not text:
        raise RoomError("invalid", _("“%(field)s” cannot be empty.") % {"field": field_name})
    if len(text) > max_chars:
        raise RoomError(
            "too_long",
            _("“%(field)s” is too long (at most %(max)d characters).")
            % {"field": field_name, "max": max_chars},
        )
    return text


def _int(value: Any, *, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RoomError("invalid", _("“%(field)s” must be a whole number.") % {"field": field_name})
    return value


def _member_user(gathering: Gathering, user_id: Any):
    user_id = _int(user_id, field_name="user_id")
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not access.can_join_gathering(user, gathering):
        raise RoomError("invalid", _("That person is not a member of this gathering."))
    return user


def _rate_limited(gathering: Gathering, user) -> bool:
    limit, window = settings.TERTULIA_CHAT_RATE
    key = f"room-rate:{gathering.pk}:{user.pk}:{int(timezone.now().timestamp() // window)}"
    if cache.add(key, 1, timeout=window * 2):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:
        cache.set(key, 1, timeout=window * 2)
        return False


@dataclass
class Result:
    """What a command produced: frames for the sender only (others hear through the doorbell)."""

    reply: list[dict] = field(default_factory=list)
    event: dict | None = None  # the persisted event the command stored, if any


def prepare_message(
    gathering: Gathering, user, text: Any, client_msg_id: Any
) -> tuple[str, str | None, Result | None]:
    """Checks every kind of chat shares: (text, client_msg_id, the stored answer to a resend or None)."""
    _require_member(user, gathering)
    body = _text(text, field_name="text", max_chars=CHAT_MAX_CHARS)
    msg_id = None
    if client_msg_id is not None:
        msg_id = _text(client_msg_id, field_name="client_msg_id", max_chars=CLIENT_MSG_ID_MAX)
        existing = RoomEvent.objects.filter(gathering=gathering, author=user, client_msg_id=msg_id).first()
        if existing is not None:
            # A resend after a reconnect: acknowledge with the stored message, store nothing.
            return body, msg_id, Result(reply=[existing.as_frame()], event=existing.as_frame())
    if _rate_limited(gathering, user):
        raise RoomError("rate_limited", _("You are sending messages too fast. Wait a few seconds."))
    return body, msg_id, None


def chat_send(*, gathering: Gathering, user, text: Any, client_msg_id: Any = None) -> Result:
    body, msg_id, resent = prepare_message(gathering, user, text, client_msg_id)
    if resent is not None:
        return resent
    try:
        with transaction.atomic():
            fresh = _locked(gathering)
            event = _append(
                fresh,
                "chat.message",
                {
                    "author": person(user),
                    "text": body,
                    "client_msg_id": msg_id,
                    "created_at": timezone.now().isoformat(),
                },
                author=user,
                client_msg_id=msg_id,
            )
    except IntegrityError:
        existing = RoomEvent.objects.get(gathering=gathering, author=user, client_msg_id=msg_id)
        return Result(reply=[existing.as_frame()], event=existing.as_frame())
    return Result(event=event.as_frame())


def _announce_queue(gathering: Gathering) -> None:
    announce_on_commit(gathering.pk, {"type": "queue", **queue(gathering)})


def hand_raise(*, gathering: Gathering, user, passage: Any = None) -> Result:
    _require_member(user, gathering)
    text = _text(passage, field_name="passage", max_chars=PASSAGE_MAX_CHARS, required=False)
    with transaction.atomic():
        fresh = _locked(gathering)
        hand = HandRaise.objects.filter(gathering=fresh, user=user, lowered_at__isnull=True).first()
        if hand is None:
            HandRaise.objects.create(gathering=fresh, user=user, passage=text)
        elif text and hand.passage != text:
            hand.passage = text
            hand.save(update_fields=["passage"])
        _announce_queue(fresh)
    return Result()


def hand_lower(*, gathering: Gathering, user) -> Result:
    _require_member(user, gathering)
    with transaction.atomic():
        fresh = _locked(gathering)
        HandRaise.objects.filter(gathering=fresh, user=user, lowered_at__isnull=True).update(
            lowered_at=timezone.now()
        )
        _announce_queue(fresh)
    return Result()


def _end_current_turn(gathering: Gathering) -> Turn | None:
    current = Turn.objects.filter(gathering=gathering, ended_at__isnull=True).first()
    if current is not None:
        current.ended_at = timezone.now()
        current.save(update_fields=["ended_at"])
    return current


def _give_floor(gathering: Gathering, speaker, passage: str = "") -> None:
    _end_current_turn(gathering)
    hand = HandRaise.objects.filter(gathering=gathering, user=speaker, lowered_at__isnull=True).first()
    if hand is not None:
        passage = passage or hand.passage
        hand.lowered_at = timezone.now()
        hand.save(update_fields=["lowered_at"])
    Turn.objects.create(gathering=gathering, user=speaker, passage=passage)
    turns = Turn.objects.filter(gathering=gathering, user=speaker).count()
    _append(gathering, "floor.changed", {"speaker": {**person(speaker), "turns": turns}})
    _announce_queue(gathering)


def floor_next(*, gathering: Gathering, user) -> Result:
    _require_moderator(user, gathering)
    with transaction.atomic():
        fresh = _locked(gathering)
        waiting = queue(fresh)["waiting"]
        if not waiting:
            if _end_current_turn(fresh) is None:
                raise RoomError("invalid", _("Nobody is waiting for the floor."))
            _append(fresh, "floor.changed", {"speaker": None})
            _announce_queue(fresh)
            return Result()
        speaker = get_user_model().objects.get(pk=waiting[0]["user_id"])
        _give_floor(fresh, speaker)
    return Result()


def floor_give(*, gathering: Gathering, user, user_id: Any) -> Result:
    _require_moderator(user, gathering)
    speaker = _member_user(gathering, user_id)
    with transaction.atomic():
        _give_floor(_locked(gathering), speaker)
    return Result()


def floor_end(*, gathering: Gathering, user) -> Result:
    with transaction.atomic():
        fresh = _locked(gathering)
        current = Turn.objects.filter(gathering=fresh, ended_at__isnull=True).first()
        if current is None:
            raise RoomError("invalid", _("Nobody has the floor."))
        if current.user_id != user.pk and not access.can_moderate_gathering(user, fresh):
            raise RoomError("forbidden", _("Only the speaker or the moderator can end a turn."))
        _end_current_turn(fresh)
        _append(fresh, "floor.changed", {"speaker": None})
        _announce_queue(fresh)
    return Result()


def poll_open(*, gathering: Gathering, user, question: Any, options: Any) -> Result:
    _require_moderator(user, gathering)
    text = _text(question, field_name="question", max_chars=POLL_QUESTION_MAX)
    if not isinstance(options, list) or not 2 <= len(options) <= 10:
        raise RoomError("invalid", _("A poll needs between 2 and 10 options."))
    cleaned = [_text(o, field_name="options", max_chars=POLL_OPTION_MAX) for o in options]
    with transaction.atomic():
        fresh = _locked(gathering)
        if Poll.objects.filter(gathering=fresh, closed_at__isnull=True).exists():
            raise RoomError("invalid", _("Close the current poll before opening another."))
        poll = Poll.objects.create(gathering=fresh, question=text, options=cleaned, created_by=user)
        _append(fresh, "poll.opened", {"poll_id": poll.pk, "question": text, "options": cleaned})
    return Result()


def _poll(gathering: Gathering, poll_id: Any, *, for_update: bool = False) -> Poll:
    poll_id = _int(poll_id, field_name="poll_id")
    qs = Poll.objects.select_for_update() if for_update else Poll.objects
    poll = qs.filter(pk=poll_id, gathering=gathering).first()
    if poll is None:
        raise RoomError("invalid", _("There is no such poll in this gathering."))
    return poll


def poll_vote(*, gathering: Gathering, user, poll_id: Any, option: Any) -> Result:
    _require_member(user, gathering)
    option = _int(option, field_name="option")
    with transaction.atomic():
        fresh = _locked(gathering)
        poll = _poll(fresh, poll_id)
        if not poll.is_open:
            raise RoomError("invalid", _("This poll is closed."))
        if not 0 <= option < len(poll.options):
            raise RoomError("invalid", _("That option does not exist."))
        PollVote.objects.update_or_create(poll=poll, user=user, defaults={"option": option})
        announce_on_commit(
            fresh.pk, {"type": "poll.results", "poll_id": poll.pk, "counts": poll_counts(poll)}
        )
    return Result()


def poll_close(*, gathering: Gathering, user, poll_id: Any) -> Result:
    _require_moderator(user, gathering)
    with transaction.atomic():
        fresh = _locked(gathering)
        poll = _poll(fresh, poll_id, for_update=True)
        if not poll.is_open:
            raise RoomError("invalid", _("This poll is closed."))
        poll.closed_at = timezone.now()
        poll.save(update_fields=["closed_at"])
        _append(
            fresh,
            "poll.closed",
            {
                "poll_id": poll.pk,
                "question": poll.question,
                "options": poll.options,
                "counts": poll_counts(poll),
            },
        )
    return Result()


def moderator_assign(*, gathering: Gathering, user, user_id: Any) -> Result:
    _require_moderator(user, gathering)
    target = _member_user(gathering, user_id)
    with transaction.atomic():
        fresh = _locked(gathering)
        fresh.moderator = target
        fresh.save(update_fields=["moderator"])
        gathering.moderator = target
        _append(fresh, "moderator.changed", {"moderator": person(target)})
    return Result()


def gathering_end(*, gathering: Gathering, user) -> Result:
    _require_moderator(user, gathering)
    with transaction.atomic():
        fresh = _locked(gathering)
        now = timezone.now()
        _end_current_turn(fresh)
        HandRaise.objects.filter(gathering=fresh, lowered_at__isnull=True).update(lowered_at=now)
        Poll.objects.filter(gathering=fresh, closed_at__isnull=True).update(closed_at=now)
        fresh.status = Gathering.Status.ENDED
        fresh.ended_at = now
        fresh.save(update_fields=["status", "ended_at"])
        gathering.status = fresh.status
        _append(fresh, "gathering.ended", {"record_url": fresh.record_url()})
        record_publish(
            gathering=fresh,
            user=user,
            record_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + fresh.record_url(),
        )
    return Result()


NOTES_MAX_CHARS = 20_000


def notes_save(*, gathering: Gathering, user, notes: Any) -> None:
    """The moderator's notes, which become part of the record."""
    _require_moderator(user, gathering)
    text = _text(notes, field_name="notes", max_chars=NOTES_MAX_CHARS, required=False)
    Gathering.objects.filter(pk=gathering.pk).update(notes=text)
    gathering.notes = text


# The client → server table of the protocol: type → (function, the frame fields it takes).
COMMANDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "chat.send": (chat_send, ("text", "client_msg_id")),
    "hand.raise": (hand_raise, ("passage",)),
    "hand.lower": (hand_lower, ()),
    "floor.next": (floor_next, ()),
    "floor.give": (floor_give, ("user_id",)),
    "floor.end": (floor_end, ()),
    "poll.open": (poll_open, ("question", "options")),
    "poll.vote": (poll_vote, ("poll_id", "option")),
    "poll.close": (poll_close, ("poll_id",)),
    "moderator.assign": (moderator_assign, ("user_id",)),
    "gathering.end": (gathering_end, ()),
}
REQUIRED_FIELDS = {
    "chat.send": ("text",),
    "floor.give": ("user_id",),
    "poll.open": ("question", "options"),
    "poll.vote": ("poll_id", "option"),
    "poll.close": ("poll_id",),
    "moderator.assign": ("user_id",),
}


def dispatch(*, gathering: Gathering, user, frame: dict) -> Result:
    """Run one client command; raise RoomError for anything the room refuses."""
    frame_type = frame.get("type")
    if frame_type not in COMMANDS:
        raise RoomError("unknown_type", _("Unknown message type."))
    function, fields = COMMANDS[frame_type]
    missing = [name for name in REQUIRED_FIELDS.get(frame_type, ()) if name not in frame]
    if missing:
        raise RoomError("invalid", _("Missing field: %(fields)s.") % {"fields": ", ".join(missing)})
    gathering.refresh_from_db(fields=["status", "moderator", "last_event_id"])
    return function(gathering=gathering, user=user, **{name: frame.get(name) for name in fields})
