"""Serializers of the courses API: what goes in (strict, unknown fields refused) and what comes out.

PersonSerializer, RefSerializer and GroupRefSerializer are shared with the forum and live APIs.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from courses import services
from courses.api.common import group_ref, page_url, person
from courses.models import Cohort, CoursePage, Enrollment, Reflection, ReflectionMessage
from lms.api.base import StrictSerializer

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


class CohortFilter(serializers.Serializer):
    course = serializers.IntegerField(required=False, min_value=1)
    role = serializers.ChoiceField(choices=Enrollment.Role.choices, required=False)
    page = serializers.IntegerField(required=False)
    page_size = serializers.IntegerField(required=False)


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
        return group_ref(enrollment.group)

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


# --- progress (facilitators) ---------------------------------------------------------------------


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


# --- lessons: completion and reflections ---------------------------------------------------------------


class CompletionSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    completed = serializers.BooleanField()
    completed_at = serializers.DateTimeField()


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


class FeedbackCreateSerializer(StrictSerializer):
    body = serializers.CharField(max_length=services.REFLECTION_MAX_CHARS)
    client_token = serializers.UUIDField(required=False)
