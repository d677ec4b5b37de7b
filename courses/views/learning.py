"""Enrolment and the catalogue's stable address (Mi aprendizaje and the cohort page: workspace.views)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import services
from courses.models import Cohort, CourseIndexPage
from lms.typing import AuthenticatedHttpRequest


@require_POST
@login_required
def enrol(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=pk, course__live=True)
    try:
        services.enrolment_create(user=request.user, cohort=cohort, code=request.POST.get("code", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(cohort.course.url + "#enrol")
    messages.success(
        request, _("Welcome to %(cohort)s! Your learning starts here.") % {"cohort": cohort.name}
    )
    return redirect("workspace:my_learning")


def catalogue(request: HttpRequest) -> HttpResponse:
    """A stable address for the course catalogue, wherever authors placed it in the page tree."""
    index = CourseIndexPage.objects.live().public().first()
    return redirect(index.url if index else "/#courses")
