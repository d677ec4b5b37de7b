"""The real services behind the configuration: the database DATABASE_URL names, and Redis.

CI starts PostgreSQL and Redis before the suite; there a missing service fails these tests.
"""

from __future__ import annotations

import asyncio
import os

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require_service

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def test_database_is_the_one_configured(db):
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_channel_layer_is_redis_when_configured():
    backend = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        from django.core.cache import caches
        from django.core.cache.backends.redis import RedisCache

        assert backend == "channels_redis.core.RedisChannelLayer"
        assert isinstance(caches["default"], RedisCache)  # lms.cache.PrefixedRedisCache in tests
    else:
        assert backend == "lms.channel_layers.ThrottledInMemoryChannelLayer"


def _prefix() -> str:
    """This test process's own keys (workers and other runs share the Redis database)."""
    return f"tertulia-test-{settings.TEST_RUN_NAME}-services:"


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.services
def test_redis_channel_layer_delivers_between_two_layers():
    """Two layer instances (as in two daphne processes) talk through one Redis."""
    if not _redis_reachable():
        require_service(f"Redis at {REDIS_URL}")
    from channels_redis.core import RedisChannelLayer

    async def scenario() -> dict:
        process_a = RedisChannelLayer(hosts=[REDIS_URL], prefix=_prefix())
        process_b = RedisChannelLayer(hosts=[REDIS_URL], prefix=_prefix())
        channel = await process_b.new_channel()
        await process_b.group_add("gathering-test", channel)
        try:
            await process_a.group_send("gathering-test", {"type": "chat.message", "text": "hola"})
            return await asyncio.wait_for(process_b.receive(channel), timeout=5)
        finally:
            await process_b.group_discard("gathering-test", channel)
            await process_a.flush()

    message = asyncio.run(scenario())
    assert message == {"type": "chat.message", "text": "hola"}


@pytest.mark.services
def test_redis_cache_round_trip(settings):
    if not _redis_reachable():
        require_service(f"Redis at {REDIS_URL}")
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": _prefix()})
    cache.set("probe", {"n": 1}, 30)
    assert cache.get("probe") == {"n": 1}
    cache.delete("probe")
    assert cache.get("probe") is None


@pytest.mark.services
def test_clearing_the_cache_removes_only_its_own_keys():
    """Workers of a parallel run, other runs and the channel layer share the Redis database."""
    if not _redis_reachable():
        require_service(f"Redis at {REDIS_URL}")
    import redis

    from lms.cache import PrefixedRedisCache

    ours = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": f"{_prefix()}cache"})
    longer = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": f"{_prefix()}cache-2"})  # starts like ours
    client = redis.Redis.from_url(REDIS_URL)
    layer_key = f"{_prefix()}group:room"
    ours.set("probe", 1, 30)
    longer.set("probe", 2, 30)
    client.set(layer_key, "x", ex=30)
    try:
        assert ours.clear()
        assert ours.get("probe") is None
        assert longer.get("probe") == 2
        assert client.get(layer_key) == b"x"
    finally:
        longer.clear()
        client.delete(layer_key)


def test_in_memory_layer_still_expires_old_messages_but_not_on_every_receive():
    import time

    from lms.channel_layers import ThrottledInMemoryChannelLayer

    async def scenario():
        layer = ThrottledInMemoryChannelLayer(expiry=0)
        await layer.group_add("room", "member.1")
        await layer.send("member.1", {"type": "old"})
        layer._last_clean = time.monotonic()  # cleaned just now: the next receive does not scan
        layer._clean_expired()
        assert "member.1" in layer.groups["room"]
        layer._last_clean = 0.0  # a second later it does, and drops the expired channel
        layer._clean_expired()
        return layer.groups.get("room", {})

    assert asyncio.run(scenario()) == {}
