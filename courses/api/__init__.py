"""API v1 for courses, cohorts, progress and reflections.

Views are thin: who may see what is decided by courses.access (objects of a cohort the caller is not
in are 404), what changes is done by courses.services, and reading goes through courses.selectors.

- ``catalogue``: the published courses and their outlines;
- ``cohorts``: cohorts, members, enrolment, progress;
- ``lessons``: completion and reflections;
- ``serializers``: what goes in and comes out; ``common``: helpers the forum and live APIs share.
"""

from courses.api.catalogue import CourseDetailView, CourseListView
from courses.api.cohorts import (
    CohortDetailView,
    CohortEnrolView,
    CohortListView,
    CohortMembersView,
    CohortProgressView,
)
from courses.api.common import call_service, managed_cohort, page_url, person, visible_cohort
from courses.api.lessons import (
    LessonCompletionView,
    LessonReflectionsView,
    ReflectionDetailView,
    ReflectionFeedbackView,
)
from courses.api.serializers import GroupRefSerializer, PersonSerializer, RefSerializer

__all__ = [
    "CohortDetailView",
    "CohortEnrolView",
    "CohortListView",
    "CohortMembersView",
    "CohortProgressView",
    "CourseDetailView",
    "CourseListView",
    "GroupRefSerializer",
    "LessonCompletionView",
    "LessonReflectionsView",
    "PersonSerializer",
    "RefSerializer",
    "ReflectionDetailView",
    "ReflectionFeedbackView",
    "call_service",
    "managed_cohort",
    "page_url",
    "person",
    "visible_cohort",
]
