"""Mi aprendizaje, cohort pages and enrolment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from announcements.selectors import cohort_announcements, member_announcements, unread_nudges
from courses import access, selectors, services
from courses.models import Cohort


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    from certificates.selectors import learning_certificates

    items = selectors.my_learning(user=request.user)
    announcements = member_announcements(user=request.user, enrollments=[i.enrollment for i in items])
    for item in items:
        item.announcements = announcements.get(item.enrollment.cohort_id, [])
    return TemplateResponse(
        request,
        "courses/my_learning.html",
        {
            "items": items,
            "nudges": unread_nudges(request.user),
            "certificates": learning_certificates([item.enrollment for item in items]),
        },
    )


@login_required
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_visible_cohort_or_404(request.user, pk)
    context = selectors.cohort_overview(cohort=cohort, user=request.user)
    context["announcements"] = cohort_announcements(
        cohort=cohort,
        enrollment=access.enrollment_in(request.user, cohort),
        staff=access.is_staff(request.user),
    )
    return TemplateResponse(request, "courses/cohort_detail.html", context)


@require_POST
@login_required
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=pk, course__live=True)
    try:
        services.enrolment_create(user=request.user, cohort=cohort, code=request.POST.get("code", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(cohort.course.url + "#enrol")
    messages.success(
        request, _("Welcome to %(cohort)s! Your learning starts here.") % {"cohort": cohort.name}
    )
    return redirect("courses:my_learning")


def catalogue(request: HttpRequest) -> HttpResponse:
    """A stable address for the course catalogue, wherever authors placed it in the page tree."""
    from courses.models import CourseIndexPage

    index = CourseIndexPage.objects.live().public().first()
    return redirect(index.url if index else "/#courses")
