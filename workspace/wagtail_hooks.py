"""Admin: the cohort dashboard, reached from each row of the Cohorts listing."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from courses import access
from courses.models import Cohort
from workspace import dashboard


@hooks.register("register_admin_urls")
def cohort_dashboard_urls():
    return [
        path("cohorts/<int:pk>/dashboard/", dashboard.cohort_dashboard, name="workspace_cohort_dashboard")
    ]


@hooks.register("register_snippet_listing_buttons")
def cohort_dashboard_button(snippet, user, next_url=None):
    if isinstance(snippet, Cohort) and access.can_manage_cohort(user, snippet):
        yield ListingButton(
            _("Dashboard"),
            reverse("workspace_cohort_dashboard", args=[snippet.pk]),
            icon_name="table",
            priority=5,
        )
