"""Admin: cohorts as a snippet, limited to the facilitator's own cohorts and courses."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses import access, services
from courses.forms import CohortAdminForm
from courses.models import Cohort, Enrollment
from courses.permissions import cohort_permission_policy
from courses.views import bulk_enrolment
from lms.admin_scoping import ScopedObjectsViewSetMixin


class CohortViewSet(ScopedObjectsViewSetMixin, SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_name = "cohorts"
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["name", "course", "starts_on", "ends_on", "enrolment_mode"]
    list_filter = ["enrolment_mode"]
    search_fields = ["name"]
    edit_handler = ObjectList(Cohort.panels, base_form_class=CohortAdminForm)

    def get_queryset(self, request):
        return access.managed_cohorts(request.user).select_related("course").distinct()


register_permission_policy(Cohort, cohort_permission_policy)
register_snippet(CohortViewSet)


@hooks.register("after_create_snippet")
def enrol_creator_as_facilitator(request, instance):
    """A facilitator who creates a cohort facilitates it (otherwise they could not see it)."""
    if isinstance(instance, Cohort) and not access.is_staff(request.user):
        services.enrolment_add(cohort=instance, user=request.user, role=Enrollment.Role.FACILITATOR)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_facilitators_after_cohort_save(request, instance):
    if isinstance(instance, Cohort):
        services.facilitator_permissions_sync(course=instance.course)


@hooks.register("register_admin_urls")
def bulk_enrolment_urls():
    return [
        path("cohorts/<int:pk>/enrol/", bulk_enrolment.upload, name="courses_cohort_bulk_enrol"),
        path(
            "cohorts/<int:pk>/enrol/<int:import_pk>/",
            bulk_enrolment.review,
            name="courses_cohort_bulk_enrol_review",
        ),
    ]
