"""Bad frames never crash the consumer: each answers `error` to the sender and changes nothing."""

from __future__ import annotations

import asyncio
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from live.models import Poll, RoomEvent
from live.room import COMMANDS
from tests.live.conftest import Client

pytestmark = [pytest.mark.django_db(transaction=True)]

BAD_FRAMES = [
    ("{not json", "bad_json"),
    ("[1, 2, 3]", "invalid"),
    ('{"text": "no type"}', "invalid"),
    ('{"type": 42}', "invalid"),
    ('{"type": "chat.shout", "text": "hola"}', "unknown_type"),
    ('{"type": "chat.send"}', "invalid"),
    ('{"type": "chat.send", "text": ""}', "invalid"),
    ('{"type": "chat.send", "text": "   "}', "invalid"),
    ('{"type": "chat.send", "text": 123}', "invalid"),
    ('{"type": "chat.send", "text": ["a"]}', "invalid"),
    (json.dumps({"type": "chat.send", "text": "x" * 2001}), "too_long"),
    (json.dumps({"type": "chat.send", "text": "hola", "client_msg_id": "x" * 65}), "too_long"),
    (json.dumps({"type": "chat.send", "text": "y" * 17000}), "too_long"),
    (json.dumps({"type": "hand.raise", "passage": "p" * 501}), "too_long"),
    ('{"type": "hand.raise", "passage": 5}', "invalid"),
    ('{"type": "poll.vote", "poll_id": "1", "option": 0}', "invalid"),
    ('{"type": "poll.vote", "poll_id": 999999, "option": 0}', "invalid"),
    ('{"type": "poll.vote", "poll_id": 1}', "invalid"),
    ('{"type": "floor.next"}', "forbidden"),
    ('{"type": "floor.give", "user_id": 1}', "forbidden"),
    ('{"type": "floor.end"}', "invalid"),
    ('{"type": "poll.open", "question": "¿?", "options": ["a", "b"]}', "forbidden"),
    ('{"type": "moderator.assign", "user_id": 1}', "forbidden"),
    ('{"type": "gathering.end"}', "forbidden"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("raw", "code"), BAD_FRAMES)
async def test_bad_frame_answers_error_and_keeps_the_connection(world, gathering, raw, code):
    client = await Client(world.participant, gathering.pk).connect()
    await client.recv()
    await client.send(raw)
    error = await client.recv_until("error")
    assert error["code"] == code
    assert error["detail"]
    await client.send({"type": "ping"})  # still connected
    assert (await client.recv_until("pong"))["type"] == "pong"
    assert not await RoomEvent.objects.filter(gathering=gathering).aexists()
    await client.close()


@pytest.mark.asyncio
async def test_moderator_bad_poll_input(world, gathering):
    fac = await Client(world.facilitator, gathering.pk).connect()
    await fac.recv()
    for options in (["solo una"], [], "a,b", ["a", ""], [f"o{i}" for i in range(11)], ["a", 3]):
        await fac.send({"type": "poll.open", "question": "¿Qué día?", "options": options})
        assert (await fac.recv_until("error"))["code"] in {"invalid", "too_long"}
    await fac.send({"type": "poll.open", "question": "", "options": ["a", "b"]})
    assert (await fac.recv_until("error"))["code"] == "invalid"
    await fac.send({"type": "poll.open", "question": "¿Qué día?", "options": ["a", "b"]})
    await fac.recv_until("poll.opened")
    await fac.send({"type": "poll.open", "question": "¿Otra?", "options": ["a", "b"]})
    assert (await fac.recv_until("error"))["code"] == "invalid"
    assert await Poll.objects.filter(gathering=gathering).acount() == 1
    await fac.close()


@pytest.mark.asyncio
async def test_chat_is_rate_limited_per_member(world, gathering, settings):
    settings.TERTULIA_CHAT_RATE = (3, 60)
    client = await Client(world.participant, gathering.pk).connect()
    await client.recv()
    codes = []
    for n in range(5):
        await client.send({"type": "chat.send", "text": f"m{n}", "client_msg_id": f"r{n}"})
        frame = await client.recv()
        while frame["type"] not in {"chat.message", "error"}:
            frame = await client.recv()
        codes.append(frame.get("code", "ok"))
    assert codes == ["ok", "ok", "ok", "rate_limited", "rate_limited"]
    assert await RoomEvent.objects.filter(gathering=gathering).acount() == 3
    await client.close()


frame_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
random_frames = st.one_of(
    st.text(min_size=1, max_size=200),  # the test communicator cannot send an empty frame
    st.dictionaries(
        st.sampled_from(
            [
                "type",
                "text",
                "client_msg_id",
                "passage",
                "user_id",
                "poll_id",
                "option",
                "options",
                "question",
            ]
        ),
        frame_values,
        max_size=5,
    ).map(json.dumps),
    st.builds(
        lambda t, extra: json.dumps({"type": t, **extra}),
        st.sampled_from([*COMMANDS, "ping", "nope"]),
        st.dictionaries(
            st.sampled_from(["text", "user_id", "poll_id", "option", "options", "passage"]), frame_values
        ),
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames=st.lists(random_frames, min_size=1, max_size=6))
def test_random_frames_never_crash_the_consumer(world, gathering, frames):
    async def scenario():
        client = await Client(world.participant, gathering.pk).connect()
        await client.recv()
        for raw in frames:
            await client.send(raw)
        await client.send({"type": "ping"})
        replies = []
        while True:
            frame = await client.recv(timeout=3)
            replies.append(frame)
            if frame["type"] == "pong":
                break
        await client.close()
        return replies

    replies = asyncio.run(scenario())
    assert replies[-1] == {"type": "pong"}
    for frame in replies:
        assert isinstance(frame, dict) and isinstance(frame.get("type"), str)
        if frame["type"] == "error":
            assert frame["code"] in {
                "bad_json",
                "unknown_type",
                "invalid",
                "too_long",
                "forbidden",
                "rate_limited",
            }
