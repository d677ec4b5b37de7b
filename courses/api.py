"""API v1 for courses, cohorts, progress and reflections.

Views are thin: who may see what is decided by courses.access (objects of a cohort the caller is not
in are 404), what changes is done by courses.services, and reading goes through courses.selectors.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import access, selectors, services
from courses.models import (
    Cohort,
    CoursePage,
    Enrollment,
    LessonPage,
    Reflection,
    ReflectionMessage,
)
from lms.api.base import IDEMPOTENCY_PARAMETER, StrictSerializer, errors, idempotent
from lms.api.exceptions import service_error

# --- helpers ---------------------------------------------------------------------------------------


def page_url(page, request) -> str:
    """Absolute address of a Wagtail page; site roots are read once per request."""
    return page.get_full_url(request=request._request if hasattr(request, "_request") else request)


def person(user) -> dict:
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
    }


def visible_cohort(request, pk: int) -> Cohort:
    return access.get_visible_cohort_or_404(request.user, pk)


def managed_cohort(request, pk: int) -> Cohort:
    """404 for a cohort the caller cannot see; 403 for a member who does not facilitate it."""
    cohort = visible_cohort(request, pk)
    if not access.can_manage_cohort(request.user, cohort):
        raise PermissionDenied
    return cohort


def call_service(fn, *, fields: dict[str, str] | None = None, **kwargs):
    """Run a service; its ValidationError becomes a 400 (attached to a request field by code) or 403."""
    try:
        return fn(**kwargs)
    except ValidationError as error:
        code = getattr(error, "code", None)
        raise service_error(error, field=(fields or {}).get(code)) from error


# --- shared output serializers -----------------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()


class GroupRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


# --- courses -------------------------------------------------------------------------------------------


class CourseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = CoursePage
        fields = ["id", "title", "subtitle", "summary", "hours", "language", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, course) -> str:
        return page_url(course, self.context["request"])


class OutlineLessonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    estimated_minutes = serializers.IntegerField()
    url = serializers.URLField()
    completed = serializers.BooleanField(allow_null=True, help_text="null when you are not enrolled.")


class OutlineModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    release_offset_days = serializers.IntegerField()
    opens_at = serializers.DateTimeField(
        allow_null=True, help_text="When the module opens for your cohort (or the cohort open for enrolment)."
    )
    released = serializers.BooleanField()
    completed = serializers.IntegerField()
    total = serializers.IntegerField()
    lessons = OutlineLessonSerializer(many=True)


class CohortBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    time_zone = serializers.CharField()
    enrolment_mode = serializers.ChoiceField(choices=Cohort.EnrolmentMode.choices)


class MyEnrollmentSerializer(serializers.Serializer):
    cohort = CohortBriefSerializer()
    role = serializers.ChoiceField(choices=Enrollment.Role.choices)


class CourseProgressSerializer(serializers.Serializer):
    completed = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    next_lesson = serializers.IntegerField(allow_null=True)


class CourseDetailSerializer(CourseSerializer):
    enrollment = serializers.SerializerMethodField()
    cohort = serializers.SerializerMethodField()
    seats_left = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    modules = serializers.SerializerMethodField()

    class Meta(CourseSerializer.Meta):
        fields = [*CourseSerializer.Meta.fields, "enrollment", "cohort", "seats_left", "progress", "modules"]

    @property
    def overview(self) -> dict:
        return self.context["overview"]

    @extend_schema_field(MyEnrollmentSerializer(allow_null=True))
    def get_enrollment(self, course):
        enrollment = self.overview["enrollment"]
        if enrollment is None:
            return None
        return {"cohort": CohortBriefSerializer(enrollment.cohort).data, "role": enrollment.role}

    @extend_schema_field(CohortBriefSerializer(allow_null=True))
    def get_cohort(self, course):
        """Your cohort, or else the one open for enrolment now (its id goes to cohorts/<id>/enrol/)."""
        cohort = self.overview["cohort"]
        return CohortBriefSerializer(cohort).data if cohort else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_seats_left(self, course):
        return self.overview["seats_left"]

    @extend_schema_field(CourseProgressSerializer(allow_null=True))
    def get_progress(self, course):
        if self.overview["enrollment"] is None:
            return None
        progress = self.overview["progress"]
        return {
            "completed": progress.completed,
            "total": progress.total,
            "percent": progress.percent,
            "next_lesson": progress.next_lesson.pk if progress.next_lesson else None,
        }

    @extend_schema_field(OutlineModuleSerializer(many=True))
    def get_modules(self, course):
        request = self.context["request"]
        member = self.overview["enrollment"] is not None
        done = self.overview["progress"].completed_ids
        return [
            {
                "id": item.module.pk,
                "title": item.module.title,
                "release_offset_days": item.module.release_offset_days,
                "opens_at": item.opens_at,
                "released": item.released,
                "completed": item.completed,
                "total": item.total,
                "lessons": [
                    {
                        "id": lesson.pk,
                        "title": lesson.title,
                        "summary": lesson.summary,
                        "estimated_minutes": lesson.estimated_minutes,
                        "url": page_url(lesson, request),
                        "completed": (lesson.pk in done) if member else None,
                    }
                    for lesson in item.lessons
                ],
            }
            for item in self.overview["progress"].modules
        ]


def published_courses():
    return CoursePage.objects.live().public().order_by("path")


@extend_schema(tags=["courses"])
class CourseListView(generics.ListAPIView):
    """Published courses, in catalogue order. Open to everyone."""

    permission_classes = [AllowAny]
    serializer_class = CourseSerializer

    @extend_schema(
        parameters=[OpenApiParameter("language", str, enum=CoursePage.Language.values)],
        responses={200: CourseSerializer(many=True), **errors(400)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        courses = published_courses().defer_streamfields()
        if language := self.request.query_params.get("language"):
            courses = courses.filter(language=language)
        return courses


@extend_schema(tags=["courses"])
class CourseDetailView(APIView):
    """A course's outline: modules, then lessons. Signed in, also your cohort, release dates and progress."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: CourseDetailSerializer, **errors(404)})
    def get(self, request, pk: int):
        course = get_object_or_404(published_courses(), pk=pk)
        overview = selectors.course_overview(course=course, user=request.user)
        context = {"request": request, "overview": overview}
        return Response(CourseDetailSerializer(course, context=context).data)


