"""API v1 for gatherings: the schedule, attendance, and the room's HTTP fallback.

The fallback (events and messages) is for networks that block WebSockets: same rules, same event ids
as the room (the same `dispatch`; its refusals become API errors in live.room.errors). Who may see
what is decided by live.access / courses.access: a gathering of a cohort the caller is not in is 404.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import access as course_access
from courses.api import GroupRefSerializer, PersonSerializer, RefSerializer, page_url, person
from courses.models import Cohort, CohortGroup, Enrollment, LessonPage
from live import access, attendance, calendar, services
from live.models import Gathering
from live.room.errors import RoomError, api_error
from live.room.kit import CHAT_MAX_CHARS, CLIENT_MSG_ID_MAX
from live.room.registry import dispatch
from live.room.state import events_after, open_poll, queue
from lms.api.base import IDEMPOTENCY_PARAMETER, StrictSerializer, errors, idempotent
from lms.typing import AuthenticatedRequest


def _gathering(request: Request, pk: int) -> Gathering:
    return access.get_gathering_or_404(request.user, pk)


# --- the schedule ----------------------------------------------------------------------------------


class GatheringSerializer(serializers.ModelSerializer):
    cohort = serializers.IntegerField(source="cohort_id")
    group = serializers.SerializerMethodField()
    lesson = serializers.SerializerMethodField()
    moderator = serializers.SerializerMethodField()
    opens_at = serializers.DateTimeField(help_text="The room opens this long before the start.")
    closes_at = serializers.DateTimeField()
    is_open = serializers.SerializerMethodField()
    room_url = serializers.SerializerMethodField()
    record_url = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = Gathering
        fields = [
            "id",
            "cohort",
            "group",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "opens_at",
            "closes_at",
            "status",
            "is_open",
            "lesson",
            "external_url",
            "agenda",
            "moderator",
            "last_event_id",
            "room_url",
            "record_url",
            "calendar_url",
        ]

    @extend_schema_field(GroupRefSerializer(allow_null=True))
    def get_group(self, gathering):
        return {"id": gathering.group.pk, "name": gathering.group.name} if gathering.group_id else None

    @extend_schema_field(RefSerializer(allow_null=True))
    def get_lesson(self, gathering):
        lesson = gathering.lesson
        if lesson is None:
            return None
        return {"id": lesson.pk, "title": lesson.title, "url": page_url(lesson, self.context["request"])}

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_moderator(self, gathering):
        return person(gathering.moderator) if gathering.moderator_id else None

    @extend_schema_field(serializers.BooleanField())
    def get_is_open(self, gathering) -> bool:
        return gathering.is_open()

    def _absolute(self, path: str) -> str:
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field(OpenApiTypes.URI)
    def get_room_url(self, gathering) -> str:
        return self._absolute(gathering.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_record_url(self, gathering) -> str:
        return self._absolute(gathering.record_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar_url(self, gathering) -> str:
        return self._absolute(reverse("live:gathering_ics", args=[gathering.pk]))


class GatheringCreatedSerializer(GatheringSerializer):
    repeats = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the weekly copies scheduled with repeat_weeks."
    )

    class Meta(GatheringSerializer.Meta):
        fields = [*GatheringSerializer.Meta.fields, "repeats"]


class GatheringFilter(serializers.Serializer):
    cohort = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=Gathering.Status.choices, required=False)
    # "from" is a Python keyword: declared below under its query-parameter name.
    to = serializers.DateTimeField(required=False, help_text="Starting before this moment.")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateTimeField(required=False, help_text="Starting at or after.")
        return fields


class GatheringCreateSerializer(StrictSerializer):
    cohort = serializers.PrimaryKeyRelatedField(queryset=Cohort.objects.none())
    group = serializers.PrimaryKeyRelatedField(
        queryset=CohortGroup.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Gathering.Kind.choices, default=Gathering.Kind.DIALOGIC)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    lesson = serializers.PrimaryKeyRelatedField(
        queryset=LessonPage.objects.live(), required=False, allow_null=True
    )
    external_url = serializers.URLField(max_length=200, required=False, allow_blank=True, default="")
    agenda = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)
    repeat_weeks = serializers.IntegerField(
        min_value=0,
        max_value=services.MAX_WEEKLY_REPEATS,
        default=0,
        help_text="Schedule this many further copies, one week apart, at the same local time.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # (the schema generator builds it without a request)
            cohort = self.fields["cohort"]
            assert isinstance(cohort, serializers.PrimaryKeyRelatedField)
            # The stubs declare `queryset` with Manager in the class body, so mypy takes it for Manager's
            # descriptor; it is a plain attribute.
            cohort.queryset = course_access.visible_cohorts(request.user).select_related(  # type: ignore[arg-type]
                "course"
            )

    def validate(self, attrs):
        try:
            services.gathering_validate(
                cohort=attrs["cohort"],
                starts_at=attrs["starts_at"],
                ends_at=attrs["ends_at"],
                group=attrs.get("group"),
                lesson=attrs.get("lesson"),
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs


@extend_schema(tags=["gatherings"])
class GatheringListView(generics.ListAPIView):
    """GET: the gatherings you may join, by start time. POST: facilitators schedule one for their cohort."""

    serializer_class = GatheringSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("cohort", int),
            OpenApiParameter("from", OpenApiTypes.DATETIME, description="Starting at or after (ISO 8601)."),
            OpenApiParameter("to", OpenApiTypes.DATETIME, description="Starting before (ISO 8601)."),
            OpenApiParameter("status", str, enum=Gathering.Status.values),
        ],
        responses={200: GatheringSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = GatheringFilter(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        user = self.request.user
        if not user.is_authenticated:  # (IsAuthenticated, the default permission, refused it already)
            raise NotAuthenticated
        gatherings = (
            Gathering.objects.all() if course_access.is_staff(user) else calendar.gatherings_for(user)
        )
        gatherings = gatherings.select_related("group", "lesson", "moderator")
        filters = params.validated_data
        if "cohort" in filters:
            gatherings = gatherings.filter(cohort_id=filters["cohort"])
        if "status" in filters:
            gatherings = gatherings.filter(status=filters["status"])
        if "from" in filters:
            gatherings = gatherings.filter(starts_at__gte=filters["from"])
        if "to" in filters:
            gatherings = gatherings.filter(starts_at__lt=filters["to"])
        return gatherings.order_by("starts_at", "pk")

    @extend_schema(
        request=GatheringCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: GatheringCreatedSerializer, **errors(400, 401, 403, 409, 422)},
    )
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        data = GatheringCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        gathering, *repeats = services.gathering_create(user=request.user, **data.validated_data)
        body = GatheringSerializer(gathering, context={"request": request}).data
        body["repeats"] = [g.pk for g in repeats]
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=["gatherings"])
class GatheringDetailView(APIView):
    """One gathering you may join."""

    @extend_schema(responses={200: GatheringSerializer, **errors(401, 403, 404)})
    def get(self, request, pk: int):
        gathering = _gathering(request, pk)
        return Response(GatheringSerializer(gathering, context={"request": request}).data)


class AttendanceRowSerializer(serializers.Serializer):
    user = PersonSerializer()
    role = serializers.ChoiceField(choices=Enrollment.Role.choices)
    minutes = serializers.IntegerField(help_text="Whole minutes present; several tabs count once.")


@extend_schema(tags=["gatherings"])
class GatheringAttendanceView(generics.GenericAPIView):
    """Facilitators: every member of the cohort (zeros included) with their minutes in this gathering."""

    @extend_schema(responses={200: AttendanceRowSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        gathering = _gathering(request, pk)
        if not access.can_manage_gathering(request.user, gathering):
            raise PermissionDenied
        _gatherings, rows = attendance.cohort_attendance(gathering.cohort, [gathering])
        page = self.paginate_queryset(rows)
        assert page is not None  # (DEFAULT_PAGINATION_CLASS is set)
        data = [
            {"user": person(row.enrollment.user), "role": row.enrollment.role, "minutes": row.minutes[0]}
            for row in page
        ]
        return self.get_paginated_response(AttendanceRowSerializer(data, many=True).data)


# --- the room's HTTP fallback ------------------------------------------------------------------------

FRAME_SCHEMA = {
    "type": "object",
    "description": "A persisted room event, as on the WebSocket (see the room protocol v1).",
    "properties": {
        "type": {"type": "string", "example": "chat.message"},
        "id": {"type": "integer", "description": "Event id, strictly increasing within the gathering."},
    },
    "required": ["type", "id"],
    "additionalProperties": True,
}


@extend_schema_field(FRAME_SCHEMA)
class FrameField(serializers.DictField):
    pass


class RoomGatheringSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Gathering.Status.choices)


class QueuePersonSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    name = serializers.CharField()
    turns = serializers.IntegerField()


class WaitingSerializer(QueuePersonSerializer):
    raised_at = serializers.DateTimeField()
    passage = serializers.CharField(allow_blank=True)


class QueueSerializer(serializers.Serializer):
    speaker = QueuePersonSerializer(allow_null=True)
    waiting = WaitingSerializer(many=True)


class PollSerializer(serializers.Serializer):
    poll_id = serializers.IntegerField()
    question = serializers.CharField()
    options = serializers.ListField(child=serializers.CharField())
    counts = serializers.ListField(child=serializers.IntegerField())


class EventsSerializer(serializers.Serializer):
    gathering = RoomGatheringSerializer()
    events = serializers.ListField(child=FrameField())
    last_event_id = serializers.IntegerField()
    queue = QueueSerializer()
    poll = PollSerializer(allow_null=True)


class AfterSerializer(serializers.Serializer):
    after = serializers.IntegerField(min_value=0, required=False, default=0)


class EventsView(APIView):
    """Persisted events with an id greater than `after`, in order (at most 500 a call)."""

    @extend_schema(
        tags=["gatherings"],
        parameters=[OpenApiParameter("after", int, description="Last event id you have (default 0).")],
        responses={200: EventsSerializer, **errors(400, 401, 403, 404)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        gathering = _gathering(request, pk)
        params = AfterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        events = events_after(
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
                "queue": queue(gathering),
                "poll": open_poll(gathering),
            }
        )


class MessageSerializer(StrictSerializer):
    text = serializers.CharField(max_length=CHAT_MAX_CHARS, trim_whitespace=True)
    client_msg_id = serializers.CharField(
        max_length=CLIENT_MSG_ID_MAX,
        required=False,
        help_text="Chosen by the client: a resend with the same id returns the stored message.",
    )


class ChatAuthorSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    name = serializers.CharField()


class ChatMessageSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    author = ChatAuthorSerializer()
    text = serializers.CharField()
    client_msg_id = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()


class MessagesView(APIView):
    """Post a chat message; resending the same client_msg_id returns the stored message."""

    @extend_schema(
        tags=["gatherings"],
        request=MessageSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: ChatMessageSerializer, **errors(400, 401, 403, 404, 409, 422)},
    )
    @idempotent
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        gathering = _gathering(request, pk)
        data = MessageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        frame = {
            "type": "chat.send",
            "text": data.validated_data["text"],
            "client_msg_id": data.validated_data.get("client_msg_id"),
        }
        try:
            result = dispatch(gathering=gathering, user=request.user, frame=frame)
        except RoomError as error:
            raise api_error(error) from error
        return Response(result.event, status=status.HTTP_201_CREATED)
