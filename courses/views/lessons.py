"""Lesson gate (who may read) and marking lessons complete."""

from __future__ import annotations

import weakref

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from courses import access, services
from courses.models import LessonPage

# The gate's decision for each request being served, so the page's context reuses it (one access query);
# an entry goes with its request.
_gate_decisions: weakref.WeakKeyDictionary[HttpRequest, access.LessonAccess] = weakref.WeakKeyDictionary()


def gate_decision(request: HttpRequest) -> access.LessonAccess | None:
    """The decision ``lesson_gate`` made for this request, if it ran."""
    return _gate_decisions.get(request)


def lesson_gate(*, request: HttpRequest, lesson: LessonPage) -> HttpResponse | None:
    """None when the user may read the lesson; otherwise the response that explains why not."""
    course, module = lesson.get_ancestors_of_type()
    decision = access.lesson_access(request.user, course=course, module=module)
    _gate_decisions[request] = decision
    if decision.allowed:
        return None
    if decision.decision == access.LessonDecision.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    context = {"page": lesson, "course": course, "module": module, "decision": decision}
    return TemplateResponse(request, "courses/lesson_gate.html", context, status=403)


def lesson_complete_view(request: HttpRequest, *, lesson: LessonPage) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = request.user
    assert user.is_authenticated  # LessonPage.serve runs lesson_gate first, which signs people in
    try:
        if request.POST.get("action") == "uncomplete":
            services.lesson_uncomplete(user=user, lesson=lesson)
            messages.info(request, _("The lesson is marked as not completed."))
        else:
            services.lesson_complete(user=user, lesson=lesson)
            messages.success(request, _("Lesson completed. Well done!"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(lesson.url + "#lesson-progress")