# --- cohorts -------------------------------------------------------------------------------------------


class CohortSerializer(serializers.ModelSerializer):
    course = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField(
        help_text="Your role in the cohort; null for staff who are not members."
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Cohort
        fields = [
            "id",
            "name",
            "course",
            "starts_on",
            "ends_on",
            "time_zone",
            "enrolment_mode",
            "capacity",
            "role",
            "url",
        ]

    @extend_schema_field(RefSerializer)
    def get_course(self, cohort) -> dict:
        return {
            "id": cohort.course.pk,
            "title": cohort.course.title,
            "url": page_url(cohort.course, self.context["request"]),
        }

    @extend_schema_field(serializers.ChoiceField(choices=Enrollment.Role.choices, allow_null=True))
    def get_role(self, cohort):
        return getattr(cohort, "my_role", None)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, cohort) -> str:
        return self.context["request"].build_absolute_uri(cohort.get_absolute_url())


class CohortDetailSerializer(CohortSerializer):
    participant_count = serializers.IntegerField()

    class Meta(CohortSerializer.Meta):
        fields = [*CohortSerializer.Meta.fields, "participant_count"]


def with_my_role(cohorts, user):
    mine = Enrollment.objects.filter(cohort=OuterRef("pk"), user_id=user.pk).values("role")[:1]
    return cohorts.select_related("course").annotate(my_role=Subquery(mine))


