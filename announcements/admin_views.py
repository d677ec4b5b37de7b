"""Facilitators' side, in the Wagtail admin: write and schedule announcements, nudge quiet members."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from announcements import selectors, services
from announcements.forms import AnnouncementForm, NudgeForm
from announcements.models import Announcement
from courses import access
from courses import selectors as course_selectors
from lms.typing import AuthenticatedHttpRequest

DEFAULT_INACTIVE_DAYS = 14


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def announcements(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    form = AnnouncementForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            announcement = services.announcement_create(
                cohort=cohort,
                author=request.user,
                title=data["title"],
                body=data["body"],
                group=data["group"],
                publish_at=data["publish_at"],
                form_key=data["form_key"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if announcement.is_sent:
                messages.success(
                    request,
                    ngettext(
                        "Announcement sent to %(count)s person.",
                        "Announcement sent to %(count)s people.",
                        announcement.receipts.count(),
                    )
                    % {"count": announcement.receipts.count()},
                )
            else:
                with timezone.override(cohort.tz):
                    when = timezone.localtime(announcement.publish_at).strftime("%Y-%m-%d %H:%M")
                messages.success(
                    request, _("Announcement scheduled for %(when)s (cohort time).") % {"when": when}
                )
            return redirect("announcements_admin", cohort.pk)
    listing = selectors.admin_announcements(cohort)
    return TemplateResponse(
        request,
        "announcements/admin/announcements.html",
        {
            "cohort": cohort,
            "form": form,
            "page_title": _("Announcements: %(cohort)s") % {"cohort": cohort.name},
            **listing,
        },
    )


@require_POST
def announcement_cancel(request: AuthenticatedHttpRequest, pk: int, announcement_pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    announcement = Announcement.objects.filter(pk=announcement_pk, cohort=cohort).first()
    if announcement is None:
        raise Http404
    try:
        services.announcement_cancel(announcement=announcement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The scheduled announcement was cancelled."))
    return redirect("announcements_admin", cohort.pk)


def _inactive_days(request: HttpRequest) -> int:
    try:
        days = int(request.GET.get("inactive") or request.POST.get("inactive") or DEFAULT_INACTIVE_DAYS)
    except ValueError:
        return DEFAULT_INACTIVE_DAYS
    return min(max(days, 0), 3650)


def nudge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    days = _inactive_days(request)
    progress = course_selectors.cohort_progress(cohort, course_selectors.cohort_participants(cohort))
    rows = course_selectors.inactive_rows(progress["rows"], days=days)
    if request.method == "POST":
        form = NudgeForm(request.POST)
        chosen = request.POST.getlist("member")
        ids = [int(c) for c in chosen if c.isdigit() and len(c) < 12]
        if len(ids) != len(chosen):
            form.add_error(None, _("Some of the people chosen are not participants of this cohort."))
        if form.is_valid():
            try:
                sent = services.nudges_send(
                    cohort=cohort,
                    sender=request.user,
                    enrollment_ids=ids,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    batch_key=form.cleaned_data["batch_key"],
                    save_template=form.cleaned_data["save_template"],
                    last_activity={r.enrollment.pk: r.last_activity_at for r in rows},
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext("%(count)s nudge sent.", "%(count)s nudges sent.", len(sent))
                    % {"count": len(sent)},
                )
                return redirect(reverse("workspace_cohort_dashboard", args=[cohort.pk]) + f"?inactive={days}")
        selected = set(chosen)
    else:
        subject, body = services.nudge_text_for(cohort)
        form = NudgeForm(initial={"subject": subject, "body": body})
        selected = {str(r.enrollment.pk) for r in rows}
    last = selectors.last_nudged(cohort)
    people = [
        {
            "row": r,
            "checked": str(r.enrollment.pk) in selected,
            "last_nudged": last.get(r.enrollment.user_id),
        }
        for r in rows
    ]
    return TemplateResponse(
        request,
        "announcements/admin/nudge.html",
        {
            "cohort": cohort,
            "form": form,
            "days": days,
            "people": people,
            "language": translation.get_language(),
            "page_title": _("Nudge inactive members: %(cohort)s") % {"cohort": cohort.name},
        },
    )
