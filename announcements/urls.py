from django.urls import path

from announcements import views

app_name = "announcements"

urlpatterns = [
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("nudges/<int:pk>/read/", views.nudge_dismiss, name="nudge_read"),
]
