"""The live room protocol v1 (DESIGN.md) end to end through the consumer."""

from __future__ import annotations

import datetime as dt

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from courses.models import Enrollment
from live.models import Gathering, HandRaise, Poll, PollVote, RoomEvent, Turn
from tests.factories import enrol, make_user
from tests.live.conftest import Client, make_gathering

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def refused_with(user, gathering_id: int) -> int:
    client = Client(user, gathering_id)
    connected, _ = await client.comm.connect()
    assert connected  # accepted first, then closed with the protocol's code
    output = await client.comm.receive_output(timeout=2)
    assert output["type"] == "websocket.close"
    return output["code"]


async def test_refusals_use_the_protocol_close_codes(world, gathering):
    assert await refused_with(AnonymousUser(), gathering.pk) == 4401
    assert await refused_with(world.outsider, gathering.pk) == 4403
    assert await refused_with(world.participant, 999_999) == 4404
    later = await sync_to_async(make_gathering)(
        world.cohort,
        starts_at=timezone.now() + dt.timedelta(hours=3),
        ends_at=timezone.now() + dt.timedelta(hours=4),
    )
    assert await refused_with(world.participant, later.pk) == 4409
    ended = await sync_to_async(make_gathering)(world.cohort, status=Gathering.Status.ENDED)
    assert await refused_with(world.participant, ended.pk) == 4409


async def test_welcome_describes_the_room_and_the_member(world, gathering):
    client = await Client(world.participant, gathering.pk).connect()
    welcome = await client.recv()
    assert welcome["type"] == "welcome"
    assert welcome["gathering"] == {"id": gathering.pk, "title": gathering.title, "status": "scheduled"}
    assert welcome["you"]["user_id"] == world.participant.pk
    assert welcome["you"]["role"] == "participant"
    assert welcome["you"]["moderator"] is False
    assert [p["user_id"] for p in welcome["participants"]] == [world.participant.pk]
    assert welcome["queue"] == {"speaker": None, "waiting": []}
    assert welcome["poll"] is None
    assert welcome["last_event_id"] == 0
    facilitator = await Client(world.facilitator, gathering.pk).connect()
    assert (await facilitator.recv())["you"]["moderator"] is True
    await client.close()
    await facilitator.close()


async def test_chat_reaches_every_member_once_and_resend_is_not_duplicated(world, gathering):
    alice = await Client(world.participant, gathering.pk).connect()
    await alice.recv()
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    await alice.send({"type": "chat.send", "text": "  Hola a todas  ", "client_msg_id": "m-1"})
    received = await fac.recv_until("chat.message")
    assert received["id"] == 1
    assert received["text"] == "Hola a todas"
    assert received["author"]["user_id"] == world.participant.pk
    assert received["client_msg_id"] == "m-1"
    assert "created_at" in received
    assert (await alice.recv_until("chat.message"))["id"] == 1
    # The same client_msg_id again (a resend after reconnecting): acknowledged, not stored twice.
    await alice.send({"type": "chat.send", "text": "Hola a todas", "client_msg_id": "m-1"})
    ack = await alice.recv_until("chat.message")
    assert ack["id"] == 1
    assert [f for f in await fac.drain() if f["type"] != "presence"] == []
    assert await RoomEvent.objects.filter(gathering=gathering, type="chat.message").acount() == 1
    await alice.close()
    await fac.close()


async def test_reconnect_with_after_replays_exactly_the_missed_events_in_order(world, gathering):
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    for n in range(5):
        await fac.send({"type": "chat.send", "text": f"mensaje {n}", "client_msg_id": f"f-{n}"})
    for _ in range(5):
        await fac.recv_until("chat.message")
    late = await Client(world.participant, gathering.pk, after=2).connect()
    welcome = await late.recv()
    assert welcome["last_event_id"] == 5
    replay = [await late.recv() for _ in range(3)]
    assert [f["id"] for f in replay] == [3, 4, 5]
    assert [f["text"] for f in replay] == ["mensaje 2", "mensaje 3", "mensaje 4"]
    await fac.send({"type": "chat.send", "text": "en vivo", "client_msg_id": "f-live"})
    live = await late.recv_until("chat.message")
    assert live["id"] == 6
    assert [f for f in await late.drain() if f["type"] != "presence"] == []
    await fac.close()
    await late.close()


