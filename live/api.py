"""HTTP fallback of the room for networks that block WebSockets (same rules, same event ids)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from live import access, room
from live.models import Gathering


def _gathering(request: Request, pk: int) -> Gathering:
    gathering = Gathering.objects.select_related("cohort", "moderator").filter(pk=pk).first()
    if gathering is None or not access.can_join_gathering(request.user, gathering):
        raise Http404
    return gathering


class AfterSerializer(serializers.Serializer):
    after = serializers.IntegerField(min_value=0, required=False, default=0)


class EventsView(APIView):
    """Persisted events with an id greater than `after`, in order."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        gathering = _gathering(request, pk)
        params = AfterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        events = room.events_after(
            gathering,
            params.validated_data["after"],
            viewer=request.user,
            sees_all=access.can_moderate_gathering(request.user, gathering),
            limit=500,
        )
        return Response(
            {
                "gathering": {"id": gathering.pk, "title": gathering.title, "status": gathering.status},
                "events": events,
                "last_event_id": gathering.last_event_id,
                "queue": room.queue(gathering),
                "poll": room.open_poll(gathering),
            }
        )


class MessageSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=room.CHAT_MAX_CHARS, trim_whitespace=True)
    client_msg_id = serializers.CharField(max_length=room.CLIENT_MSG_ID_MAX, required=False)


class MessagesView(APIView):
    """Post a chat message; resending the same client_msg_id returns the stored message."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        gathering = _gathering(request, pk)
        data = MessageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not gathering.is_open():
            return Response({"code": "closed", "detail": _("The room is not open now.")}, status=409)
        try:
            result = room.chat_send(
                gathering=gathering,
                user=request.user,
                text=data.validated_data["text"],
                client_msg_id=data.validated_data.get("client_msg_id"),
            )
        except room.RoomError as error:
            code = {
                "forbidden": status.HTTP_403_FORBIDDEN,
                "rate_limited": status.HTTP_429_TOO_MANY_REQUESTS,
            }.get(error.code, status.HTTP_400_BAD_REQUEST)
            return Response({"code": error.code, "detail": error.detail}, status=code)
        return Response(result.event, status=status.HTTP_201_CREATED)