@extend_schema(tags=["cohorts"])
class CohortListView(generics.ListAPIView):
    """Your cohorts (staff: every cohort), newest first."""

    serializer_class = CohortSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("course", int, description="Only cohorts of this course."),
            OpenApiParameter(
                "role", str, enum=Enrollment.Role.values, description="Only where your role is this."
            ),
        ],
        responses={200: CohortSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = CohortFilter(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        cohorts = with_my_role(access.visible_cohorts(self.request.user), self.request.user)
        if course := params.validated_data.get("course"):
            cohorts = cohorts.filter(course_id=course)
        if role := params.validated_data.get("role"):
            cohorts = cohorts.filter(my_role=role)
        return cohorts.order_by("-starts_on", "name", "pk")


class CohortFilter(serializers.Serializer):
    course = serializers.IntegerField(required=False, min_value=1)
    role = serializers.ChoiceField(choices=Enrollment.Role.choices, required=False)
    page = serializers.IntegerField(required=False)
    page_size = serializers.IntegerField(required=False)


@extend_schema(tags=["cohorts"])
class CohortDetailView(APIView):
    """One cohort you are a member of (staff: any)."""

    @extend_schema(responses={200: CohortDetailSerializer, **errors(401, 403, 404)})
    def get(self, request, pk: int):
        cohort = visible_cohort(request, pk)
        cohort = with_my_role(Cohort.objects.filter(pk=cohort.pk), request.user).annotate(
            participant_count=Count("enrollments", filter=Q(enrollments__role=Enrollment.Role.PARTICIPANT))
        )[0]
        return Response(CohortDetailSerializer(cohort, context={"request": request}).data)


class MemberSerializer(serializers.ModelSerializer):
    user = serializers.SerializerMethodField()
    group = serializers.SerializerMethodField()
    joined_at = serializers.DateTimeField(source="created_at")
    last_activity_at = serializers.SerializerMethodField(help_text="Facilitators and staff only; else null.")

    class Meta:
        model = Enrollment
        fields = ["id", "user", "role", "group", "joined_at", "last_activity_at"]

    @extend_schema_field(PersonSerializer)
    def get_user(self, enrollment) -> dict:
        return person(enrollment.user)

    @extend_schema_field(GroupRefSerializer(allow_null=True))
    def get_group(self, enrollment):
        return {"id": enrollment.group.pk, "name": enrollment.group.name} if enrollment.group else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_last_activity_at(self, enrollment):
        if not self.context.get("can_manage"):
            return None
        return (
            serializers.DateTimeField().to_representation(enrollment.last_activity_at)
            if (enrollment.last_activity_at)
            else None
        )


class MemberFilter(serializers.Serializer):
    role = serializers.ChoiceField(choices=Enrollment.Role.choices, required=False)
    group = serializers.IntegerField(required=False, min_value=1)
    page = serializers.IntegerField(required=False)
    page_size = serializers.IntegerField(required=False)


@extend_schema(tags=["cohorts"])
class CohortMembersView(generics.ListAPIView):
    """The cohort's members (visible to its members of any role and to staff)."""

    serializer_class = MemberSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("role", str, enum=Enrollment.Role.values),
            OpenApiParameter("group", int, description="Only members of this small group."),
        ],
        responses={200: MemberSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "can_manage": self.can_manage}

    def get_queryset(self):
        cohort = visible_cohort(self.request, self.kwargs["pk"])
        self.can_manage = access.can_manage_cohort(self.request.user, cohort)
        params = MemberFilter(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        members = cohort.enrollments.select_related("user", "group").order_by(
            "role", "user__first_name", "user__last_name", "pk"
        )
        if role := params.validated_data.get("role"):
            members = members.filter(role=role)
        if group := params.validated_data.get("group"):
            members = members.filter(group_id=group)
        return members


class EnrolSerializer(StrictSerializer):
    code = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="The invitation code, for invite-only cohorts.",
    )


class EnrollmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cohort = CohortBriefSerializer()
    role = serializers.ChoiceField(choices=Enrollment.Role.choices)
    joined_at = serializers.DateTimeField(source="created_at")


@extend_schema(tags=["cohorts"])
class CohortEnrolView(APIView):
    """Enrol yourself as a participant, by the cohort's rules (open, invitation code, capacity, dates)."""

    @extend_schema(
        request=EnrolSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: EnrollmentSerializer, **errors(400, 401, 403, 404, 409, 422)},
    )
    @idempotent
    def post(self, request, pk: int):
        data = EnrolSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # Same lookup as the enrolment page: any cohort of a published course.
        cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=pk, course__live=True)
        code_errors = {"code_required": "code", "bad_code": "code", "code_expired": "code"}
        enrollment = call_service(
            services.enrolment_create,
            fields=code_errors,
            user=request.user,
            cohort=cohort,
            code=data.validated_data.get("code", ""),
        )
        return Response(EnrollmentSerializer(enrollment).data, status=status.HTTP_201_CREATED)


# --- progress and participation (facilitators) -------------------------------------------------------


class ProgressLessonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    module = serializers.IntegerField()


