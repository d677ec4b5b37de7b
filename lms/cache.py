"""A Redis cache that shares its Redis database politely.

Django's `RedisCache.clear()` runs FLUSHDB: it empties the whole database, the channel layer's groups
and every other site's (or test run's) keys included. This one removes only the keys under its own
KEY_PREFIX. The test settings use it, so that each pytest-xdist worker, and each test run on a shared
machine, clears only its own cache.
"""

from __future__ import annotations

import re

from django.core.cache.backends.redis import RedisCache


def unlink_keys_starting_with(client, prefix: str) -> int:
    """Remove every key that starts with `prefix` (SCAN, then UNLINK in batches); return how many."""
    pattern = re.sub(r"([*?\[\]\\])", r"\\\1", prefix) + "*"  # the prefix taken literally
    removed, batch = 0, []
    for key in client.scan_iter(match=pattern, count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            removed += client.unlink(*batch)
            batch = []
    if batch:
        removed += client.unlink(*batch)
    return removed


class PrefixedRedisCache(RedisCache):
    # Django's RedisCache.clear() answers FLUSHDB's result; the stubs declare None.
    def clear(self) -> bool:  # type: ignore[override]
        if not self.key_prefix:
            return bool(super().clear())  # the whole database is this cache's
        # Django's keys are "<KEY_PREFIX>:<version>:<key>" (django.core.cache.backends.base.default_key_func).
        client = self._cache.get_client(None, write=True)
        return bool(unlink_keys_starting_with(client, f"{self.key_prefix}:"))
