"""Store, then announce on commit: the one way live and forums ring their doorbells.

The row is written in the caller's transaction; the channel layer is told only after it commits
(``transaction.on_commit``), so nothing is announced that a rollback would take back. The layer is
a doorbell that may drop a message: clients catch up from the database (by event or post id), so a
failure to announce is logged and never raised.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def announce(group: str, message: dict[str, Any]) -> bool:
    """Send ``message`` to the layer group now; ``False`` (logged) when the layer is off or fails."""
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # the database is the truth: clients catch up from it
        logger.exception("Could not announce %s to %s", message.get("type"), group)
        return False
    return True


def announce_on_commit(group: str, message: dict[str, Any]) -> None:
    """Announce once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: announce(group, message))
