"""`chat.send`: a message to the whole room, stored once however often the client resends it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from live.models import Gathering, RoomEvent
from live.room import kit
from live.room.kit import Result
from live.room.state import person

if TYPE_CHECKING:
    from live.room.frames import User


def chat_send(*, gathering: Gathering, user: User, text: object, client_msg_id: object = None) -> Result:
    message = kit.message_input(gathering, user, text_value=text, client_msg_id=client_msg_id)
    if message.resent is not None:
        return message.resent
    try:
        with transaction.atomic():
            fresh = kit.lock_gathering(gathering)
            event = kit.append(
                fresh,
                "chat.message",
                {
                    "author": person(user),
                    "text": message.text,
                    "client_msg_id": message.client_msg_id,
                    "created_at": timezone.now().isoformat(),
                },
                author=user,
                client_msg_id=message.client_msg_id,
            )
    except IntegrityError:
        # The same client_msg_id stored meanwhile by another process (a resend racing the original).
        return kit.stored(
            RoomEvent.objects.get(gathering=gathering, author=user, client_msg_id=message.client_msg_id)
        )
    return Result(event=event.as_frame())
