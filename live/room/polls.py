"""Polls: `poll.open`, `poll.vote` (a new vote replaces the old), `poll.close`. One open at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from live.models import Gathering, Poll, PollVote
from live.room import kit
from live.room.errors import RoomError
from live.room.kit import Result
from live.room.state import poll_counts
from live.room.transport import announce_on_commit

if TYPE_CHECKING:
    from live.room.frames import User

POLL_QUESTION_MAX: Final = 300
POLL_OPTION_MAX: Final = 200
POLL_OPTIONS_MIN: Final = 2
POLL_OPTIONS_MAX: Final = 10


def poll_open(*, gathering: Gathering, user: User, question: object, options: object) -> Result:
    kit.require_moderator(user, gathering)
    text = kit.text(question, field_name="question", max_chars=POLL_QUESTION_MAX)
    if not isinstance(options, list) or not POLL_OPTIONS_MIN <= len(options) <= POLL_OPTIONS_MAX:
        raise RoomError("invalid", _("A poll needs between 2 and 10 options."))
    cleaned = [kit.text(o, field_name="options", max_chars=POLL_OPTION_MAX) for o in options]
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        if Poll.objects.filter(gathering=fresh, closed_at__isnull=True).exists():
            raise RoomError("invalid", _("Close the current poll before opening another."))
        poll = Poll.objects.create(gathering=fresh, question=text, options=cleaned, created_by=user)
        kit.append(fresh, "poll.opened", {"poll_id": poll.pk, "question": text, "options": cleaned})
    return Result()


def _poll(gathering: Gathering, poll_id: object, *, for_update: bool = False) -> Poll:
    pk = kit.whole_number(poll_id, field_name="poll_id")
    polls = Poll.objects.select_for_update() if for_update else Poll.objects.all()
    poll = polls.filter(pk=pk, gathering=gathering).first()
    if poll is None:
        raise RoomError("invalid", _("There is no such poll in this gathering."))
    return poll


def poll_vote(*, gathering: Gathering, user: User, poll_id: object, option: object) -> Result:
    kit.require_member(user, gathering)
    choice = kit.whole_number(option, field_name="option")
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        poll = _poll(fresh, poll_id)
        if not poll.is_open:
            raise RoomError("invalid", _("This poll is closed."))
        if not 0 <= choice < len(poll.options):
            raise RoomError("invalid", _("That option does not exist."))
        PollVote.objects.update_or_create(poll=poll, user=user, defaults={"option": choice})
        announce_on_commit(
            fresh.pk, {"type": "poll.results", "poll_id": poll.pk, "counts": poll_counts(poll)}
        )
    return Result()


def poll_close(*, gathering: Gathering, user: User, poll_id: object) -> Result:
    kit.require_moderator(user, gathering)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        poll = _poll(fresh, poll_id, for_update=True)
        if not poll.is_open:
            raise RoomError("invalid", _("This poll is closed."))
        poll.closed_at = timezone.now()
        poll.save(update_fields=["closed_at"])
        kit.append(
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
