"""Two real daphne processes sharing Redis and the database behave as one room.

Clients are the `websockets` library, connected over TCP with the session cookie, as browsers are.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import pytest
from django.conf import settings

from live.models import RoomEvent
from tests.live.conftest import make_gathering
from tests.live.test_asgi_stack import session_cookie
from tests.servers import require_redis, servers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]
ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


async def _open(port: int, gathering_id: int, cookie: bytes, after: int | None = None):
    import websockets

    query = f"?after={after}" if after is not None else ""
    ws = await websockets.connect(
        f"ws://127.0.0.1:{port}/ws/gatherings/{gathering_id}/{query}",
        additional_headers={"Cookie": cookie.decode(), "Origin": f"http://127.0.0.1:{port}"},
    )
    welcome = json.loads(await asyncio.wait_for(ws.recv(), 30))
    assert welcome["type"] == "welcome"
    return ws, welcome


async def _until(ws, frame_type: str, predicate=lambda f: True, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic())))
        if frame["type"] == frame_type and predicate(frame):
            return frame


def test_members_on_two_processes_share_one_room(world):
    require_redis()
    gathering = make_gathering(world.cohort)
    part_cookie = session_cookie(world.participant)
    fac_cookie = session_cookie(world.facilitator)

    async def scenario(ports):
        part, _ = await _open(ports[0], gathering.pk, part_cookie)
        fac, welcome = await _open(ports[1], gathering.pk, fac_cookie)
        assert welcome["you"]["moderator"] is True
        # Presence spans processes.
        presence = await _until(part, "presence", lambda f: len(f["participants"]) == 2)
        assert {p["user_id"] for p in presence["participants"]} == {
            world.participant.pk,
            world.facilitator.pk,
        }
        # Queue and floor: raised on process A, given on process B.
        await part.send(json.dumps({"type": "hand.raise", "passage": "párrafo 5"}))
        queue = await _until(fac, "queue", lambda f: f["waiting"])
        assert queue["waiting"][0]["user_id"] == world.participant.pk
        await fac.send(json.dumps({"type": "floor.next"}))
        floor = await _until(part, "floor.changed")
        assert floor["speaker"]["user_id"] == world.participant.pk
        # Both write at once: ids strictly increase and both sides see the same order.
        for n in range(6):  # within the chat rate limit
            await part.send(json.dumps({"type": "chat.send", "text": f"a{n}", "client_msg_id": f"a{n}"}))
            await fac.send(json.dumps({"type": "chat.send", "text": f"b{n}", "client_msg_id": f"b{n}"}))
        seen = {"part": [], "fac": []}
        for name, ws in (("part", part), ("fac", fac)):
            while len(seen[name]) < 12:
                frame = await _until(ws, "chat.message")
                seen[name].append(frame["id"])
        assert seen["part"] == seen["fac"] == sorted(seen["part"])
        assert len(set(seen["part"])) == 12
        await part.close()
        await fac.close()

    with servers(2, redis=True) as (ports, _processes):
        asyncio.run(scenario(ports))
    ids = list(RoomEvent.objects.filter(gathering=gathering).values_list("seq", flat=True).order_by("seq"))
    assert ids == list(range(1, len(ids) + 1))


def test_restart_loses_no_acknowledged_message(world):
    require_redis()
    gathering = make_gathering(world.cohort)
    part_cookie = session_cookie(world.participant)
    fac_cookie = session_cookie(world.facilitator)

    async def before_restart(port, process):
        import websockets

        fac, _ = await _open(port, gathering.pk, fac_cookie)
        acknowledged = []
        for n in range(5):
            await fac.send(json.dumps({"type": "chat.send", "text": f"antes {n}", "client_msg_id": f"r{n}"}))
            acknowledged.append(
                (await _until(fac, "chat.message", lambda f, n=n: f["client_msg_id"] == f"r{n}"))["id"]
            )
        process.send_signal(signal.SIGTERM)  # a deploy: the server says "restarting" before it goes
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(fac.recv(), 30)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1012
        return acknowledged

    async def after_restart(port, last_seen):
        part, welcome = await _open(port, gathering.pk, part_cookie, after=last_seen)
        frames = [
            json.loads(await asyncio.wait_for(part.recv(), 30))
            for _ in range(welcome["last_event_id"] - last_seen)
        ]
        await part.close()
        return frames

    with servers(1, redis=True) as (ports, processes):
        acknowledged = asyncio.run(before_restart(ports[0], processes[0]))
        processes[0].wait(timeout=10)
    with servers(1, redis=True) as (ports, _processes):
        replay = asyncio.run(after_restart(ports[0], 1))
    assert [f["id"] for f in replay] == acknowledged[1:]
    assert [f["text"] for f in replay] == [f"antes {n}" for n in range(1, 5)]
    assert settings.CHANNEL_LAYERS  # the processes above used Redis; this suite's own layer is untouched
