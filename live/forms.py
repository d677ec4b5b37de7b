from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses import access as course_access
from live.services import gathering_validate


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
        if cleaned.get("cohort"):
            try:
                gathering_validate(
                    cohort=cleaned["cohort"],
                    starts_at=cleaned.get("starts_at"),
                    ends_at=cleaned.get("ends_at"),
                    group=cleaned.get("group"),
                    lesson=cleaned.get("lesson"),
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    self.add_error(name, messages)
        return cleaned
