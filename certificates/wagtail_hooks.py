"""Admin: certificate views, and a link to each course's certificate criteria from the page explorer."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from certificates import access, admin_views
from courses.models import CoursePage


@hooks.register("register_admin_urls")
def certificate_admin_urls():
    return [
        path(
            "cohorts/<int:pk>/certificates/issue/",
            admin_views.issue_for_cohort,
            name="certificates_issue_for_cohort",
        ),
        path("certificates/<int:pk>/revoke/", admin_views.revoke, name="certificates_revoke"),
        path("certificates/<int:pk>/pdf/", admin_views.certificate_pdf, name="certificates_admin_pdf"),
        path(
            "courses/<int:course_id>/certificate-criteria/",
            admin_views.criteria,
            name="certificates_criteria",
        ),
    ]


def _criteria_button(page, user, priority: int):
    if page.specific_class is CoursePage and access.can_edit_criteria(user, page):
        yield Button(
            _("Certificate criteria"),
            reverse("certificates_criteria", args=[page.pk]),
            icon_name="doc-full",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def criteria_listing_button(page, user, next_url=None):
    yield from _criteria_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def criteria_header_button(page, user, view_name, next_url=None):
    yield from _criteria_button(page, user, priority=62)
