from django.urls import path

from live.consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/gatherings/<int:gathering_id>/", RoomConsumer.as_asgi()),
]
