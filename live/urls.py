from django.urls import path

from live import api, views

app_name = "live"

urlpatterns = [
    path("gatherings/<int:pk>/room/", views.room_page, name="room"),
    path("gatherings/<int:pk>/room/act/", views.room_action, name="room_action"),
    path("gatherings/<int:pk>/record/", views.record_page, name="record"),
    path("gatherings/<int:pk>/calendar.ics", views.gathering_ics, name="gathering_ics"),
    path("cohorts/<int:pk>/calendar/", views.cohort_calendar, name="cohort_calendar"),
    path("cohorts/<int:pk>/attendance/", views.attendance_page, name="cohort_attendance"),
    path("calendar/regenerate/", views.feed_regenerate, name="feed_regenerate"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("api/v1/gatherings/<int:pk>/events/", api.EventsView.as_view(), name="api_events"),
    path("api/v1/gatherings/<int:pk>/messages/", api.MessagesView.as_view(), name="api_messages"),
]
