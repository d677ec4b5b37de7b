"""Facilitators' cohort dashboard in the Wagtail admin: progress, participation, feedback inbox, exports.

Reached from each row of the Cohorts snippet listing (see wagtail_hooks). Only the cohort's
facilitators and staff (courses.access.can_manage_cohort) see it; any other cohort is a 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from certificates.admin_views import dashboard_context as certificates_context
from courses import access, selectors, services
from courses.models import Cohort, CohortGroup, Reflection
from lms.exports import FORMATS, Percent, table_response
from lms.people import display_name
from lms.typing import AuthenticatedHttpRequest
from workspace.selectors import Participation, cohort_participation

EXPORTS = ("progress", "attendance", "participation")


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number >= 0 else None


class Filters(TypedDict):
    behind: bool
    inactive: int | None  # days without activity
    group: int | None  # a small group's id
    groups: list[CohortGroup]


@dataclass(frozen=True)
class FailedFeedback:
    """Inline feedback that was refused: its reflection shows the text again, with the reason."""

    reflection_id: int
    error: str
    body: str


def _filters(request: HttpRequest, cohort: Cohort) -> Filters:
    groups = list(cohort.groups.all())
    group_id = _positive_int(request.GET.get("group"))
    return {
        "behind": request.GET.get("behind") in ("1", "on", "true"),
        "inactive": _positive_int(request.GET.get("inactive")),
        "group": group_id if any(g.pk == group_id for g in groups) else None,
        "groups": groups,
    }


def _filtered_rows(rows: list[selectors.ProgressRow], filters: Filters) -> list[selectors.ProgressRow]:
    if filters["behind"]:
        rows = [r for r in rows if r.behind]
    if filters["inactive"] is not None:
        rows = selectors.inactive_rows(rows, days=filters["inactive"])
    return rows


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


# --- exports ----------------------------------------------------------------------------------------------


def _progress_table(cohort: Cohort, progress: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    header = [_("Name"), _("E-mail"), _("Small group")]
    header += [item.module.title for item in progress["outline"]]
    header += [_("Course %"), _("Completed"), _("Released"), _("Last activity")]
    header += [lesson.title for lesson, _item in progress["lessons"]]
    labels = {"done": _("completed"), "todo": _("not yet"), "locked": _("locked")}
    body = []
    for row in progress["rows"]:
        user = row.enrollment.user
        body.append(
            [display_name(user), user.email, row.enrollment.group.name if row.enrollment.group else ""]
            + [Percent(p) for p in row.module_percents]
            + [Percent(row.percent), row.completed_count, row.released_count, _day(row.last_activity_at)]
            + [labels[cell] for cell in row.cells]
        )
    return header, body


def _attendance_table(participation: Participation) -> tuple[list[str], list[list[Any]]]:
    gatherings = participation["gatherings"]
    header = [_("Name"), _("E-mail"), _("Gatherings attended"), _("Minutes")]
    header += [f"{g.title} ({timezone.localtime(g.starts_at).date().isoformat()})" for g in gatherings]
    body = [
        [display_name(row.enrollment.user), row.enrollment.user.email, row.attended, row.total, *row.minutes]
        for row in participation["attendance"]
    ]
    return header, body


def _participation_table(participation: Participation) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Name"),
        _("E-mail"),
        _("Small group"),
        _("Forum contributions"),
        _("Gatherings attended"),
        _("Minutes"),
        _("Turns"),
    ]
    body = [
        [
            display_name(row.enrollment.user),
            row.enrollment.user.email,
            row.enrollment.group.name if row.enrollment.group else "",
            "" if row.posts is None else row.posts,
            row.gatherings_attended,
            row.minutes,
            row.turns,
        ]
        for row in participation["rows"]
    ]
    return header, body


def _export(cohort: Cohort, kind: str, fmt: str, header: list[str], body: list[list[Any]]) -> HttpResponse:
    return table_response(
        filename=f"{slugify(cohort.name) or 'cohort'}-{kind}",
        fmt=fmt,
        header=header,
        rows=body,
        sheet_title=kind,
    )


# --- feedback inbox ---------------------------------------------------------------------------------------


def _answer(
    request: AuthenticatedHttpRequest, cohort: Cohort
) -> tuple[HttpResponse | None, FailedFeedback | None]:
    """Handle an inline feedback form; on error return the reflection id, the message and the text."""
    reflection_id = _positive_int(request.POST.get("reflection"))
    reflection = (
        Reflection.objects.select_related("enrollment__cohort", "enrollment__user", "lesson")
        .filter(pk=reflection_id, enrollment__cohort=cohort)
        .first()
        if reflection_id is not None
        else None
    )
    if reflection is None:
        raise Http404
    body = request.POST.get("body", "")
    try:
        services.reflection_feedback(author=request.user, reflection=reflection, body=body)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        error = " ".join(exc.messages)
        messages.error(request, _("The feedback was not sent: %(error)s") % {"error": error})
        return None, FailedFeedback(reflection_id=reflection.pk, error=error, body=body)
    messages.success(
        request,
        _("Feedback sent to %(name)s.") % {"name": display_name(reflection.enrollment.user)},
    )
    return redirect(f"{reverse('workspace_cohort_dashboard', args=[cohort.pk])}#inbox"), None


# --- the view ---------------------------------------------------------------------------------------------


def _export_response(request: HttpRequest, cohort: Cohort, filters: Filters) -> HttpResponse:
    kind, fmt = request.GET.get("export"), request.GET.get("format", "csv")
    if kind not in EXPORTS or fmt not in FORMATS:
        raise Http404
    if kind == "progress":
        progress = selectors.cohort_progress(
            cohort, selectors.cohort_participants(cohort, group=filters["group"])
        )
        header, body = _progress_table(cohort, progress)
    elif kind == "attendance":
        header, body = _attendance_table(cohort_participation(cohort))
    else:
        header, body = _participation_table(cohort_participation(cohort))
    return _export(cohort, kind, fmt, header, body)


def _page_context(cohort: Cohort, filters: Filters, failed: FailedFeedback | None) -> dict[str, Any]:
    progress = selectors.cohort_progress(
        cohort, selectors.cohort_participants(cohort, group=filters["group"])
    )
    participation = cohort_participation(cohort)
    inbox = selectors.feedback_inbox(cohort)
    return {
        "cohort": cohort,
        "page_title": _("Dashboard: %(cohort)s") % {"cohort": cohort.name},
        "modules": [(item, len(item.lessons)) for item in progress["outline"]],
        "lessons": progress["lessons"],
        "released_count": progress["released_count"],
        "rows": _filtered_rows(progress["rows"], filters),
        "participant_count": len(progress["rows"]),
        "behind_count": sum(1 for r in progress["rows"] if r.behind),
        "filters": filters,
        "participation": participation,
        "silent": [r for r in participation["rows"] if r.silent],
        "inbox": inbox,
        "failed_feedback": failed,
        **certificates_context(cohort),
        "exports": [
            ("progress", _("Progress")),
            ("attendance", _("Attendance")),
            ("participation", _("Participation")),
        ],
    }


def cohort_dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET: the dashboard, or an export with ``?export=``; POST: feedback from the inbox."""
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    failed: FailedFeedback | None = None
    if request.method == "POST":
        response, failed = _answer(request, cohort)
        if response is not None:
            return response
    filters = _filters(request, cohort)
    if request.GET.get("export") is not None:
        return _export_response(request, cohort, filters)
    return TemplateResponse(
        request, "workspace/admin/cohort_dashboard.html", _page_context(cohort, filters, failed)
    )
