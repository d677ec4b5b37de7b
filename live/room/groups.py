"""Interactive groups (`groups.*`): mixed small groups, a volunteer each, timed rounds that rotate them.

Protocol extension in docs/live-protocol.md, built on the kit like every command: store in the
transaction, announce after commit; a group's chat reaches only that group and the moderators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrollment
from live.models import Breakout, Gathering
from live.room import kit
from live.room.errors import RoomError
from live.room.kit import Result
from live.room.state import active_breakout, breakout_state, live_connections, person

if TYPE_CHECKING:
    from live.room.frames import User

    # (small group id, user id, role) of a member present in the room.
    Member = tuple[int | None, int, str]

MIN_GROUP: Final = 3
MAX_GROUP_SIZE: Final = 10
MAX_MINUTES: Final = 60


def _present_members(gathering: Gathering, exclude: int) -> list[Member]:
    """Members connected now who can take part (participants and facilitators), by small group."""
    present = set(live_connections(gathering).values_list("user_id", flat=True))
    present.discard(exclude)
    rows = Enrollment.objects.filter(
        cohort_id=gathering.cohort_id,
        user_id__in=present,
        role__in=[Enrollment.Role.PARTICIPANT, Enrollment.Role.FACILITATOR],
    ).values_list("group_id", "user_id", "role")
    return sorted(rows, key=lambda row: (row[0] or 0, row[1]))


def split(members: list[Member], size: int) -> list[list[int]]:
    """Deal people round-robin after ordering by small group, so each group mixes small groups."""
    count = max(1, len(members) // size)
    groups: list[list[int]] = [[] for _ in range(count)]
    for position, (_group, user_id, _role) in enumerate(members):
        groups[position % count].append(user_id)
    return groups


def _volunteers(volunteers: object, groups: list[list[int]], roles: dict[int, str]) -> list[int]:
    """The volunteers named (one per group, each a member of it), else a facilitator or the first member."""
    if volunteers is None:
        return [
            next((m for m in members if roles[m] == Enrollment.Role.FACILITATOR), members[0])
            for members in groups
        ]
    if not isinstance(volunteers, list) or len(volunteers) != len(groups):
        raise RoomError("invalid", _("Name one volunteer per group (%(n)d).") % {"n": len(groups)})
    chosen = []
    for index, value in enumerate(volunteers):
        volunteer = kit.whole_number(value, field_name="volunteers")
        if volunteer not in groups[index]:
            raise RoomError("invalid", _("Each volunteer must be a member of their group."))
        chosen.append(volunteer)
    return chosen


def groups_start(
    *, gathering: Gathering, user: User, size: object, minutes: object, volunteers: object = None
) -> Result:
    kit.require_moderator(user, gathering)
    people = kit.whole_number(size, field_name="size")
    length = kit.whole_number(minutes, field_name="minutes")
    if not MIN_GROUP <= people <= MAX_GROUP_SIZE:
        raise RoomError(
            "invalid",
            _("Groups have between %(min)d and %(max)d people.") % {"min": MIN_GROUP, "max": MAX_GROUP_SIZE},
        )
    if not 1 <= length <= MAX_MINUTES:
        raise RoomError("invalid", _("A round lasts between 1 and %(max)d minutes.") % {"max": MAX_MINUTES})
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        if active_breakout(fresh) is not None:
            raise RoomError("invalid", _("The groups are already working. Bring everyone back first."))
        present = _present_members(fresh, exclude=user.pk)
        if len(present) < MIN_GROUP:
            raise RoomError("invalid", _("At least 3 people must be present to form groups."))
        groups = split(present, people)
        chosen = _volunteers(volunteers, groups, {uid: role for _g, uid, role in present})
        for index, volunteer in enumerate(chosen):
            groups[index].remove(volunteer)
        breakout = Breakout.objects.create(gathering=fresh, groups=groups, volunteers=chosen, minutes=length)
        kit.append(fresh, "groups.started", breakout_state(breakout))
    return Result()


def groups_rotate(*, gathering: Gathering, user: User, round: object = None) -> Result:
    """Next round: each volunteer moves on to the next group; members stay.

    With `round` (the round the sender sees ending), a rotation already made by another moderator's
    timer is not made twice.
    """
    kit.require_moderator(user, gathering)
    expected = None if round is None else kit.whole_number(round, field_name="round")
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        breakout = active_breakout(fresh)
        if breakout is None:
            raise RoomError("invalid", _("There are no groups working now."))
        if expected is not None and expected != breakout.round:
            raise RoomError("invalid", _("This round has already changed."))
        breakout.volunteers = breakout.volunteers[-1:] + breakout.volunteers[:-1]
        breakout.round += 1
        breakout.round_started_at = timezone.now()
        breakout.save(update_fields=["volunteers", "round", "round_started_at"])
        kit.append(fresh, "groups.rotated", breakout_state(breakout))
    return Result()


def groups_end(*, gathering: Gathering, user: User) -> Result:
    """Everyone back together."""
    kit.require_moderator(user, gathering)
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        breakout = active_breakout(fresh)
        if breakout is None:
            raise RoomError("invalid", _("There are no groups working now."))
        breakout.ended_at = timezone.now()
        breakout.save(update_fields=["ended_at"])
        kit.append(fresh, "groups.ended", {"rounds": breakout.round})
    return Result()


def groups_send(*, gathering: Gathering, user: User, text: object, client_msg_id: object = None) -> Result:
    """Chat inside one's own group; the moderators read every group."""
    message = kit.message_input(gathering, user, text_value=text, client_msg_id=client_msg_id)
    if message.resent is not None:
        return message.resent
    with transaction.atomic():
        fresh = kit.lock_gathering(gathering)
        breakout = active_breakout(fresh)
        index = breakout.group_of(user.pk) if breakout else None
        if breakout is None or index is None:
            raise RoomError("invalid", _("You are not in a group now."))
        volunteer = breakout.volunteers[index]
        audience = [*breakout.groups[index], *([volunteer] if volunteer else [])]
        event = kit.append(
            fresh,
            "groups.message",
            {
                "group": index,
                "author": person(user),
                "text": message.text,
                "client_msg_id": message.client_msg_id,
                "created_at": timezone.now().isoformat(),
            },
            author=user,
            client_msg_id=message.client_msg_id,
            audience=audience,
        )
    return Result(event=event.as_frame())
