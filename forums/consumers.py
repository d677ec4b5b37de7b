"""The WebSocket of a thread page: thin — it admits, then forwards the doorbell's frames."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from forums import realtime
from forums.models import Thread


class ThreadConsumer(AsyncWebsocketConsumer):
    thread: Thread | None = None  # set once admitted

    async def connect(self) -> None:
        thread_id = int(self.scope["url_route"]["kwargs"]["thread_id"])
        admission = await database_sync_to_async(realtime.admit)(self.scope["user"], thread_id)
        await self.accept()  # accept first, so the client sees our close code
        if admission.close_code is not None:
            await self.close(code=admission.close_code)
            return
        thread = self.thread = admission.thread
        assert thread is not None  # admitted: the thread is there
        await self.channel_layer.group_add(realtime.group_name(thread_id), self.channel_name)
        after = self._after()
        last_id, missed = await database_sync_to_async(self._state)(thread, after)
        await self.send_json({"type": "welcome", "thread_id": thread_id, "last_post_id": last_id})
        for frame in missed:
            await self.send_json(frame)

    def _after(self) -> int | None:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        try:
            return max(int(query.get("after", [""])[0]), 0)
        except ValueError:
            return None

    def _state(self, thread: Thread, after: int | None) -> tuple[int, list[realtime.PostFrame]]:
        missed = realtime.posts_after(thread, after) if after is not None else []
        return realtime.last_post_id(thread), missed

    async def disconnect(self, code: int) -> None:
        if self.thread is not None:
            await self.channel_layer.group_discard(realtime.group_name(self.thread.pk), self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.thread is None:
            return
        try:
            frame = json.loads(text_data or "")
        except ValueError:
            frame = None
        if isinstance(frame, dict) and frame.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def thread_frame(self, message: dict) -> None:
        await self.send_json(message["frame"])

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=json.dumps(content, separators=(",", ":")))
