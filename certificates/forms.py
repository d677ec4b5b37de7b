from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from certificates.models import CertificateCriteria
from courses.models import CoursePage, LessonPage, ModulePage


class LessonsField(forms.ModelMultipleChoiceField):
    """Lessons labelled "module — lesson"; the form gives it the titles of the course's modules."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.module_titles: dict[str, str] = {}  # module page path -> title
        self.steplen = 4  # the page tree's path step (the course's steplen)

    def label_from_instance(self, obj: Any) -> str:
        return _("%(module)s — %(lesson)s") % {
            "module": self.module_titles.get(obj.path[: -self.steplen], ""),
            "lesson": obj.title,
        }


class CriteriaForm(forms.Form):
    """The facilitators' form for a course's certificate criteria (the model's fields and limits)."""

    enabled = CertificateCriteria._meta.get_field("enabled").formfield()
    required_lessons = LessonsField(
        queryset=LessonPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=capfirst(CertificateCriteria._meta.get_field("required_lessons").verbose_name),
        help_text=CertificateCriteria._meta.get_field("required_lessons").help_text,
    )
    min_reflections_percent = CertificateCriteria._meta.get_field("min_reflections_percent").formfield(
        min_value=0, max_value=100
    )
    min_attendance_percent = CertificateCriteria._meta.get_field("min_attendance_percent").formfield(
        min_value=0, max_value=100
    )

    def __init__(self, *args: Any, course: CoursePage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["required_lessons"]
        assert isinstance(field, LessonsField)
        field.module_titles = dict(ModulePage.objects.child_of(course).values_list("path", "title"))
        field.steplen = course.steplen
        field.queryset = LessonPage.objects.live().descendant_of(course).defer_streamfields().order_by("path")

    @classmethod
    def initial_for(cls, criteria: CertificateCriteria | None) -> dict:
        if criteria is None:
            criteria = CertificateCriteria()
            return {
                "enabled": criteria.enabled,
                "min_reflections_percent": criteria.min_reflections_percent,
                "min_attendance_percent": criteria.min_attendance_percent,
            }
        return {
            "enabled": criteria.enabled,
            "required_lessons": list(criteria.required_lessons.values_list("pk", flat=True)),
            "min_reflections_percent": criteria.min_reflections_percent,
            "min_attendance_percent": criteria.min_attendance_percent,
        }


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Kept with the certificate for the facilitators; the public page shows only the date."),
    )
