from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses import access as course_access


class GatheringAdminForm(WagtailAdminModelForm):
    """Facilitators schedule gatherings only for the cohorts they manage; new ones can repeat weekly."""

    repeat_weeks = forms.IntegerField(
        label=_("Repeat weekly"),
        required=False,
        min_value=0,
        max_value=30,
        help_text=_("Number of further weekly gatherings to schedule at the same time (only when creating)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "cohort" in self.fields:
            self.fields["cohort"].queryset = course_access.managed_cohorts(self.for_user).distinct()

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A gathering must end after it starts."))
        return cleaned
