"""The group page on the participant site: thin views over groupwork.access, services and selectors."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.models import CohortGroup
from groupwork import access, selectors, services
from groupwork.forms import (
    COMMITMENTS_PREFIX,
    MORE_ROWS,
    CommentForm,
    CommitmentFormSet,
    SessionForm,
    WorkPlanForm,
)
from groupwork.models import NEW_COMMITMENTS_MAX, WorkPlan
from lms.typing import AuthenticatedHttpRequest


def _page(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 100_000))
    except ValueError:
        return 1


def group_url(group: CohortGroup) -> str:
    return reverse("groupwork:group", args=[group.cohort_id, group.pk])


def _add_errors(form: forms.BaseForm, error: ValidationError, fields: dict[str, str | None]) -> None:
    """Show a service's errors on the form: on the field they concern, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages_ in error.message_dict.items():
        target = fields.get(key, key if key in form.fields else None)
        for message in messages_:
            form.add_error(target, message)


@login_required
def group_detail(request: AuthenticatedHttpRequest, cohort_id: int, group_id: int) -> HttpResponse:
    group = access.get_group_or_404(request.user, cohort_id=cohort_id, group_id=group_id)
    work = selectors.group_work_plan(group=group, page=_page(request))
    return TemplateResponse(
        request,
        "groupwork/group_detail.html",
        {
            "group": group,
            "cohort": group.cohort,
            "work": work,
            "can_keep_record": access.can_keep_record(request.user, group),
            "can_manage": access.can_manage_groups(request.user, group.cohort),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedHttpRequest, cohort_id: int, group_id: int) -> HttpResponse:
    group = access.get_group_or_404(request.user, cohort_id=cohort_id, group_id=group_id)
    if not access.can_keep_record(request.user, group):
        raise PermissionDenied
    plan = WorkPlan.objects.filter(group=group).first()
    if request.method == "POST":
        form = WorkPlanForm(request.POST)
        if form.is_valid():
            try:
                services.work_plan_update(group=group, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error, {})
            else:
                messages.success(request, _("The work plan was saved."))
                return redirect(group_url(group) + "#plan")
    else:
        form = WorkPlanForm(initial={"purpose": plan.purpose, "rhythm": plan.rhythm} if plan else {})
    return TemplateResponse(
        request, "groupwork/plan_form.html", {"group": group, "cohort": group.cohort, "form": form}
    )


def _more_rows(data: QueryDict) -> QueryDict:
    """The same POST with three more empty commitment rows (the no-JavaScript "add rows" button)."""
    data = data.copy()
    key = f"{COMMITMENTS_PREFIX}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(max(total, 0) + MORE_ROWS, NEW_COMMITMENTS_MAX))
    return data


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: AuthenticatedHttpRequest, cohort_id: int, group_id: int) -> HttpResponse:
    group = access.get_group_or_404(request.user, cohort_id=cohort_id, group_id=group_id)
    if not access.can_keep_record(request.user, group):
        raise PermissionDenied
    members = selectors.group_members(group)
    pending = selectors.open_commitments(group=group)
    if request.method == "POST":
        # A form sent twice: its session is recorded already, and the form would no longer match the
        # open commitments (the first submit closed some and added others).
        if (
            done := services.session_for_token(group=group, client_token=request.POST.get("client_token"))
        ) is not None:
            return redirect(f"{group_url(group)}#session-{done.pk}")
        more = "more_rows" in request.POST
        data = _more_rows(request.POST) if more else request.POST
        form = SessionForm(data, members=members, open_commitments=pending)
        formset = CommitmentFormSet(data, prefix=COMMITMENTS_PREFIX, form_kwargs={"members": members})
        if not more and form.is_valid() and formset.is_valid():
            try:
                session = services.group_session_record(
                    group=group,
                    by=request.user,
                    held_on=form.cleaned_data["held_on"],
                    attendees=form.cleaned_data["attendees"],
                    record=form.cleaned_data["record"],
                    reviewed=form.reviewed(),
                    new_commitments=[c for f in formset.forms if (c := f.commitment()) is not None],
                    client_token=form.cleaned_data.get("client_token"),
                )
            except ValidationError as error:
                _add_errors(form, error, {"reviewed": None, "new_commitments": None})
            else:
                messages.success(request, _("The session was recorded."))
                return redirect(f"{group_url(group)}#session-{session.pk}")
    else:
        form = SessionForm(
            initial={"held_on": group.cohort.today()}, members=members, open_commitments=pending
        )
        formset = CommitmentFormSet(prefix=COMMITMENTS_PREFIX, form_kwargs={"members": members})
    return TemplateResponse(
        request,
        "groupwork/session_form.html",
        {
            "group": group,
            "cohort": group.cohort,
            "form": form,
            "formset": formset,
            "last_session": services.last_session(group),
            "can_add_rows": formset.total_form_count() < NEW_COMMITMENTS_MAX,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: AuthenticatedHttpRequest, cohort_id: int, group_id: int, pk: int) -> HttpResponse:
    group = access.get_group_or_404(request.user, cohort_id=cohort_id, group_id=group_id)
    session = selectors.group_session(group=group, pk=pk)
    if session is None:
        raise Http404
    can_comment = access.can_keep_record(request.user, group)
    form = CommentForm() if can_comment else None
    if request.method == "POST":
        if not can_comment:
            raise PermissionDenied
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                comment = services.session_comment_add(
                    session=session,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    client_token=form.cleaned_data.get("client_token"),
                )
            except ValidationError as error:
                _add_errors(form, error, {})
            else:
                messages.success(request, _("Your comment was added."))
                return redirect(
                    reverse("groupwork:session", args=[cohort_id, group_id, pk]) + f"#comment-{comment.pk}"
                )
    return TemplateResponse(
        request,
        "groupwork/session_detail.html",
        {"group": group, "cohort": group.cohort, "session": session, "form": form},
    )
