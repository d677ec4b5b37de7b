from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Cohort, CohortGroup


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text=_("Markdown: **bold**, *italics*, lists and links."),
    )
    group: forms.ModelChoiceField[CohortGroup] = forms.ModelChoiceField(
        label=_("To"), queryset=None, required=False, empty_label=_("The whole cohort")
    )
    send = forms.ChoiceField(
        label=_("When"),
        choices=[("now", _("Send now")), ("later", _("Schedule"))],
        initial="now",
        widget=forms.RadioSelect,
    )
    publish_at = forms.DateTimeField(
        label=_("Send at (cohort time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    form_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = cohort.groups.all()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("send") == "later":
            when = data.get("publish_at")
            if when is None:
                self.add_error("publish_at", _("Say when it should go out."))
            else:
                # Typed in the cohort's time zone, whatever the facilitator's own.
                naive = when.replace(tzinfo=None) if when.tzinfo else when
                data["publish_at"] = naive.replace(tzinfo=self.cohort.tz)
        else:
            data["publish_at"] = None
        return data


class NudgeForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        help_text=_(
            "Placeholders: {name}, {course}, {cohort}, {days} (days since their last activity), {link}."
        ),
    )
    save_template = forms.BooleanField(
        label=_("Keep this wording for this cohort's next nudges"), required=False
    )
    batch_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


def cohort_local(value: dt.datetime, cohort: Cohort) -> str:
    return value.astimezone(cohort.tz).strftime("%Y-%m-%dT%H:%M")
