"""WebSocket URL patterns of every app, gathered in one place for the ASGI router."""

from forums.routing import websocket_urlpatterns as forum_patterns
from live.routing import websocket_urlpatterns as live_patterns

websocket_urlpatterns = [*live_patterns, *forum_patterns]
