"""API v1 for what reads several apps: a cohort's participation (forums, gatherings, attendance)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from courses.api.common import group_ref, managed_cohort, person
from courses.api.serializers import GroupRefSerializer, PersonSerializer
from courses.models import Cohort
from lms.api.base import errors
from workspace import selectors


class ParticipationRowSerializer(serializers.Serializer):
    user = PersonSerializer()
    group = GroupRefSerializer(allow_null=True)
    posts = serializers.IntegerField(
        allow_null=True, help_text="Forum contributions (null if forums are off)."
    )
    gatherings_attended = serializers.IntegerField()
    minutes = serializers.IntegerField(help_text="Minutes present in the cohort's gatherings so far.")
    turns = serializers.IntegerField(help_text="Times this participant held the floor in a gathering.")


class GiniSerializer(serializers.Serializer):
    posts = serializers.FloatField(allow_null=True)
    minutes = serializers.FloatField()
    turns = serializers.FloatField()


class ParticipationSerializer(serializers.Serializer):
    cohort = serializers.IntegerField()
    participant_count = serializers.IntegerField()
    gathering_count = serializers.IntegerField(help_text="Past and current gatherings (cancelled excluded).")
    total_posts = serializers.IntegerField(allow_null=True)
    gini = GiniSerializer(
        help_text="Gini coefficient over all participants, zeros included: 0 even, near 1 one voice."
    )
    rows = ParticipationRowSerializer(many=True)


def participation(cohort: Cohort) -> dict:
    """Forum contributions and gathering attendance: see workspace.selectors.cohort_participation."""
    data = selectors.cohort_participation(cohort)
    rows = [
        {
            "user": person(row.enrollment.user),
            "group": group_ref(row.enrollment.group),
            "posts": row.posts,
            "gatherings_attended": row.gatherings_attended,
            "minutes": row.minutes,
            "turns": row.turns,
        }
        for row in data["rows"]
    ]
    return {
        "cohort": cohort.pk,
        "participant_count": len(rows),
        "gathering_count": len(data["gatherings"]),
        "total_posts": data["total_posts"],
        "gini": data["gini"],
        "rows": rows,
    }


@extend_schema(tags=["cohorts"])
class CohortParticipationView(APIView):
    """Facilitators: who speaks, writes and attends — to invite voices in, never to grade."""

    @extend_schema(responses={200: ParticipationSerializer, **errors(401, 403, 404)})
    def get(self, request, pk: int):
        cohort = managed_cohort(request, pk)
        return Response(ParticipationSerializer(participation(cohort)).data)
