"""Interactive groups (`groups.*`): mixed groups, volunteers rotating, private group chat."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async

from courses.models import CohortGroup
from live.models import Breakout
from live.room.groups import split
from tests.factories import enrol, make_user
from tests.live.conftest import Client

pytestmark = [pytest.mark.django_db(transaction=True)]  # async tests run under asyncio_mode = "auto"


def _people(world, count):
    gias = [CohortGroup.objects.create(cohort=world.cohort, name=f"GIA {n}") for n in range(2)]
    users = []
    for n in range(count):
        user = make_user(f"p{n}")
        enrol(user, world.cohort, group=gias[n % 2])
        users.append(user)
    return users


def test_split_mixes_small_groups_and_keeps_at_least_three():
    members = [(1, 10, "participant"), (1, 11, "participant"), (1, 12, "participant"), (2, 20, "participant"),
               (2, 21, "participant"), (2, 22, "participant"), (2, 23, "participant")]  # fmt: skip
    groups = split(members, 3)
    assert [len(g) for g in groups] == [4, 3]
    assert groups == [[10, 12, 21, 23], [11, 20, 22]]
    assert split(members[:2], 3) == [[10, 11]]


async def test_a_round_of_interactive_groups(world, gathering):
    users = await sync_to_async(_people)(world, 6)
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    clients = {}
    for user in users:
        clients[user.pk] = await Client(user, gathering.pk).connect()
        await clients[user.pk].recv()

    await clients[users[0].pk].send({"type": "groups.start", "size": 3, "minutes": 10})
    assert (await clients[users[0].pk].recv_until("error"))["code"] == "forbidden"
    await fac.send({"type": "groups.start", "size": 2, "minutes": 10})
    assert (await fac.recv_until("error"))["code"] == "invalid"
    await fac.send({"type": "groups.start", "size": 3, "minutes": 10})
    started = await fac.recv_until("groups.started")
    assert started["round"] == 1 and started["minutes"] == 10 and "ends_at" in started
    groups = started["groups"]
    assert len(groups) == 2
    for group in groups:
        ids = [m["user_id"] for m in group["members"]] + [group["volunteer"]["user_id"]]
        assert len(ids) == 3
    everyone = sorted(m["user_id"] for g in groups for m in [*g["members"], g["volunteer"]])
    assert everyone == sorted(u.pk for u in users)

    group0 = [m["user_id"] for m in groups[0]["members"]] + [groups[0]["volunteer"]["user_id"]]
    group1 = [m["user_id"] for m in groups[1]["members"]] + [groups[1]["volunteer"]["user_id"]]
    for client in clients.values():
        await client.recv_until("groups.started")
    speaker = clients[group0[0]]
    await speaker.send({"type": "groups.send", "text": "En nuestro grupo…", "client_msg_id": "g-1"})
    message = await clients[group0[1]].recv_until("groups.message")
    assert message["group"] == 0 and message["text"] == "En nuestro grupo…"
    assert (await fac.recv_until("groups.message"))["id"] == message["id"]
    other = clients[group1[0]]
    assert "groups.message" not in {frame["type"] for frame in await other.drain()}
    # Replay for a member of the other group skips the private message.
    member_of_group1 = next(u for u in users if u.pk == group1[1])
    late = await Client(member_of_group1, gathering.pk, after=0).connect()
    welcome = await late.recv()
    assert welcome["groups"]["round"] == 1
    replay = await late.drain()
    assert "groups.message" not in {f["type"] for f in replay}
    await late.close()

    volunteers_before = [g["volunteer"]["user_id"] for g in groups]
    await fac.send({"type": "groups.rotate"})
    rotated = await fac.recv_until("groups.rotated")
    assert rotated["round"] == 2
    assert [g["volunteer"]["user_id"] for g in rotated["groups"]] == volunteers_before[
        -1:
    ] + volunteers_before[:-1]
    await fac.send({"type": "groups.end"})
    ended = await fac.recv_until("groups.ended")
    assert ended["rounds"] == 2
    await speaker.send({"type": "groups.send", "text": "¿seguimos?"})
    assert (await speaker.recv_until("error"))["code"] == "invalid"
    assert not await Breakout.objects.filter(gathering=gathering, ended_at__isnull=True).aexists()
    await fac.close()
    for client in clients.values():
        await client.close()


async def test_groups_need_three_people_present(world, gathering):
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    part = await Client(world.participant, gathering.pk).connect()
    await part.recv()
    await fac.send({"type": "groups.start", "size": 3, "minutes": 5})
    assert (await fac.recv_until("error"))["code"] == "invalid"
    await fac.send({"type": "groups.start", "size": "3", "minutes": 5})
    assert (await fac.recv_until("error"))["code"] == "invalid"
    await fac.send({"type": "groups.rotate"})
    assert (await fac.recv_until("error"))["code"] == "invalid"
    await fac.close()
    await part.close()


async def test_a_round_rotates_once_even_if_two_moderators_timers_fire(world, gathering):
    users = await sync_to_async(_people)(world, 3)
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    members = [await Client(user, gathering.pk).connect() for user in users]
    for member in members:
        await member.recv()
    await fac.send({"type": "groups.start", "size": 3, "minutes": 1})
    started = await fac.recv_until("groups.started")
    await fac.send({"type": "groups.rotate", "round": started["round"]})
    assert (await fac.recv_until("groups.rotated"))["round"] == 2
    await fac.send({"type": "groups.rotate", "round": started["round"]})  # the second timer
    assert (await fac.recv_until("error"))["code"] == "invalid"
    assert (await Breakout.objects.aget(gathering=gathering)).round == 2
    await fac.close()
    for member in members:
        await member.close()
