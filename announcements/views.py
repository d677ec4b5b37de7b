"""Members' side: read an announcement (which marks it read), dismiss a nudge."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from announcements import selectors, services
from courses import access
from courses.models import Enrollment
from lms.typing import AuthenticatedHttpRequest


@login_required
def announcement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if access.is_staff(request.user):
        announcement = selectors.sent_announcement(pk=pk)
    else:
        enrollments = list(Enrollment.objects.filter(user=request.user))
        announcement = selectors.visible_announcement(user=request.user, pk=pk, enrollments=enrollments)
    if announcement is None:
        raise Http404
    services.announcements_mark_read(user=request.user, announcement_ids=[announcement.pk])
    return TemplateResponse(request, "announcements/detail.html", {"announcement": announcement})


@require_POST
@login_required
def nudge_dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not services.nudges_mark_read(user=request.user, nudge_ids=[pk]):
        raise Http404
    return redirect("workspace:my_learning")
