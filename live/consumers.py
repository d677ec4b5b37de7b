"""The room's WebSocket consumer: thin — it admits, parses frames and calls live.room."""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils.translation import gettext as _

from live import room

MAX_FRAME_BYTES = 16 * 1024
HEARTBEAT_EVERY_SECONDS = 20


async def _announce_presence_later(gathering_id: int, delay: float) -> None:
    await asyncio.sleep(delay)
    await database_sync_to_async(room.announce_presence)(gathering_id)


class RoomConsumer(AsyncWebsocketConsumer):
    gathering = None
    connection_id: int | None = None
    last_sent_id = 0
    last_heartbeat = 0.0
    sees_all = False  # moderators read every small group's chat

    async def dispatch(self, message: dict) -> None:
        # Doorbells touch no database connection: skip Channels' per-message connection clean-up.
        if message["type"] == "room.frame":
            await self.room_frame(message)
        else:
            await super().dispatch(message)

    async def connect(self) -> None:
        user = self.scope["user"]
        gathering_id = int(self.scope["url_route"]["kwargs"]["gathering_id"])
        admission = await database_sync_to_async(room.admit)(user, gathering_id)
        # Accept first, so the client sees our close code instead of a bare HTTP 403.
        await self.accept()
        if admission.close_code is not None:
            await self.close(code=admission.close_code)
            return
        self.gathering = admission.gathering
        await self.channel_layer.group_add(room.group_name(gathering_id), self.channel_name)
        after = self._after()
        connection, welcome, missed = await database_sync_to_async(self._join)(user, after)
        self.connection_id = connection.pk
        self.last_heartbeat = time.monotonic()
        await self.send_json(welcome)
        # Replay starts after the client's last id (never beyond what exists); live frames follow.
        self.last_sent_id = (
            min(after, welcome["last_event_id"]) if after is not None else welcome["last_event_id"]
        )
        for frame in missed:
            await self._send_event(frame["id"], room.encode(frame))
        await self._presence_soon()

    def _after(self) -> int | None:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        try:
            value = int(query.get("after", [""])[0])
        except ValueError:
            return None
        return max(value, 0)

    def _join(self, user, after: int | None):
        connection = room.connect(gathering=self.gathering, user=user, channel_name=self.channel_name)
        self.gathering.refresh_from_db()
        welcome = room.welcome(self.gathering, user)
        self.sees_all = welcome["you"]["moderator"]
        missed = (
            room.events_after(self.gathering, after, viewer=user, sees_all=self.sees_all)
            if after is not None
            else []
        )
        return connection, welcome, missed

    async def disconnect(self, code: int) -> None:
        if self.gathering is None:
            return
        await self.channel_layer.group_discard(room.group_name(self.gathering.pk), self.channel_name)
        if self.connection_id is not None:
            await database_sync_to_async(room.disconnect)(connection_id=self.connection_id)
            await self._presence_soon()

    async def _presence_soon(self) -> None:
        """Announce presence once for a burst of joins and leaves (see room.presence_delay)."""
        delay = await database_sync_to_async(room.presence_delay)(self.gathering.pk)
        if delay is not None:
            # A task of the server's loop: it outlives this consumer if the socket has just closed.
            asyncio.get_running_loop().create_task(_announce_presence_later(self.gathering.pk, delay))

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.gathering is None:
            return
        raw = text_data if text_data is not None else (bytes_data or b"").decode("utf-8", "replace")
        if len(raw.encode("utf-8")) > MAX_FRAME_BYTES:
            await self._error("too_long", _("The message is too large."))
            return
        try:
            frame = json.loads(raw)
        except ValueError:
            await self._error("bad_json", _("The message is not valid JSON."))
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self._error("invalid", _("Every message is a JSON object with a “type”."))
            return
        await self._beat()
        if frame["type"] == "ping":
            await self.send_json({"type": "pong"})
            return
        try:
            result = await database_sync_to_async(room.dispatch)(
                gathering=self.gathering, user=self.scope["user"], frame=frame
            )
        except room.RoomError as error:
            await self.send_json(error.as_frame())
            return
        for reply in result.reply:
            await self.send_json(reply)  # an acknowledgement of a resend: the client de-duplicates by id

    async def _beat(self) -> None:
        now = time.monotonic()
        if now - self.last_heartbeat < HEARTBEAT_EVERY_SECONDS or self.connection_id is None:
            return
        self.last_heartbeat = now
        # Rejoin the group too: a layer may have dropped a channel that fell behind.
        await self.channel_layer.group_add(room.group_name(self.gathering.pk), self.channel_name)
        someone_left = await database_sync_to_async(room.heartbeat)(
            connection_id=self.connection_id, gathering_id=self.gathering.pk
        )
        if someone_left:
            await self._presence_soon()

    async def room_frame(self, message: dict) -> None:
        """A doorbell from the channel layer. Persisted events go out once each, in id order."""
        me = self.scope["user"].pk
        if message.get("moderator_id") == me:
            self.sees_all = True
        audience = message.get("audience")
        visible = audience is None or self.sees_all or me in audience
        await self._send_event(message.get("id"), message["text"], visible=visible)

    async def _send_event(self, event_id: int | None, text: str, *, visible: bool = True) -> None:
        if event_id is None:
            await self.send(text_data=text)
            return
        if event_id <= self.last_sent_id:
            return
        if event_id > self.last_sent_id + 1:
            # The doorbell skipped something (a dropped message): read the gap from the database.
            missed = await database_sync_to_async(room.events_after)(
                self.gathering, self.last_sent_id, viewer=self.scope["user"], sees_all=self.sees_all
            )
            for earlier in missed:
                if earlier["id"] < event_id:
                    await self.send(text_data=room.encode(earlier))
        if visible:
            await self.send(text_data=text)
        self.last_sent_id = event_id

    async def _error(self, code: str, detail: str) -> None:
        await self.send_json({"type": "error", "code": code, "detail": detail})

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=room.encode(content))
