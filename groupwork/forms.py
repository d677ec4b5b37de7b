"""Forms of the group pages. They parse input; the rules (and their messages) are in groupwork.services."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Enrollment
from groupwork.models import (
    COMMENT_MAX_CHARS,
    COMMITMENT_MAX_CHARS,
    NEW_COMMITMENTS_MAX,
    PURPOSE_MAX_CHARS,
    RECORD_MAX_CHARS,
    RHYTHM_MAX_CHARS,
    Commitment,
    CommitmentStatus,
)
from groupwork.services import NewCommitment
from lms.people import display_name

REVIEW_CHOICES = [
    (CommitmentStatus.DONE, _("Done")),
    (CommitmentStatus.PENDING, _("Still pending: carry it over")),
    (CommitmentStatus.DROPPED, _("Dropped")),
]


def member_name(enrollment: Enrollment) -> str:
    return display_name(enrollment.user)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class WorkPlanForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=PURPOSE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the group works towards this cohort: the problem of practice, the goal."),
    )
    rhythm = forms.CharField(
        label=_("Meeting rhythm"),
        required=False,
        max_length=RHYTHM_MAX_CHARS,
        help_text=_("For example: every other Tuesday, 7 pm, by phone call."),
    )


class SessionForm(forms.Form):
    """A session record; one radio group per open commitment (``review_<id>``)."""

    held_on = forms.DateField(label=_("Date of the session"), widget=DateInput())
    attendees = forms.TypedMultipleChoiceField(
        label=_("Who attended"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Only members of this group can be marked as attending.")},
    )
    record = forms.CharField(
        label=_("What the group did"),
        max_length=RECORD_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Agreements, questions, what you read or tried. You can use simple Markdown."),
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, members: Iterable[Enrollment], open_commitments: list[Commitment], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        attendees = self.fields["attendees"]
        assert isinstance(attendees, forms.TypedMultipleChoiceField)
        attendees.choices = [(m.pk, member_name(m)) for m in members]
        self.open_commitments = open_commitments
        for commitment in open_commitments:
            self.fields[f"review_{commitment.pk}"] = forms.ChoiceField(
                label=commitment.text,
                choices=REVIEW_CHOICES,
                initial=CommitmentStatus.PENDING,
                required=False,  # not answered: still pending
                widget=forms.RadioSelect,
            )
        if not self.is_bound:
            self.initial.setdefault("client_token", uuid.uuid4())

    @property
    def review_fields(self):
        return [(c, self[f"review_{c.pk}"]) for c in self.open_commitments]

    def reviewed(self) -> dict[int, str]:
        return {
            c.pk: self.cleaned_data.get(f"review_{c.pk}") or CommitmentStatus.PENDING
            for c in self.open_commitments
        }


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Commitment"), required=False, max_length=COMMITMENT_MAX_CHARS)
    owner = forms.TypedChoiceField(label=_("Who"), coerce=int, empty_value=None, required=False)
    due_on = forms.DateField(label=_("Due on (optional)"), required=False, widget=DateInput())

    def __init__(self, *args: Any, members: Iterable[Enrollment] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.TypedChoiceField)
        owner.choices = [("", _("The whole group"))] + [(m.pk, member_name(m)) for m in members]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("text") and (data.get("owner") or data.get("due_on")):
            self.add_error("text", _("Each commitment needs its text."))
        return data

    def commitment(self) -> NewCommitment | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not data.get("text"):
            return None
        return NewCommitment(text=data["text"], owner=data.get("owner"), due_on=data.get("due_on"))


CommitmentFormSet = forms.formset_factory(
    CommitmentForm, extra=3, max_num=NEW_COMMITMENTS_MAX, validate_max=True, absolute_max=NEW_COMMITMENTS_MAX
)
COMMITMENTS_PREFIX = "commitments"
MORE_ROWS = 3


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_token", uuid.uuid4())


class GroupNameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
