"""Pages that gather several apps for one person: Mi aprendizaje, the cohort page, the notifications."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse

from announcements.selectors import (
    MemberAnnouncement,
    cohort_announcements,
    member_announcements,
    recent_for_notifications,
    unread_nudges,
)
from certificates.selectors import learning_certificates
from courses import access
from courses import selectors as course_selectors
from forums import selectors as forum_selectors
from lms.emails import preferences_for
from lms.typing import AuthenticatedHttpRequest


@dataclass
class LearningCard:
    """One enrolment on "Mi aprendizaje": its progress (courses) and its latest announcements."""

    item: course_selectors.LearningItem
    announcements: list[MemberAnnouncement]


@login_required
def my_learning(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = course_selectors.my_learning(user=request.user)
    announcements = member_announcements(user=request.user, enrollments=[i.enrollment for i in items])
    cards = [LearningCard(item, announcements.get(item.enrollment.cohort_id, [])) for item in items]
    return TemplateResponse(
        request,
        "workspace/my_learning.html",
        {
            "cards": cards,
            "nudges": unread_nudges(request.user),
            "certificates": learning_certificates([item.enrollment for item in items]),
        },
    )


@login_required
def cohort_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_visible_cohort_or_404(request.user, pk)
    context = course_selectors.cohort_overview(cohort=cohort, user=request.user)
    context["announcements"] = cohort_announcements(
        cohort=cohort,
        enrollment=access.enrollment_in(request.user, cohort),
        staff=access.is_staff(request.user),
    )
    return TemplateResponse(request, "workspace/cohort_detail.html", context)


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Under the bell: forum notifications, and on the first page the latest announcements."""
    context = forum_selectors.notification_page(user=request.user, page_number=request.GET.get("page"))
    context["preferences"] = preferences_for(request.user)
    context["languages"] = settings.LANGUAGES
    if context["page_obj"].number == 1:
        context["announcement_receipts"] = recent_for_notifications(request.user)
    return TemplateResponse(request, "workspace/notifications.html", context)
