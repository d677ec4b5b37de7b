"""Through the real ASGI application: session cookie authentication and the Origin check."""

from __future__ import annotations

import json

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from lms.asgi import application
from tests.live.conftest import make_gathering

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def session_cookie(user) -> bytes:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}".encode()


async def test_session_cookie_signs_the_member_in(world):
    from asgiref.sync import sync_to_async

    gathering = await sync_to_async(make_gathering)(world.cohort)
    cookie = await sync_to_async(session_cookie)(world.participant)
    comm = WebsocketCommunicator(
        application,
        f"/ws/gatherings/{gathering.pk}/",
        headers=[(b"cookie", cookie), (b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1:8000")],
    )
    connected, _ = await comm.connect()
    assert connected
    welcome = json.loads(await comm.receive_from())
    assert welcome["you"]["user_id"] == world.participant.pk
    await comm.disconnect()


async def test_foreign_origin_is_rejected(world):
    from asgiref.sync import sync_to_async

    gathering = await sync_to_async(make_gathering)(world.cohort)
    cookie = await sync_to_async(session_cookie)(world.participant)
    comm = WebsocketCommunicator(
        application,
        f"/ws/gatherings/{gathering.pk}/",
        headers=[(b"cookie", cookie), (b"origin", b"https://evil.example"), (b"host", b"127.0.0.1:8000")],
    )
    connected, _ = await comm.connect()
    assert not connected
