from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from certificates.models import CertificateCriteria
from courses.models import LessonPage, ModulePage


class CriteriaForm(forms.Form):
    """The facilitators' form for a course's certificate criteria (the model's fields and limits)."""

    enabled = CertificateCriteria._meta.get_field("enabled").formfield()
    required_lessons = forms.ModelMultipleChoiceField(
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

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        modules = dict(ModulePage.objects.child_of(course).values_list("path", "title"))
        steplen = course.steplen
        field = self.fields["required_lessons"]
        field.queryset = LessonPage.objects.live().descendant_of(course).defer_streamfields().order_by("path")
        field.label_from_instance = lambda lesson: (
            _("%(module)s — %(lesson)s")
            % {
                "module": modules.get(lesson.path[:-steplen], ""),
                "lesson": lesson.title,
            }
        )

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
