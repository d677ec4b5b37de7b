"""Admin: the small-groups page of each cohort, linked from the Cohorts listing."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from courses.models import Cohort
from groupwork import access, admin_views


@hooks.register("register_admin_urls")
def groupwork_admin_urls():
    return [
        path("cohorts/<int:pk>/groups/", admin_views.groups_index, name="groupwork_admin_groups"),
        path("cohorts/<int:pk>/groups/assign/", admin_views.groups_assign, name="groupwork_admin_assign"),
        path(
            "cohorts/<int:pk>/groups/distribute/",
            admin_views.groups_distribute,
            name="groupwork_admin_distribute",
        ),
        path("cohorts/<int:pk>/groups/<int:group_id>/", admin_views.group_work, name="groupwork_admin_group"),
        path(
            "cohorts/<int:pk>/groups/<int:group_id>/rename/",
            admin_views.group_rename,
            name="groupwork_admin_rename",
        ),
        path(
            "cohorts/<int:pk>/groups/<int:group_id>/delete/",
            admin_views.group_delete,
            name="groupwork_admin_delete",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def cohort_groups_button(snippet, user, next_url=None):
    if isinstance(snippet, Cohort) and access.can_manage_groups(user, snippet):
        yield ListingButton(
            _("Small groups"),
            reverse("groupwork_admin_groups", args=[snippet.pk]),
            icon_name="group",
            priority=6,
        )
