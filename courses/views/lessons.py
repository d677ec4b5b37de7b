"""Lesson gate (who may read) and marking lessons complete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from courses import access, services
from courses.models import LessonPage


def lesson_gate(*, request: HttpRequest, lesson: LessonPage) -> HttpResponse | None:
    """None when the user may read the lesson; otherwise the response that explains why not."""
    course, module = lesson.get_ancestors_of_type()
    decision = access.lesson_access(request.user, course=course, module=module)
    request.lesson_access = decision
    if decision.allowed:
        return None
    if decision.decision == access.LessonDecision.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    context = {"page": lesson, "course": course, "module": module, "decision": decision}
    return TemplateResponse(request, "courses/lesson_gate.html", context, status=403)


def lesson_complete_view(request: HttpRequest, *, lesson: LessonPage) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        if request.POST.get("action") == "uncomplete":
            services.lesson_uncomplete(user=request.user, lesson=lesson)
            messages.info(request, _("The lesson is marked as not completed."))
        else:
            services.lesson_complete(user=request.user, lesson=lesson)
            messages.success(request, _("Lesson completed. Well done!"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(lesson.url + "#lesson-progress")
