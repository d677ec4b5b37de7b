"""Reading the room's state from the database, where it lives (any process can rebuild it).

Presence, the fair queue, turn counts, the open poll, the interactive groups, the `welcome` frame and
the replay of persisted events. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.utils import timezone

from courses import access as course_access
from courses.models import Enrollment
from live import access
from live.models import Breakout, Connection, Gathering, HandRaise, Poll, PollVote, RoomEvent, Turn
from live.room.frames import (
    EventFrame,
    GroupsState,
    Participant,
    Person,
    PollState,
    QueueState,
    WelcomeFrame,
)
from lms.people import display_name

if TYPE_CHECKING:
    from live.room.frames import User

REPLAY_LIMIT: Final = 5000


def person(user: User) -> Person:
    return {"user_id": user.pk, "name": display_name(user)}


def roles(gathering: Gathering, user_ids: list[int]) -> dict[int, str]:
    """Each user's role in the gathering's cohort (users without an enrolment are left out)."""
    return dict(
        Enrollment.objects.filter(cohort_id=gathering.cohort_id, user_id__in=user_ids).values_list(
            "user_id", "role"
        )
    )


def role_of(user: User, known: dict[int, str]) -> str:
    """The role shown for a user: their enrolment's, else staff, else observer."""
    return known.get(user.pk) or ("staff" if course_access.is_staff(user) else Enrollment.Role.OBSERVER)


def live_connections(gathering: Gathering) -> QuerySet[Connection]:
    """Sockets open now: not closed, and beating within the presence TTL (a dead process's expire)."""
    since = timezone.now() - dt.timedelta(seconds=settings.TERTULIA_PRESENCE_TTL_SECONDS)
    return Connection.objects.filter(gathering=gathering, left_at__isnull=True, last_seen_at__gte=since)


def presence(gathering: Gathering) -> list[Participant]:
    """Everyone connected now, once each however many tabs; stale sockets (no heartbeat) excluded."""
    users = {
        c.user.pk: c.user for c in live_connections(gathering).select_related("user").order_by("joined_at")
    }
    known = roles(gathering, list(users))
    return [{**person(u), "role": role_of(u, known)} for u in users.values()]


def turn_counts(gathering: Gathering) -> dict[int, int]:
    """Turns taken in this gathering, per user."""
    return dict(
        Turn.objects.filter(gathering=gathering)
        .values_list("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )


def queue(gathering: Gathering) -> QueueState:
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
    """Votes per option, in the options' order."""
    counts = [0] * len(poll.options)
    for option, n in PollVote.objects.filter(poll=poll).values_list("option").annotate(n=Count("pk")):
        if 0 <= option < len(counts):
            counts[option] = n
    return counts


def open_poll(gathering: Gathering) -> PollState | None:
    poll = Poll.objects.filter(gathering=gathering, closed_at__isnull=True).order_by("-opened_at").first()
    if poll is None:
        return None
    return {
        "poll_id": poll.pk,
        "question": poll.question,
        "options": poll.options,
        "counts": poll_counts(poll),
    }


def active_breakout(gathering: Gathering) -> Breakout | None:
    """The interactive groups working now, if any (one at a time)."""
    return Breakout.objects.filter(gathering=gathering, ended_at__isnull=True).first()


def breakout_state(breakout: Breakout) -> GroupsState:
    """The groups as clients see them (`groups.started`, `groups.rotated` and `welcome.groups`)."""
    ids = {uid for members in breakout.groups for uid in members} | {v for v in breakout.volunteers if v}
    people = {u.pk: person(u) for u in get_user_model().objects.filter(pk__in=ids)}
    return {
        "round": breakout.round,
        "minutes": breakout.minutes,
        "ends_at": breakout.round_ends_at.isoformat(),
        "groups": [
            {
                "index": index,
                "members": [people[uid] for uid in members if uid in people],
                "volunteer": people.get(breakout.volunteers[index]),
            }
            for index, members in enumerate(breakout.groups)
        ],
    }


def groups_state(gathering: Gathering) -> GroupsState | None:
    """The interactive groups working now, or None."""
    breakout = active_breakout(gathering)
    return breakout_state(breakout) if breakout is not None else None


def welcome(gathering: Gathering, user: User) -> WelcomeFrame:
    """The first frame of a connection (and the room page's first paint)."""
    return {
        "type": "welcome",
        "gathering": {"id": gathering.pk, "title": gathering.title, "status": gathering.status},
        "you": {
            **person(user),
            "role": role_of(user, roles(gathering, [user.pk])),
            "moderator": access.can_moderate_gathering(user, gathering),
        },
        "participants": presence(gathering),
        "queue": queue(gathering),
        "poll": open_poll(gathering),
        "groups": groups_state(gathering),
        "last_event_id": gathering.last_event_id,
    }


def events_after(
    gathering: Gathering,
    after: int,
    *,
    viewer: User | None = None,
    sees_all: bool = False,
    limit: int = REPLAY_LIMIT,
) -> list[EventFrame]:
    """Persisted events after `after`, in order; small-group messages only for their audience."""
    events = RoomEvent.objects.filter(gathering=gathering, seq__gt=after).order_by("seq")[:limit]
    return [e.as_frame() for e in events if sees_all or viewer is None or e.visible_to(viewer.pk)]
