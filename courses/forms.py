from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from courses import access


class CohortAdminForm(WagtailAdminModelForm):
    """Facilitators may only create cohorts of the courses they facilitate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "course" in self.fields:
            self.fields["course"].queryset = access.facilitated_courses(self.for_user)
