from __future__ import annotations

import datetime as dt
import json

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.utils import timezone

from live.models import Gathering
from live.routing import websocket_urlpatterns

ROUTER = URLRouter(websocket_urlpatterns)


def make_gathering(cohort, **extra) -> Gathering:
    now = timezone.now()
    return Gathering.objects.create(
        cohort=cohort,
        title=extra.pop("title", "Tertulia de prueba"),
        starts_at=extra.pop("starts_at", now - dt.timedelta(minutes=5)),
        ends_at=extra.pop("ends_at", now + dt.timedelta(hours=1)),
        **extra,
    )


class Client:
    """A WebsocketCommunicator signed in as `user`, with JSON helpers."""

    def __init__(self, user, gathering_id: int, after: int | None = None):
        path = f"/ws/gatherings/{gathering_id}/" + (f"?after={after}" if after is not None else "")
        self.comm = WebsocketCommunicator(ROUTER, path)
        self.comm.scope["user"] = user
        self.user = user

    async def connect(self):
        connected, code = await self.comm.connect()
        assert connected, code
        return self

    async def send(self, frame: dict | str) -> None:
        await self.comm.send_to(text_data=frame if isinstance(frame, str) else json.dumps(frame))

    async def recv(self, timeout: float = 2) -> dict:
        return json.loads(await self.comm.receive_from(timeout=timeout))

    async def recv_until(self, frame_type: str, timeout: float = 2) -> dict:
        for _ in range(50):
            frame = await self.recv(timeout)
            if frame["type"] == frame_type:
                return frame
        raise AssertionError(f"no {frame_type} frame")

    async def drain(self) -> list[dict]:
        frames = []
        while not await self.comm.receive_nothing(timeout=0.2):
            frames.append(await self.recv())
        return frames

    async def close(self) -> None:
        await self.comm.disconnect()


@pytest.fixture
def gathering(world):
    return make_gathering(world.cohort)
