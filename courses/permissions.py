"""Wagtail admin permission policy for cohorts: facilitators manage only their own cohorts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from wagtail.permission_policies.base import ModelPermissionPolicy

from courses import access
from courses.models import Cohort

if TYPE_CHECKING:
    from lms.typing import AnyUser


class CohortPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user: AnyUser, action: str, instance: Cohort) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return access.can_manage_cohort(user, instance)

    def user_has_any_permission_for_instance(
        self, user: AnyUser, actions: Sequence[str], instance: Cohort
    ) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user: AnyUser, action: str) -> QuerySet[Cohort]:
        if not self.user_has_permission(user, action):
            return Cohort.objects.none()
        return access.managed_cohorts(user).distinct()

    def instances_user_has_any_permission_for(
        self, user: AnyUser, actions: Sequence[str]
    ) -> QuerySet[Cohort]:
        if not self.user_has_any_permission(user, actions):
            return Cohort.objects.none()
        return access.managed_cohorts(user).distinct()


cohort_permission_policy = CohortPermissionPolicy(Cohort)
