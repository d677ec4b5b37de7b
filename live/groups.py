"""Interactive groups in the room: mixed small groups, a volunteer each, timed rounds that rotate them.

Protocol extension `groups.*` (docs/live-protocol.md), written in the style of live.room: store in
the transaction, announce after commit; a group's chat reaches only that group and the moderators.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrollment
from live import access
from live.models import Breakout, Connection, Gathering
from live.room import (
    COMMANDS,
    REQUIRED_FIELDS,
    Result,
    RoomError,
    _append,
    _int,
    _locked,
    _require_moderator,
    person,
    prepare_message,
)

MIN_GROUP = 3
MAX_GROUP_SIZE = 10
MAX_MINUTES = 60


def active_breakout(gathering: Gathering) -> Breakout | None:
    return Breakout.objects.filter(gathering=gathering, ended_at__isnull=True).first()


def state(breakout: Breakout | None) -> dict | None:
    """The groups as clients see them (also `welcome.groups`)."""
    if breakout is None:
        return None
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


def _present_members(gathering: Gathering, exclude: int) -> list[tuple[int | None, int, str]]:
    """(small group id, user id, role) of members connected now who can take part."""
    from django.conf import settings

    since = timezone.now() - timezone.timedelta(seconds=settings.TERTULIA_PRESENCE_TTL_SECONDS)
    present = set(
        Connection.objects.filter(
            gathering=gathering, left_at__isnull=True, last_seen_at__gte=since
        ).values_list("user_id", flat=True)
    )
    present.discard(exclude)
    rows = Enrollment.objects.filter(
        cohort_id=gathering.cohort_id,
        user_id__in=present,
        role__in=[Enrollment.Role.PARTICIPANT, Enrollment.Role.FACILITATOR],
    ).values_list("group_id", "user_id", "role")
    return sorted(rows, key=lambda row: (row[0] or 0, row[1]))


def split(members: list[tuple[int | None, int, str]], size: int) -> list[list[int]]:
    """Deal people round-robin after ordering by small group, so each group mixes small groups."""
    count = max(1, len(members) // size)
    groups: list[list[int]] = [[] for _ in range(count)]
    for position, (_group, user_id, _role) in enumerate(members):
        groups[position % count].append(user_id)
    return groups


def groups_start(*, gathering: Gathering, user, size: Any, minutes: Any, volunteers: Any = None) -> Result:
    _require_moderator(user, gathering)
    size = _int(size, field_name="size")
    minutes = _int(minutes, field_name="minutes")
    if not MIN_GROUP <= size <= MAX_GROUP_SIZE:
        raise RoomError(
            "invalid",
            _("Groups have between %(min)d and %(max)d people.") % {"min": MIN_GROUP, "max": MAX_GROUP_SIZE},
        )
    if not 1 <= minutes <= MAX_MINUTES:
        raise RoomError("invalid", _("A round lasts between 1 and %(max)d minutes.") % {"max": MAX_MINUTES})
    with transaction.atomic():
        fresh = _locked(gathering)
        if active_breakout(fresh) is not None:
            raise RoomError("invalid", _("The groups are already working. Bring everyone back first."))
        present = _present_members(fresh, exclude=user.pk)
        if len(present) < MIN_GROUP:
            raise RoomError("invalid", _("At least 3 people must be present to form groups."))
        groups = split(present, size)
        roles = {uid: role for _g, uid, role in present}
        chosen: list[int | None] = []
        if volunteers is not None:
            if not isinstance(volunteers, list) or len(volunteers) != len(groups):
                raise RoomError("invalid", _("Name one volunteer per group (%(n)d).") % {"n": len(groups)})
            for index, volunteer in enumerate(volunteers):
                volunteer = _int(volunteer, field_name="volunteers")
                if volunteer not in groups[index]:
                    raise RoomError("invalid", _("Each volunteer must be a member of their group."))
                chosen.append(volunteer)
        else:
            # A facilitator in the group volunteers if there is one; otherwise its first member.
            for members in groups:
                chosen.append(
                    next((m for m in members if roles[m] == Enrollment.Role.FACILITATOR), members[0])
                )
        for index, volunteer in enumerate(chosen):
            groups[index].remove(volunteer)
        breakout = Breakout.objects.create(gathering=fresh, groups=groups, volunteers=chosen, minutes=minutes)
        _append(fresh, "groups.started", state(breakout))
    return Result()


def groups_rotate(*, gathering: Gathering, user, round: Any = None) -> Result:
    """Next round: each volunteer moves on to the next group; members stay.

    With `round` (the round the sender sees ending), a rotation already made by another moderator's
    timer is not made twice.
    """
    _require_moderator(user, gathering)
    expected = None if round is None else _int(round, field_name="round")
    with transaction.atomic():
        fresh = _locked(gathering)
        breakout = active_breakout(fresh)
        if breakout is None:
            raise RoomError("invalid", _("There are no groups working now."))
        if expected is not None and expected != breakout.round:
            raise RoomError("invalid", _("This round has already changed."))
        breakout.volunteers = breakout.volunteers[-1:] + breakout.volunteers[:-1]
        breakout.round += 1
        breakout.round_started_at = timezone.now()
        breakout.save(update_fields=["volunteers", "round", "round_started_at"])
        _append(fresh, "groups.rotated", state(breakout))
    return Result()


def groups_end(*, gathering: Gathering, user) -> Result:
    _require_moderator(user, gathering)
    with transaction.atomic():
        fresh = _locked(gathering)
        breakout = active_breakout(fresh)
        if breakout is None:
            raise RoomError("invalid", _("There are no groups working now."))
        breakout.ended_at = timezone.now()
        breakout.save(update_fields=["ended_at"])
        _append(fresh, "groups.ended", {"rounds": breakout.round})
    return Result()


def groups_send(*, gathering: Gathering, user, text: Any, client_msg_id: Any = None) -> Result:
    """Chat inside one's own group; the moderators read every group."""
    body, msg_id, resent = prepare_message(gathering, user, text, client_msg_id)
    if resent is not None:
        return resent
    with transaction.atomic():
        fresh = _locked(gathering)
        breakout = active_breakout(fresh)
        index = breakout.group_of(user.pk) if breakout else None
        if index is None:
            raise RoomError("invalid", _("You are not in a group now."))
        audience = [
            *breakout.groups[index],
            *([breakout.volunteers[index]] if breakout.volunteers[index] else []),
        ]
        event = _append(
            fresh,
            "groups.message",
            {
                "group": index,
                "author": person(user),
                "text": body,
                "client_msg_id": msg_id,
                "created_at": timezone.now().isoformat(),
            },
            author=user,
            client_msg_id=msg_id,
            audience=audience,
        )
    return Result(event=event.as_frame())


def can_see_everything(user, gathering: Gathering) -> bool:
    return access.can_moderate_gathering(user, gathering)


COMMANDS.update(
    {
        "groups.start": (groups_start, ("size", "minutes", "volunteers")),
        "groups.rotate": (groups_rotate, ("round",)),
        "groups.end": (groups_end, ()),
        "groups.send": (groups_send, ("text", "client_msg_id")),
    }
)
REQUIRED_FIELDS.update({"groups.start": ("size", "minutes"), "groups.send": ("text",)})
