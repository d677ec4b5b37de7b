"""/api/v1/ — every endpoint of the public API, mounted once in lms/urls.py."""

from __future__ import annotations

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from courses import api as courses_api
from forums import api as forums_api
from live import api as live_api
from lms.api import auth, views
from workspace import api as workspace_api

app_name = "api"

urlpatterns = [
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("auth/token/revoke/", auth.TokenRevokeView.as_view(), name="token_revoke"),
    path("auth/me/", auth.MeView.as_view(), name="me"),
    path("courses/", courses_api.CourseListView.as_view(), name="courses"),
    path("courses/<int:pk>/", courses_api.CourseDetailView.as_view(), name="course"),
    path("cohorts/", courses_api.CohortListView.as_view(), name="cohorts"),
    path("cohorts/<int:pk>/", courses_api.CohortDetailView.as_view(), name="cohort"),
    path("cohorts/<int:pk>/members/", courses_api.CohortMembersView.as_view(), name="cohort_members"),
    path("cohorts/<int:pk>/enrol/", courses_api.CohortEnrolView.as_view(), name="cohort_enrol"),
    path("cohorts/<int:pk>/progress/", courses_api.CohortProgressView.as_view(), name="cohort_progress"),
    path(
        "cohorts/<int:pk>/participation/",
        workspace_api.CohortParticipationView.as_view(),
        name="cohort_participation",
    ),
    path(
        "lessons/<int:pk>/completion/", courses_api.LessonCompletionView.as_view(), name="lesson_completion"
    ),
    path(
        "lessons/<int:pk>/reflections/",
        courses_api.LessonReflectionsView.as_view(),
        name="lesson_reflections",
    ),
    path("reflections/<int:pk>/", courses_api.ReflectionDetailView.as_view(), name="reflection"),
    path(
        "reflections/<int:pk>/feedback/",
        courses_api.ReflectionFeedbackView.as_view(),
        name="reflection_feedback",
    ),
    path("spaces/", forums_api.SpaceListView.as_view(), name="spaces"),
    path("threads/", forums_api.ThreadListView.as_view(), name="threads"),
    path("threads/<int:pk>/", forums_api.ThreadDetailView.as_view(), name="thread"),
    path("threads/<int:pk>/posts/", forums_api.ThreadPostsView.as_view(), name="thread_posts"),
    path("posts/<int:pk>/", forums_api.PostDetailView.as_view(), name="post"),
    path("posts/<int:pk>/reactions/", forums_api.PostReactionsView.as_view(), name="post_reactions"),
    path("notifications/", forums_api.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", forums_api.NotificationReadView.as_view(), name="notifications_read"),
    path("gatherings/", live_api.GatheringListView.as_view(), name="gatherings"),
    path("gatherings/<int:pk>/", live_api.GatheringDetailView.as_view(), name="gathering"),
    path(
        "gatherings/<int:pk>/attendance/",
        live_api.GatheringAttendanceView.as_view(),
        name="gathering_attendance",
    ),
    # The room's HTTP fallback (also named live:api_events / live:api_messages in live/urls.py).
    path("gatherings/<int:pk>/events/", live_api.EventsView.as_view(), name="gathering_events"),
    path("gatherings/<int:pk>/messages/", live_api.MessagesView.as_view(), name="gathering_messages"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/v1/ is a JSON 404, not the site's HTML page.
    re_path(r"^.*$", views.not_found),
]