async def test_fair_queue_fewest_turns_first_then_time_raised(world, gathering):
    other = await sync_to_async(make_user)("segunda")
    await sync_to_async(enrol)(other, world.cohort)
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    first = await Client(world.participant, gathering.pk).connect()
    await first.recv()
    second = await Client(other, gathering.pk).connect()
    await second.recv()

    await first.send({"type": "hand.raise", "passage": "p. 12, párrafo 3"})
    queue = await fac.recv_until("queue")
    assert [w["user_id"] for w in queue["waiting"]] == [world.participant.pk]
    assert queue["waiting"][0]["passage"] == "p. 12, párrafo 3"
    await fac.send({"type": "floor.next"})
    changed = await fac.recv_until("floor.changed")
    assert changed["speaker"] == {"user_id": world.participant.pk, "name": "Participante Test", "turns": 1}
    await fac.drain()

    # The first speaker raises again before the second: the second still goes first (fewer turns).
    await first.send({"type": "hand.raise"})
    await fac.recv_until("queue")
    await second.send({"type": "hand.raise"})
    queue = await fac.recv_until("queue")
    assert [w["user_id"] for w in queue["waiting"]] == [other.pk, world.participant.pk]
    assert [w["turns"] for w in queue["waiting"]] == [0, 1]
    await fac.send({"type": "floor.next"})
    assert (await fac.recv_until("floor.changed"))["speaker"]["user_id"] == other.pk
    turns = await sync_to_async(list)(Turn.objects.filter(gathering=gathering).order_by("pk"))
    assert [t.user_id for t in turns] == [world.participant.pk, other.pk]
    assert turns[0].ended_at is not None and turns[1].ended_at is None

    # The speaker ends their own turn; a participant cannot give the floor.
    await second.drain()
    await second.send({"type": "floor.end"})
    assert (await fac.recv_until("floor.changed"))["speaker"] is None
    await first.drain()
    await first.send({"type": "floor.give", "user_id": other.pk})
    error = await first.recv_until("error")
    assert error["code"] == "forbidden"
    for client in (fac, first, second):
        await client.close()


async def test_floor_give_lowers_the_hand_and_hand_lower_leaves_the_queue(world, gathering):
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    part = await Client(world.participant, gathering.pk).connect()
    await part.recv()
    await part.send({"type": "hand.raise"})
    await fac.recv_until("queue")
    await part.send({"type": "hand.lower"})
    assert (await fac.recv_until("queue"))["waiting"] == []
    await part.send({"type": "hand.raise", "passage": "párrafo 2"})
    await fac.recv_until("queue")
    await fac.send({"type": "floor.give", "user_id": world.participant.pk})
    assert (await fac.recv_until("floor.changed"))["speaker"]["user_id"] == world.participant.pk
    assert not await HandRaise.objects.filter(gathering=gathering, lowered_at__isnull=True).aexists()
    turn = await Turn.objects.aget(gathering=gathering)
    assert turn.passage == "párrafo 2"
    await fac.send({"type": "floor.give", "user_id": world.outsider.pk})
    assert (await fac.recv_until("error"))["code"] == "invalid"
    await fac.close()
    await part.close()


