from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("cohorts/<int:cohort_id>/spaces/", views.cohort_spaces, name="cohort_spaces"),
    path("cohorts/<int:cohort_id>/members.json", views.cohort_members_json, name="members_json"),
    path("cohorts/<int:cohort_id>/search/", views.cohort_search, name="search"),
    path("cohorts/<int:cohort_id>/voices/", views.cohort_voices, name="voices"),
    path("spaces/<int:pk>/", views.space_detail, name="space"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.thread_reply, name="reply"),
    path("threads/<int:pk>/read/", views.thread_read, name="thread_read"),
    path("spaces/<int:pk>/subscription/", views.space_subscription, name="space_subscription"),
    path("threads/<int:pk>/subscription/", views.thread_subscription, name="thread_subscription"),
    path("threads/<int:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/fragment/", views.post_fragment, name="post_fragment"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:pk>/react/", views.post_react, name="post_react"),
    path("posts/<int:pk>/moderate/", views.post_moderate, name="post_moderate"),
    path("notifications/preferences/", views.notification_preferences, name="notification_preferences"),
    path("notifications/read-all/", views.notification_read_all, name="notifications_read_all"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/<int:pk>/read/", views.notification_open, name="notification_read"),
]
