"""Store, then announce on commit (lms.realtime): nothing is announced that a rollback takes back."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from lms import realtime

GROUP = "test-realtime"


async def _listen(layer) -> str:
    channel = await layer.new_channel()
    await layer.group_add(GROUP, channel)
    return channel


async def _next(layer, channel: str, timeout: float = 2.0):
    try:
        return await asyncio.wait_for(layer.receive(channel), timeout)
    except TimeoutError:
        return None


@pytest.fixture
def listener():
    layer = get_channel_layer()
    return layer, async_to_sync(_listen)(layer)


@pytest.mark.django_db(transaction=True)
def test_the_doorbell_rings_after_the_commit(listener):
    layer, channel = listener
    with transaction.atomic():
        realtime.announce_on_commit(GROUP, {"type": "ring", "n": 1})
    assert async_to_sync(_next)(layer, channel) == {"type": "ring", "n": 1}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_rings_nothing(listener):
    layer, channel = listener
    with pytest.raises(RuntimeError), transaction.atomic():
        realtime.announce_on_commit(GROUP, {"type": "ring", "n": 2})
        raise RuntimeError("rolled back")
    assert async_to_sync(_next)(layer, channel, 0.3) is None


@pytest.mark.django_db
def test_nothing_rings_before_the_commit(listener, django_capture_on_commit_callbacks):
    layer, channel = listener
    with django_capture_on_commit_callbacks() as callbacks:
        realtime.announce_on_commit(GROUP, {"type": "ring", "n": 3})
        assert async_to_sync(_next)(layer, channel, 0.3) is None
    assert len(callbacks) == 1


def test_a_failing_layer_is_logged_not_raised(monkeypatch, caplog):
    class BrokenLayer:
        async def group_send(self, group, message):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(realtime, "get_channel_layer", BrokenLayer)
    assert realtime.announce(GROUP, {"type": "ring"}) is False
    assert "Could not announce ring" in caplog.text
