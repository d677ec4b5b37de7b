"""The room's WebSocket consumer: thin — it admits, decodes frames, dispatches and delivers in order.

Every rule is in live.room; refusals become `error` frames through live.room.errors.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from live.models import Connection, Gathering
from live.room import admission, registry
from live.room.errors import RoomError, error_frame
from live.room.frames import EventFrame, Frame, LayerMessage, WelcomeFrame
from live.room.state import events_after, welcome
from live.room.transport import decode, encode, group_name

if TYPE_CHECKING:
    from live.room.frames import User

HEARTBEAT_EVERY_SECONDS = 20


async def _announce_presence_later(gathering_id: int, delay: float) -> None:
    await asyncio.sleep(delay)
    await database_sync_to_async(admission.announce_presence)(gathering_id)


class RoomConsumer(AsyncWebsocketConsumer):
    gathering: Gathering | None = None
    connection_id: int | None = None
    last_sent_id = 0
    last_heartbeat = 0.0
    sees_all = False  # moderators read every small group's chat

    async def dispatch(self, message: dict[str, Any]) -> None:
        # Doorbells touch no database connection: skip Channels' per-message connection clean-up.
        if message["type"] == "room.frame":
            await self.room_frame(cast("LayerMessage", message))
        else:
            await super().dispatch(message)

    async def connect(self) -> None:
        user = self.scope["user"]
        gathering_id = int(self.scope["url_route"]["kwargs"]["gathering_id"])
        admitted = await database_sync_to_async(admission.admit)(user, gathering_id)
        # Accept first, so the client sees our close code instead of a bare HTTP 403.
        await self.accept()
        if admitted.close_code is not None:
            await self.close(code=int(admitted.close_code))
            return
        self.gathering = admitted.gathering
        await self.channel_layer.group_add(group_name(gathering_id), self.channel_name)
        after = self._after()
        connection, first, missed = await database_sync_to_async(self._join)(user, after)
        self.connection_id = connection.pk
        self.last_heartbeat = time.monotonic()
        await self.send_json(first)
        # Replay starts after the client's last id (never beyond what exists); live frames follow.
        self.last_sent_id = (
            min(after, first["last_event_id"]) if after is not None else first["last_event_id"]
        )
        for frame in missed:
            await self._send_event(frame["id"], encode(frame))
        await self._presence_soon()

    def _after(self) -> int | None:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        try:
            value = int(query.get("after", [""])[0])
        except ValueError:
            return None
        return max(value, 0)

    def _join(self, user: User, after: int | None) -> tuple[Connection, WelcomeFrame, list[EventFrame]]:
        assert self.gathering is not None
        connection = admission.connect(gathering=self.gathering, user=user, channel_name=self.channel_name)
        self.gathering.refresh_from_db()
        first = welcome(self.gathering, user)
        self.sees_all = first["you"]["moderator"]
        missed = (
            events_after(self.gathering, after, viewer=user, sees_all=self.sees_all)
            if after is not None
            else []
        )
        return connection, first, missed

    async def disconnect(self, code: int) -> None:
        if self.gathering is None:
            return
        await self.channel_layer.group_discard(group_name(self.gathering.pk), self.channel_name)
        if self.connection_id is not None:
            await database_sync_to_async(admission.disconnect)(connection_id=self.connection_id)
            await self._presence_soon()

    async def _presence_soon(self) -> None:
        """Announce presence once for a burst of joins and leaves (see admission.presence_delay)."""
        assert self.gathering is not None
        delay = await database_sync_to_async(admission.presence_delay)(self.gathering.pk)
        if delay is not None:
            # A task of the server's loop: it outlives this consumer if the socket has just closed.
            asyncio.get_running_loop().create_task(_announce_presence_later(self.gathering.pk, delay))

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.gathering is None:
            return
        raw = text_data if text_data is not None else (bytes_data or b"").decode("utf-8", "replace")
        try:
            frame = decode(raw)
        except RoomError as error:
            await self.send_json(error_frame(error))
            return
        await self._beat()
        try:
            command = registry.lookup(frame)
            if command.needs_room:
                result = await database_sync_to_async(registry.dispatch)(
                    gathering=self.gathering, user=self.scope["user"], frame=frame
                )
            else:  # the keep-alive: answered here, without a thread or the database
                result = registry.dispatch(gathering=self.gathering, user=self.scope["user"], frame=frame)
        except RoomError as error:
            await self.send_json(error_frame(error))
            return
        for reply in result.reply:
            await self.send_json(
                reply
            )  # pong, or the acknowledgement of a resend (clients de-duplicate by id)

    async def _beat(self) -> None:
        now = time.monotonic()
        if now - self.last_heartbeat < HEARTBEAT_EVERY_SECONDS or self.connection_id is None:
            return
        assert self.gathering is not None
        self.last_heartbeat = now
        # Rejoin the group too: a layer may have dropped a channel that fell behind.
        await self.channel_layer.group_add(group_name(self.gathering.pk), self.channel_name)
        someone_left = await database_sync_to_async(admission.heartbeat)(
            connection_id=self.connection_id, gathering_id=self.gathering.pk
        )
        if someone_left:
            await self._presence_soon()

    async def room_frame(self, message: LayerMessage) -> None:
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
            missed = await database_sync_to_async(events_after)(
                self.gathering, self.last_sent_id, viewer=self.scope["user"], sees_all=self.sees_all
            )
            for earlier in missed:
                if earlier["id"] < event_id:
                    await self.send(text_data=encode(earlier))
        if visible:
            await self.send(text_data=text)
        self.last_sent_id = event_id

    async def send_json(self, content: Frame) -> None:
        await self.send(text_data=encode(content))
