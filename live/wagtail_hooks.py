"""Admin: gatherings as a snippet, limited to the cohorts the facilitator manages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses import access as course_access
from live.forms import GatheringAdminForm
from live.models import Gathering
from live.services import gathering_repeat_weekly
from lms.admin_scoping import ScopedObjectsViewSetMixin

if TYPE_CHECKING:
    from lms.typing import AnyUser


class GatheringPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user: AnyUser, action: str, instance: Gathering) -> bool:
        return self.user_has_permission(user, action) and course_access.can_manage_cohort(
            user, instance.cohort
        )

    def user_has_any_permission_for_instance(
        self, user: AnyUser, actions: Sequence[str], instance: Gathering
    ) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_permission_for(self, user: AnyUser, action: str) -> QuerySet[Gathering]:
        if not self.user_has_permission(user, action):
            return Gathering.objects.none()
        return Gathering.objects.filter(cohort__in=course_access.managed_cohorts(user)).distinct()

    def instances_user_has_any_permission_for(
        self, user: AnyUser, actions: Sequence[str]
    ) -> QuerySet[Gathering]:
        return (
            self.instances_user_has_permission_for(user, actions[0]) if actions else Gathering.objects.none()
        )


class GatheringViewSet(ScopedObjectsViewSetMixin, SnippetViewSet):
    model = Gathering
    icon = "date"
    menu_label = _("Gatherings")
    menu_name = "gatherings"
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["title", "cohort", "starts_at", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [*Gathering.panels, FieldPanel("repeat_weeks")], base_form_class=GatheringAdminForm
    )

    def get_queryset(self, request):
        return Gathering.objects.filter(
            cohort__in=course_access.managed_cohorts(request.user)
        ).select_related("cohort")


@hooks.register("after_create_snippet")
def repeat_new_gathering(request, instance):
    if isinstance(instance, Gathering):
        weeks = request.POST.get("repeat_weeks") or "0"
        if weeks.isdigit() and int(weeks) > 0:
            gathering_repeat_weekly(gathering=instance, weeks=int(weeks))


register_permission_policy(Gathering, GatheringPermissionPolicy(Gathering))
register_snippet(GatheringViewSet)