class ProgressRowSerializer(serializers.Serializer):
    user = PersonSerializer()
    group = GroupRefSerializer(allow_null=True)
    completed = serializers.DictField(
        child=serializers.DateTimeField(), help_text="Lesson id → when the participant completed it."
    )
    completed_count = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    last_activity_at = serializers.DateTimeField(allow_null=True)


class ProgressPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    lessons = ProgressLessonSerializer(many=True, help_text="Every published lesson of the course, in order.")
    results = ProgressRowSerializer(many=True)


@extend_schema(tags=["cohorts"])
class CohortProgressView(generics.GenericAPIView):
    """Facilitators: every participant × lesson of the course (completion times), one page of participants."""

    @extend_schema(
        parameters=[
            OpenApiParameter("group", int, description="Only participants of this small group."),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: ProgressPageSerializer, **errors(400, 401, 403, 404)},
    )
    def get(self, request, pk: int):
        cohort = managed_cohort(request, pk)
        params = MemberFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        participants = cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT).select_related(
            "user", "group"
        )
        if group := params.validated_data.get("group"):
            participants = participants.filter(group_id=group)
        participants = participants.order_by("user__first_name", "user__last_name", "pk")
        page = self.paginate_queryset(participants)
        outline = selectors.course_outline(cohort.course)
        lessons = [(lesson, item.module) for item in outline for lesson in item.lessons]
        lesson_ids = {lesson.pk for lesson, _module in lessons}
        done = selectors.completions_by_enrollment([e.pk for e in page], lesson_ids)
        total = len(lessons)
        rows = [
            {
                "user": person(e.user),
                "group": {"id": e.group.pk, "name": e.group.name} if e.group else None,
                "completed": {str(k): v for k, v in done[e.pk].items()},
                "completed_count": len(done[e.pk]),
                "total": total,
                "percent": round(100 * len(done[e.pk]) / total) if total else 0,
                "last_activity_at": e.last_activity_at,
            }
            for e in page
        ]
        response = self.get_paginated_response(ProgressRowSerializer(rows, many=True).data)
        response.data["lessons"] = [
            {"id": lesson.pk, "title": lesson.title, "module": module.pk} for lesson, module in lessons
        ]
        return response


# --- lessons: completion and reflections ---------------------------------------------------------------


def readable_lesson(request, pk: int) -> tuple[LessonPage, access.LessonAccess]:
    """A published lesson of a course the caller is in (or staff): else 404, whatever the reason."""
    lesson = LessonPage.objects.live().filter(pk=pk).first()
    if lesson is None:
        raise Http404
    decision = access.lesson_access_for(request.user, lesson)
    if decision.decision in (access.LessonDecision.SIGN_IN, access.LessonDecision.NOT_ENROLLED):
        raise Http404
    return lesson, decision


class CompletionSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    completed = serializers.BooleanField()
    completed_at = serializers.DateTimeField()


@extend_schema(tags=["lessons"])
class LessonCompletionView(APIView):
    """Mark a lesson complete (PUT; marking twice keeps the first time) or not complete (DELETE)."""

    @extend_schema(request=None, responses={200: CompletionSerializer, **errors(401, 403, 404)})
    def put(self, request, pk: int):
        lesson, _decision = readable_lesson(request, pk)
        completion = call_service(services.lesson_complete, user=request.user, lesson=lesson)
        return Response(
            CompletionSerializer(
                {"lesson": lesson.pk, "completed": True, "completed_at": completion.completed_at}
            ).data
        )

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Not completed any more."), **errors(401, 403, 404)},
    )
    def delete(self, request, pk: int):
        lesson, _decision = readable_lesson(request, pk)
        call_service(services.lesson_uncomplete, user=request.user, lesson=lesson)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReflectionMessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = ReflectionMessage
        fields = ["id", "kind", "author", "body", "created_at"]

    @extend_schema_field(PersonSerializer)
    def get_author(self, message) -> dict:
        return person(message.author)


class ReflectionSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    cohort = serializers.IntegerField(source="enrollment.cohort_id")
    lesson = serializers.IntegerField(source="lesson_id")
    messages = ReflectionMessageSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Reflection
        fields = [
            "id",
            "lesson",
            "cohort",
            "author",
            "prompt_id",
            "prompt",
            "status",
            "created_at",
            "updated_at",
            "messages",
            "url",
        ]

    @extend_schema_field(PersonSerializer)
    def get_author(self, reflection) -> dict:
        return person(reflection.enrollment.user)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, reflection) -> str:
        return self.context["request"].build_absolute_uri(reflection.get_absolute_url())