async def test_polls_open_vote_change_vote_and_close(world, gathering):
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    part = await Client(world.participant, gathering.pk).connect()
    await part.recv()
    await fac.send({"type": "poll.open", "question": "¿Martes o jueves?", "options": ["Martes", "Jueves"]})
    opened = await part.recv_until("poll.opened")
    assert opened["question"] == "¿Martes o jueves?" and opened["options"] == ["Martes", "Jueves"]
    poll_id = opened["poll_id"]
    await part.send({"type": "poll.vote", "poll_id": poll_id, "option": 0})
    assert (await fac.recv_until("poll.results"))["counts"] == [1, 0]
    await part.send({"type": "poll.vote", "poll_id": poll_id, "option": 1})
    assert (await fac.recv_until("poll.results"))["counts"] == [0, 1]
    await part.send({"type": "poll.vote", "poll_id": poll_id, "option": 7})
    assert (await part.recv_until("error"))["code"] == "invalid"
    await part.send({"type": "poll.close", "poll_id": poll_id})
    assert (await part.recv_until("error"))["code"] == "forbidden"
    await fac.send({"type": "poll.close", "poll_id": poll_id})
    closed = await part.recv_until("poll.closed")
    assert closed["counts"] == [0, 1] and isinstance(closed["id"], int)
    await part.send({"type": "poll.vote", "poll_id": poll_id, "option": 0})
    assert (await part.recv_until("error"))["code"] == "invalid"
    assert await PollVote.objects.filter(poll_id=poll_id).acount() == 1
    assert (await Poll.objects.aget(pk=poll_id)).closed_at is not None
    await fac.close()
    await part.close()


async def test_moderator_role_can_be_handed_to_a_participant(world, gathering):
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    part = await Client(world.participant, gathering.pk).connect()
    await part.recv()
    await fac.send({"type": "moderator.assign", "user_id": world.participant.pk})
    changed = await part.recv_until("moderator.changed")
    assert changed["moderator"]["user_id"] == world.participant.pk
    await part.send({"type": "floor.next"})  # now allowed (nobody waiting → invalid, not forbidden)
    assert (await part.recv_until("error"))["code"] == "invalid"
    reconnect = await Client(world.participant, gathering.pk).connect()
    assert (await reconnect.recv())["you"]["moderator"] is True
    for client in (fac, part, reconnect):
        await client.close()


async def test_gathering_end_announces_the_record_and_refuses_new_entries(world, gathering):
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    part = await Client(world.participant, gathering.pk).connect()
    await part.recv()
    await part.send({"type": "gathering.end"})
    assert (await part.recv_until("error"))["code"] == "forbidden"
    await fac.send({"type": "gathering.end"})
    ended = await part.recv_until("gathering.ended")
    assert ended["record_url"] == f"/gatherings/{gathering.pk}/record/"
    assert (await Gathering.objects.aget(pk=gathering.pk)).status == Gathering.Status.ENDED
    await part.send({"type": "chat.send", "text": "¿sigue?"})
    assert (await part.recv_until("error"))["code"] == "forbidden"
    assert await refused_with(world.participant, gathering.pk) == 4409
    await fac.close()
    await part.close()


async def test_presence_lists_each_member_once_however_many_tabs(world, gathering):
    tab1 = await Client(world.participant, gathering.pk).connect()
    await tab1.recv()
    tab2 = await Client(world.participant, gathering.pk).connect()
    welcome = await tab2.recv()
    assert [p["user_id"] for p in welcome["participants"]] == [world.participant.pk]
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    presence = await tab1.recv_until("presence")
    while len(presence["participants"]) < 2:
        presence = await tab1.recv_until("presence")
    assert sorted(p["user_id"] for p in presence["participants"]) == sorted(
        [world.participant.pk, world.facilitator.pk]
    )
    await tab2.close()
    await tab1.close()
    presence = await fac.recv_until("presence")
    while len(presence["participants"]) != 1:
        presence = await fac.recv_until("presence")
    assert presence["participants"][0]["user_id"] == world.facilitator.pk
    await fac.close()


async def test_ping_is_answered_with_pong(world, gathering):
    client = await Client(world.observer, gathering.pk).connect()
    await client.recv()
    await client.send({"type": "ping"})
    assert await client.recv_until("pong") == {"type": "pong"}
    await client.close()


async def test_observers_watch_but_cannot_chat(world, gathering):
    client = await Client(world.observer, gathering.pk).connect()
    assert (await client.recv())["you"]["role"] == Enrollment.Role.OBSERVER
    await client.send({"type": "chat.send", "text": "hola"})
    assert (await client.recv_until("error"))["code"] == "forbidden"
    await client.send({"type": "hand.raise"})
    assert (await client.recv_until("error"))["code"] == "forbidden"
    assert not await RoomEvent.objects.filter(gathering=gathering).aexists()
    await client.close()
