"""Reading gatherings for pages: the calendar, the room's first paint and the record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from django.db.models import Count, QuerySet

from live.models import Gathering, Poll, PollVote, RoomEvent, Turn

RECENT_CHAT = 50


def recent_chat(gathering: Gathering, limit: int = RECENT_CHAT) -> list[dict[str, Any]]:
    events = RoomEvent.objects.filter(gathering=gathering, type="chat.message").order_by("-seq")[:limit]
    return [e.as_frame() for e in reversed(list(events))]


def cohort_gatherings(cohort_id: int) -> QuerySet[Gathering]:
    return (
        Gathering.objects.filter(cohort_id=cohort_id)
        .exclude(status=Gathering.Status.CANCELLED)
        .select_related("group")
    )


@dataclass
class PollResult:
    poll: Poll
    rows: list[tuple[str, int]]


class GatheringRecord(TypedDict):
    turns: list[Turn]
    passages: list[Turn]
    polls: list[PollResult]
    transcript: list[dict[str, Any]]
    speaking_time: dt.timedelta


def gathering_record(gathering: Gathering) -> GatheringRecord:
    """Agenda, turn order with durations, passages raised, poll results, transcript and notes."""
    turns = list(Turn.objects.filter(gathering=gathering).select_related("user"))
    votes: dict[int, dict[int, int]] = {}
    for poll_id, option, n in (
        PollVote.objects.filter(poll__gathering=gathering)
        .values_list("poll_id", "option")
        .annotate(n=Count("pk"))
        .values_list("poll_id", "option", "n")
    ):
        votes.setdefault(poll_id, {})[option] = n
    polls = [
        PollResult(
            poll=poll,
            rows=[(label, votes.get(poll.pk, {}).get(i, 0)) for i, label in enumerate(poll.options)],
        )
        for poll in Poll.objects.filter(gathering=gathering)
    ]
    transcript = [e.as_frame() for e in RoomEvent.objects.filter(gathering=gathering, type="chat.message")]
    total = sum(((t.duration or dt.timedelta()) for t in turns), dt.timedelta())
    return {
        "turns": turns,
        "passages": [t for t in turns if t.passage],
        "polls": polls,
        "transcript": transcript,
        "speaking_time": total,
    }
