from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from courses import access as course_access


class GatheringAdminForm(WagtailAdminModelForm):
    """Facilitators schedule gatherings only for the cohorts they manage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "cohort" in self.fields:
            self.fields["cohort"].queryset = course_access.managed_cohorts(self.for_user).distinct()
