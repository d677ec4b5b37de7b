"""API v1: cohorts, their members, enrolment, and (for facilitators) progress."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import access, selectors, services
from courses.api.common import call_service, group_ref, managed_cohort, person, visible_cohort
from courses.api.serializers import (
    CohortDetailSerializer,
    CohortFilter,
    CohortSerializer,
    EnrollmentSerializer,
    EnrolSerializer,
    MemberFilter,
    MemberSerializer,
    ProgressPageSerializer,
    ProgressRowSerializer,
)
from courses.models import Cohort, Enrollment
from lms.api.base import IDEMPOTENCY_PARAMETER, errors, idempotent


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
        participants = selectors.cohort_participants(cohort, group=params.validated_data.get("group"))
        page = self.paginate_queryset(participants)  # DRF paginates lists too
        progress = selectors.cohort_progress(cohort, list(page or []))
        rows = [progress_row(row) for row in progress["rows"]]
        response = self.get_paginated_response(ProgressRowSerializer(rows, many=True).data)
        response.data["lessons"] = [
            {"id": lesson.pk, "title": lesson.title, "module": item.module.pk}
            for lesson, item in progress["lessons"]
        ]
        return response


def progress_row(row: selectors.ProgressRow) -> dict:
    """One line of selectors.cohort_progress as the API shows it."""
    return {
        "user": person(row.enrollment.user),
        "group": group_ref(row.enrollment.group),
        "completed": {str(lesson_id): when for lesson_id, when in row.completed.items()},
        "completed_count": row.completed_count,
        "total": row.total,
        "percent": row.percent,
        "last_activity_at": row.last_activity_at,
    }
