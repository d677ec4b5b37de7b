"""Facilitators' small-groups page in the Wagtail admin: create, rename, delete groups; assign members.

Reached from each row of the Cohorts snippet listing and from the cohort dashboard (see wagtail_hooks).
The cohort's facilitators and staff (groupwork.access.can_manage_groups) see it; any other cohort is a
404. Changes also need Wagtail's "change cohort" permission (groupwork.access.can_change_groups).
Everything works without JavaScript; groupwork/static/groupwork/assign.js adds drag and drop.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import Cohort, CohortGroup
from forums.models import Thread
from groupwork import access, selectors, services
from groupwork.forms import GroupNameForm
from groupwork.models import Commitment, GroupSession
from lms.typing import AuthenticatedHttpRequest

ASSIGN_PREFIX = "group-for-"
SORTS = ("name", "group")


def groups_url(cohort: Cohort) -> str:
    return reverse("groupwork_admin_groups", args=[cohort.pk])


def _breadcrumbs(cohort: Cohort, *extra: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"url": reverse("wagtailsnippets_courses_cohort:list"), "label": _("Cohorts")},
        {"url": reverse("wagtailsnippets_courses_cohort:edit", args=[cohort.pk]), "label": cohort.name},
        {"url": groups_url(cohort), "label": _("Small groups")},
        *extra,
    ]


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _group_of(cohort: Cohort, group_id: int) -> CohortGroup:
    group = CohortGroup.objects.filter(pk=group_id, cohort=cohort).select_related("cohort__course").first()
    if group is None:
        raise Http404
    return group


def _require_change(request: HttpRequest, cohort: Cohort) -> None:
    if not access.can_change_groups(request.user, cohort):
        raise PermissionDenied


def _participant_rows(board: selectors.GroupsBoard, query: str, sort: str) -> list[selectors.ParticipantRow]:
    rows = board.participants
    if query:
        needle = query.casefold()
        rows = [
            r
            for r in rows
            if needle in f"{r.enrollment.user.get_full_name()} {r.enrollment.user.get_username()}".casefold()
        ]
    if sort == "group":
        order = {g.pk: position for position, g in enumerate(board.groups)}
        ungrouped = len(order)
        rows = sorted(  # stable: by name inside each group
            rows,
            key=lambda r: (
                ungrouped if r.enrollment.group_id is None else order.get(r.enrollment.group_id, ungrouped)
            ),
        )
    return rows


@require_http_methods(["GET", "POST"])
def groups_index(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    create_form = GroupNameForm(prefix="new")
    if request.method == "POST":
        _require_change(request, cohort)
        create_form = GroupNameForm(request.POST, prefix="new")
        if create_form.is_valid():
            try:
                group = services.group_create(
                    cohort=cohort, name=create_form.cleaned_data["name"], by=request.user
                )
            except ValidationError as error:
                for message in error.messages:
                    create_form.add_error("name", message)
            else:
                messages.success(request, _("Group “%(name)s” created.") % {"name": group.name})
                return redirect(groups_url(cohort))
    board = selectors.cohort_groups_board(cohort)
    query = (request.GET.get("q") or "").strip()[:100]
    sort = request.GET.get("sort") or "name"
    if sort not in SORTS:
        sort = "name"
    return TemplateResponse(
        request,
        "groupwork/admin/groups.html",
        {
            "cohort": cohort,
            "header_title": _("Small groups: %(cohort)s") % {"cohort": cohort.name},
            "header_icon": "group",
            "breadcrumbs_items": _breadcrumbs(cohort),
            "board": board,
            "rows": _participant_rows(board, query, sort),
            "query": query,
            "sort": sort,
            "create_form": create_form,
            "can_change": access.can_change_groups(request.user, cohort),
            "assign_prefix": ASSIGN_PREFIX,
        },
    )


@require_POST
def groups_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    _require_change(request, cohort)
    assignments = {
        key[len(ASSIGN_PREFIX) :]: value
        for key, value in request.POST.items()
        if key.startswith(ASSIGN_PREFIX)
    }
    try:
        changes = services.group_assignments_set(cohort=cohort, assignments=assignments, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        if changes:
            messages.success(
                request,
                ngettext(
                    "Assignments saved: %(count)d change.",
                    "Assignments saved: %(count)d changes.",
                    len(changes),
                )
                % {"count": len(changes)},
            )
        else:
            messages.info(request, _("Nothing to change: everyone was already in that group."))
    return redirect(groups_url(cohort) + "#members")


@require_POST
def groups_distribute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    _require_change(request, cohort)
    try:
        placed = services.group_distribute_ungrouped(cohort=cohort, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        if placed:
            messages.success(
                request,
                ngettext(
                    "%(count)d ungrouped participant placed in a group.",
                    "%(count)d ungrouped participants placed in groups.",
                    len(placed),
                )
                % {"count": len(placed)},
            )
        else:
            messages.info(request, _("Everyone is already in a group."))
    return redirect(groups_url(cohort) + "#members")


@require_POST
def group_rename(request: AuthenticatedHttpRequest, pk: int, group_id: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    group = _group_of(cohort, group_id)
    _require_change(request, cohort)
    try:
        services.group_rename(group=group, name=request.POST.get("name", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, _("The group was not renamed: %(error)s") % {"error": _errors(error)})
    else:
        messages.success(request, _("Group renamed to “%(name)s”.") % {"name": group.name})
    return redirect(groups_url(cohort) + f"#group-{group.pk}")


@require_http_methods(["GET", "POST"])
def group_delete(request: AuthenticatedHttpRequest, pk: int, group_id: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    group = _group_of(cohort, group_id)
    _require_change(request, cohort)
    if request.method == "POST":
        name = group.name
        members = services.group_delete(group=group, by=request.user)
        messages.success(
            request,
            ngettext(
                "Group “%(name)s” deleted; its %(count)d member is now without a group.",
                "Group “%(name)s” deleted; its %(count)d members are now without a group.",
                members,
            )
            % {"name": name, "count": members},
        )
        return redirect(groups_url(cohort))

    return TemplateResponse(
        request,
        "groupwork/admin/group_delete.html",
        {
            "cohort": cohort,
            "group": group,
            "header_title": _("Delete “%(name)s”") % {"name": group.name},
            "header_icon": "bin",
            "breadcrumbs_items": _breadcrumbs(cohort, {"url": "", "label": _("Delete")}),
            "members": group.enrollments.count(),
            "sessions": GroupSession.objects.filter(group=group).count(),
            "commitments": Commitment.objects.filter(group=group).count(),
            "threads": Thread.objects.filter(space__group=group).count(),
        },
    )


def group_work(request: AuthenticatedHttpRequest, pk: int, group_id: int) -> HttpResponse:
    """A group's work plan, sessions and commitments, read in the admin (members keep them on the site)."""
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    group = _group_of(cohort, group_id)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    return TemplateResponse(
        request,
        "groupwork/admin/group_work.html",
        {
            "cohort": cohort,
            "group": group,
            "work": selectors.group_work_plan(group=group, page=min(page, 100_000)),
            "can_keep_record": access.can_keep_record(request.user, group),
            "header_title": group.name,
            "header_icon": "group",
            "breadcrumbs_items": _breadcrumbs(cohort, {"url": "", "label": group.name}),
        },
    )
