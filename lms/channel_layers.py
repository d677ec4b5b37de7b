"""The in-memory channel layer for single-process runs, without its per-receive full scan.

Channels' `InMemoryChannelLayer` walks every channel and group on every `receive()` to expire old
messages: with N members in a room that is N² work per chat message. Expiring at most once a
second keeps the same behaviour for messages (they expire after `expiry` seconds) at a fraction of
the cost. Multi-process deployments use Redis (channels-redis) instead.
"""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer

CLEAN_INTERVAL_SECONDS = 1.0


class ThrottledInMemoryChannelLayer(InMemoryChannelLayer):
    _last_clean = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._last_clean < CLEAN_INTERVAL_SECONDS:
            return
        self._last_clean = now
        super()._clean_expired()