def reflections_queryset():
    return Reflection.objects.select_related("enrollment__user").prefetch_related("messages__author")


class ReflectionFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=Reflection.Status.choices, required=False)
    cohort = serializers.IntegerField(required=False, min_value=1)
    page = serializers.IntegerField(required=False)
    page_size = serializers.IntegerField(required=False)


class ReflectionCreateSerializer(StrictSerializer):
    prompt_id = serializers.CharField(
        max_length=64, help_text="The id of the lesson's reflection prompt block."
    )
    body = serializers.CharField(max_length=services.REFLECTION_MAX_CHARS)
    client_token = serializers.UUIDField(
        required=False, help_text="Optional id chosen by the client: a resend with it is not duplicated."
    )


@extend_schema(tags=["lessons"])
class LessonReflectionsView(generics.ListAPIView):
    """GET: your reflections on this lesson (facilitators: those of the cohorts they run). POST: write one."""

    serializer_class = ReflectionSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=Reflection.Status.values),
            OpenApiParameter("cohort", int),
        ],
        responses={200: ReflectionSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        lesson, _decision = readable_lesson(self.request, self.kwargs["pk"])
        params = ReflectionFilter(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        user = self.request.user
        reflections = reflections_queryset().filter(lesson=lesson)
        reflections = reflections.filter(
            Q(enrollment__user=user) | Q(enrollment__cohort__in=access.managed_cohorts(user).values("pk"))
        )
        if value := params.validated_data.get("status"):
            reflections = reflections.filter(status=value)
        if value := params.validated_data.get("cohort"):
            reflections = reflections.filter(enrollment__cohort_id=value)
        return reflections.order_by("-updated_at", "pk")

    @extend_schema(
        request=ReflectionCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: ReflectionSerializer, **errors(400, 401, 403, 404, 409, 422)},
    )
    @idempotent
    def post(self, request, pk: int):
        lesson, _decision = readable_lesson(request, pk)
        data = ReflectionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reflection = call_service(
            services.reflection_submit,
            fields={"no_prompt": "prompt_id", "empty": "body", "too_long": "body"},
            user=request.user,
            lesson=lesson,
            prompt_id=data.validated_data["prompt_id"],
            body=data.validated_data["body"],
            client_token=data.validated_data.get("client_token"),
        )
        reflection = reflections_queryset().get(pk=reflection.pk)
        return Response(
            ReflectionSerializer(reflection, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["lessons"])
class ReflectionDetailView(APIView):
    """One reflection and its dialogue (its author, the cohort's facilitators and staff)."""

    @extend_schema(responses={200: ReflectionSerializer, **errors(401, 403, 404)})
    def get(self, request, pk: int):
        reflection = access.get_reflection_or_404(request.user, pk)
        reflection = reflections_queryset().get(pk=reflection.pk)
        return Response(ReflectionSerializer(reflection, context={"request": request}).data)


class FeedbackCreateSerializer(StrictSerializer):
    body = serializers.CharField(max_length=services.REFLECTION_MAX_CHARS)
    client_token = serializers.UUIDField(required=False)


@extend_schema(tags=["lessons"])
class ReflectionFeedbackView(APIView):
    """A facilitator's feedback on a reflection, or its author's answer back (a dialogue, not a grade)."""

    @extend_schema(
        request=FeedbackCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: ReflectionMessageSerializer, **errors(400, 401, 403, 404, 409, 422)},
    )
    @idempotent
    def post(self, request, pk: int):
        reflection = access.get_reflection_or_404(request.user, pk)
        data = FeedbackCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if access.can_give_feedback(request.user, reflection):
            service = services.reflection_feedback
        elif access.can_answer_feedback(request.user, reflection):
            service = services.reflection_reply
        else:
            raise PermissionDenied
        message = call_service(
            service,
            fields={"empty": "body", "too_long": "body"},
            author=request.user,
            reflection=reflection,
            body=data.validated_data["body"],
            client_token=data.validated_data.get("client_token"),
        )
        return Response(ReflectionMessageSerializer(message).data, status=status.HTTP_201_CREATED)
