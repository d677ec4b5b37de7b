from django.urls import path
from wagtail import hooks

from announcements import admin_views


@hooks.register("register_admin_urls")
def announcement_admin_urls():
    return [
        path("cohorts/<int:pk>/announcements/", admin_views.announcements, name="announcements_admin"),
        path(
            "cohorts/<int:pk>/announcements/<int:announcement_pk>/cancel/",
            admin_views.announcement_cancel,
            name="announcements_admin_cancel",
        ),
        path("cohorts/<int:pk>/nudge/", admin_views.nudge, name="announcements_nudge"),
    ]
