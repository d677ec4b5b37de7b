"""API v1: the published courses and their outlines (with your cohort, release dates and progress)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import selectors
from courses.api.serializers import CourseDetailSerializer, CourseSerializer
from courses.models import CoursePage
from lms.api.base import errors


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
