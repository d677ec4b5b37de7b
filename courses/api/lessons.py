"""API v1: lessons (marking them complete) and reflections with their feedback dialogue."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import access, services
from courses.api.common import call_service
from courses.api.serializers import (
    CompletionSerializer,
    FeedbackCreateSerializer,
    ReflectionCreateSerializer,
    ReflectionFilter,
    ReflectionMessageSerializer,
    ReflectionSerializer,
)
from courses.models import LessonPage, Reflection
from lms.api.base import IDEMPOTENCY_PARAMETER, errors, idempotent


def readable_lesson(request, pk: int) -> tuple[LessonPage, access.LessonAccess]:
    """A published lesson of a course the caller is in (or staff): else 404, whatever the reason."""
    lesson = LessonPage.objects.live().filter(pk=pk).first()
    if lesson is None:
        raise Http404
    decision = access.lesson_access_for(request.user, lesson)
    if decision.decision in (access.LessonDecision.SIGN_IN, access.LessonDecision.NOT_ENROLLED):
        raise Http404
    return lesson, decision


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


def reflections_queryset():
    return Reflection.objects.select_related("enrollment__user").prefetch_related("messages__author")


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
        reflections = reflections.filter(access.visible_reflections_q(user))
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
