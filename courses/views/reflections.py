"""Reflections: the participant writes, the facilitator gives feedback, the participant answers back."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from courses import access, selectors, services
from courses.models import LessonPage
from lms.typing import AuthenticatedHttpRequest


def _client_token(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("client_token", ""))
    except ValueError:
        return None


def reflection_submit_view(request: HttpRequest, *, lesson: LessonPage, prompt_id: str) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    body = request.POST.get("body", "")
    user = request.user
    assert user.is_authenticated  # LessonPage.serve runs lesson_gate first, which signs people in
    try:
        services.reflection_submit(
            user=user,
            lesson=lesson,
            prompt_id=prompt_id,
            body=body,
            client_token=_client_token(request),
        )
    except ValidationError as error:
        # Show the lesson again with the text kept, so nothing written is lost.
        context = lesson.get_context(request)
        if prompt_id not in lesson.reflection_prompt_ids() or not context.get("can_write"):
            # No reflection form on the page would show the error next to it: say it at the top.
            messages.error(request, " ".join(error.messages))
        context["reflection_errors"] = {prompt_id: " ".join(error.messages)}
        context["reflection_drafts"] = {prompt_id: body}
        return TemplateResponse(request, lesson.get_template(request), context, status=400)
    messages.success(request, _("Your reflection was sent to the facilitators."))
    return redirect(lesson.url + f"#reflection-{prompt_id}")


@login_required
def reflection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = access.get_reflection_or_404(request.user, pk)
    can_feedback = access.can_give_feedback(request.user, reflection)
    can_reply = access.can_answer_feedback(request.user, reflection)
    error = None
    draft = ""
    status = 200
    if request.method == "POST":
        draft = request.POST.get("body", "")
        try:
            if can_feedback:
                services.reflection_feedback(
                    author=request.user,
                    reflection=reflection,
                    body=draft,
                    client_token=_client_token(request),
                )
                messages.success(request, _("Your feedback was sent."))
            elif can_reply:
                services.reflection_reply(
                    author=request.user,
                    reflection=reflection,
                    body=draft,
                    client_token=_client_token(request),
                )
                messages.success(request, _("Your answer was sent."))
            else:
                raise PermissionDenied
            return redirect(reflection.get_absolute_url() + "#latest")
        except ValidationError as exc:
            error = " ".join(exc.messages)
            status = 400
    context = {
        "reflection": reflection,
        "thread": selectors.reflection_thread(reflection),
        "can_feedback": can_feedback,
        "can_reply": can_reply,
        "error": error,
        "draft": draft,
        "client_token": uuid.uuid4(),
    }
    return TemplateResponse(request, "courses/reflection_detail.html", context, status=status)
