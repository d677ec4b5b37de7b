"""Forum pages: thin views over forums.access, forums.services and forums.selectors."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from courses import access as course_access
from courses.models import LessonPage
from forums import access, emails, notifications, parsing, search, selectors, services
from forums.models import Notification, Post, Space, Thread

DRAFT_SESSION_KEY = "forums:draft:%s"


def _client_token(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("client_token", ""))
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _post_url(thread: Thread, post: Post) -> str:
    page = selectors.thread_post_locator(thread=thread, post=post)
    query = f"?page={page}" if page > 1 else ""
    return f"{thread.get_absolute_url()}{query}#post-{post.pk}"


def _passage_from(request: HttpRequest, thread: Thread) -> services.PassageChoice | None:
    """The passage chosen in a form: a paragraph (and optional last paragraph) of a reading."""
    return parsing.passage_choice(
        thread=thread,
        first_paragraph_id=request.POST.get("passage_start", ""),
        last_paragraph_id=request.POST.get("passage_end", ""),
        lesson_id=request.POST.get("passage_lesson"),
        block_id=request.POST.get("passage_block", ""),
    )


# --- spaces ----------------------------------------------------------------------------------------------


@login_required
def cohort_spaces(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = course_access.get_visible_cohort_or_404(request.user, cohort_id)
    context = {
        "cohort": cohort,
        "rows": selectors.space_list(user=request.user, cohort=cohort),
        "can_moderate": access.can_moderate(request.user, cohort),
    }
    return TemplateResponse(request, "forums/space_list.html", context)


def _course_readings(space: Space) -> list[tuple[str, str]]:
    """(value, label) of every reading of the course, for facilitators opening a gathering."""
    course = space.cohort.course
    choices = []
    for lesson in LessonPage.objects.descendant_of(course).live().order_by("path"):
        for block in lesson.body:
            if block.block_type == "reading":
                choices.append((f"{lesson.pk}:{block.id}", f"{lesson.title} — {block.value['title']}"))
    return choices


@login_required
def space_detail(request: HttpRequest, pk: int) -> HttpResponse:
    space = access.get_space_or_404(request.user, pk)
    error, draft, status = None, {}, 200
    if request.method == "POST":
        draft = {k: request.POST.get(k, "") for k in ("title", "body", "move", "mode", "reading")}
        lesson, reading_id = None, ""
        if draft["mode"] == Thread.Mode.GATHERING:
            lesson, reading_id = parsing.reading_reference(draft["reading"])
        try:
            thread = services.thread_create(
                user=request.user,
                space=space,
                title=draft["title"],
                body=draft["body"],
                move=_int(draft["move"]),
                mode=draft["mode"] or Thread.Mode.NORMAL,
                lesson=lesson,
                reading_id=reading_id,
                client_token=_client_token(request),
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            error, status = _errors(exc), 400
        else:
            messages.success(request, _("Your conversation is open. Thank you for starting it."))
            return redirect(thread.get_absolute_url())
    context = selectors.space_threads(
        user=request.user, space=space, page_number=request.GET.get("page"), move=request.GET.get("move", "")
    )
    context.update(
        error=error,
        draft=draft,
        readings=_course_readings(space) if context["can_moderate"] else [],
        gathering_mode=Thread.Mode.GATHERING,
    )
    return TemplateResponse(request, "forums/space_detail.html", context, status=status)


# --- threads ---------------------------------------------------------------------------------------------


def _render_thread(
    request: HttpRequest, thread: Thread, *, error: str | None = None, draft: dict | None = None, status=200
) -> HttpResponse:
    context = selectors.thread_page(user=request.user, thread=thread, page_number=request.GET.get("page"))
    shown = [i.post.pk for item in context["items"] for i in (item, *item.replies)]
    # What the page shows is marked read by a small POST (thread_read) that the page's script sends,
    # or its "Mark as read" button without JavaScript: reading the page writes nothing.
    context["read_form"] = (
        {"up_to": context["read_up_to"], "shown": ",".join(map(str, shown)), "next": request.get_full_path()}
        if status == 200 and (context["read_up_to"] or shown)
        else None
    )
    # ?passage=<paragraph id> (from "comment on this paragraph" in a lesson) preselects the passage.
    draft = draft or {"passage_start": request.GET.get("passage", "")}
    context.update(error=error, draft=draft, spaces=[], replying_to=None)
    reply_to_id = _int((draft or {}).get("reply_to") or request.GET.get("reply_to"))
    if reply_to_id and context["can_post"]:
        shown = [i for item in context["items"] for i in (item, *item.replies)]
        context["replying_to"] = next(
            (i.post for i in shown if i.post.pk == reply_to_id and i.post.is_visible), None
        )
    if context["can_moderate"]:
        context["spaces"] = access.visible_spaces(request.user, thread.cohort)
    return TemplateResponse(request, "forums/thread_detail.html", context, status=status)


@login_required
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access.get_thread_or_404(request.user, pk)
    if "unread" in request.GET and "page" not in request.GET:
        post = selectors.first_unread_post(user=request.user, thread=thread)
        if post is not None:
            return redirect(_post_url(thread, post))
    return _render_thread(request, thread)


@require_POST
@login_required
def thread_reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access.get_thread_or_404(request.user, pk, include_hidden=True)
    next_url = _safe_next(request)
    fields = ("body", "reply_to", "quote_text", "move", "passage_start", "passage_end")
    draft = {k: request.POST.get(k, "") for k in fields}
    try:
        post = services.post_publish(
            user=request.user,
            thread=thread,
            body=draft["body"],
            reply_to=parsing.reply_target(thread=thread, post_id=draft["reply_to"]),
            quote_text=draft["quote_text"],
            move=_int(draft["move"]),
            passage=_passage_from(request, thread),
            client_token=_client_token(request),
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        if next_url:
            messages.error(request, _errors(exc))
            request.session[DRAFT_SESSION_KEY % thread.pk] = draft["body"]
            return redirect(next_url)
        if thread.hidden and not access.can_moderate(request.user, thread.cohort):
            messages.error(request, _errors(exc))
            return redirect(thread.space.get_absolute_url())
        return _render_thread(request, thread, error=_errors(exc), draft=draft, status=400)
    request.session.pop(DRAFT_SESSION_KEY % thread.pk, None)
    messages.success(request, _("Your contribution is published."))
    if next_url:
        return redirect(next_url)
    return redirect(_post_url(thread, post))


@require_POST
@login_required
def thread_read(request: HttpRequest, pk: int) -> HttpResponse:
    """The reader has seen a page of the thread: its read mark and the notifications of what it showed.

    Sent by the thread page's script (answered 204) or its button without JavaScript (redirected back).
    """
    thread = access.get_thread_or_404(request.user, pk)
    services.thread_read(
        user=request.user,
        thread=thread,
        up_to=parsing.to_int(request.POST.get("up_to")),
        post_ids=parsing.id_list(request.POST.get("shown", "")),
    )
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect(_safe_next(request) or thread.get_absolute_url())


@require_POST
@login_required
def thread_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access.get_thread_or_404(request.user, pk)
    if not access.can_moderate(request.user, thread.cohort):
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action == "move":
            target = Space.objects.filter(pk=_int(request.POST.get("space")), cohort=thread.cohort).first()
            if target is None:
                raise ValidationError(_("Choose a space of this cohort."))
            services.thread_move(user=request.user, thread=thread, space=target)
        else:
            services.thread_set_flag(user=request.user, thread=thread, action=action)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("The conversation was updated."))
    return redirect(thread.get_absolute_url())


@require_POST
@login_required
def thread_subscription(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose watching / normal / muted for a thread (a plain form: works without JavaScript)."""
    thread = access.get_thread_or_404(request.user, pk)
    try:
        services.thread_subscribe(user=request.user, thread=thread, level=request.POST.get("level", ""))
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Your notification level for this conversation was saved."))
    return redirect(_safe_next(request) or thread.get_absolute_url())


@require_POST
@login_required
def space_subscription(request: HttpRequest, pk: int) -> HttpResponse:
    """A facilitator watches, or stops watching, every conversation of a space."""
    space = access.get_space_or_404(request.user, pk)
    if not access.can_moderate(request.user, space.cohort):
        raise Http404
    watching = request.POST.get("watch") == "1"
    services.space_watch(user=request.user, space=space, watching=watching)
    if watching:
        messages.success(request, _("You now watch every conversation of this space."))
    else:
        messages.success(request, _("You no longer watch this whole space."))
    return redirect(space.get_absolute_url())


# --- posts -----------------------------------------------------------------------------------------------


@login_required
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.get_post_or_404(request.user, pk)
    return redirect(_post_url(post.thread, post))


@login_required
def post_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    """One contribution as the thread page shows it, for live updates (same access rules)."""
    post = access.get_post_or_404(request.user, pk)
    context = selectors.post_fragment(user=request.user, post=post)
    if context is None:
        raise Http404
    response = TemplateResponse(request, "forums/includes/post.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.get_post_or_404(request.user, pk)
    thread = post.thread
    moderator = access.can_moderate(request.user, thread.cohort)
    editable = access.can_edit_post(request.user, post)
    if not editable and not moderator:
        raise Http404
    error, body, status = None, post.body_markdown, 200
    if request.method == "POST":
        if not editable:
            raise Http404
        body = request.POST.get("body", "")
        try:
            services.post_edit(user=request.user, post=post, body=body, move=_int(request.POST.get("move")))
        except ValidationError as exc:
            error, status = _errors(exc), 400
        else:
            messages.success(request, _("Your contribution was updated."))
            return redirect(_post_url(thread, post))
    context = {
        "post": post,
        "thread": thread,
        "cohort": thread.cohort,
        "editable": editable,
        "body": body,
        "error": error,
        "moves": selectors.DialogicMove.objects.filter(course_id=thread.cohort.course_id, active=True),
        "revisions": list(post.revisions.select_related("edited_by")) if moderator else [],
    }
    return TemplateResponse(request, "forums/post_edit.html", context, status=status)


@login_required
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.get_post_or_404(request.user, pk)
    if not access.can_delete_post(request.user, post):
        raise Http404
    if request.method == "POST":
        services.post_delete(user=request.user, post=post)
        messages.success(request, _("Your contribution was withdrawn."))
        return redirect(_post_url(post.thread, post))
    return TemplateResponse(request, "forums/post_delete.html", {"post": post, "thread": post.thread})


@require_POST
@login_required
def post_react(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.get_post_or_404(request.user, pk)
    try:
        services.reaction_toggle(user=request.user, post=post, kind=request.POST.get("kind", ""))
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(_safe_next(request) or _post_url(post.thread, post))


@require_POST
@login_required
def post_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.get_post_or_404(request.user, pk)
    if not access.can_moderate(request.user, post.thread.cohort):
        raise Http404
    try:
        if request.POST.get("action") == "unhide":
            services.post_unhide(user=request.user, post=post)
            messages.success(request, _("The contribution is visible again."))
        else:
            services.post_hide(user=request.user, post=post, reason=request.POST.get("reason", ""))
            messages.success(request, _("The contribution is hidden; its author sees why."))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(_post_url(post.thread, post))


# --- voices ------------------------------------------------------------------------------------------------


@login_required
def cohort_voices(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = course_access.get_visible_cohort_or_404(request.user, cohort_id)
    if not access.can_moderate(request.user, cohort):
        raise Http404
    space = None
    if space_id := _int(request.GET.get("space")):
        space = Space.objects.filter(pk=space_id, cohort=cohort).select_related("group").first()
        if space is None:
            raise Http404
    context = selectors.voices(cohort=cohort, space=space)
    context["spaces"] = access.visible_spaces(request.user, cohort)
    return TemplateResponse(request, "forums/voices.html", context)


# --- search ----------------------------------------------------------------------------------------------


@login_required
def cohort_search(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = course_access.get_visible_cohort_or_404(request.user, cohort_id)
    context = search.search(
        user=request.user, cohort=cohort, query=request.GET.get("q", ""), page_number=request.GET.get("page")
    )
    if context["page_obj"] is not None:
        context["extra_query"] = "&" + urlencode({"q": context["query"]})
    return TemplateResponse(request, "forums/search.html", context)


# --- mention autocomplete ---------------------------------------------------------------------------------


@login_required
def cohort_members_json(request: HttpRequest, cohort_id: int) -> JsonResponse:
    """Members one may @mention, for the post form's autocomplete: ?q=<start>&space=<space id>."""
    cohort = course_access.get_visible_cohort_or_404(request.user, cohort_id)
    space = None
    if space_id := _int(request.GET.get("space")):
        space = Space.objects.filter(pk=space_id, cohort=cohort).select_related("group", "cohort").first()
        if space is None or not access.can_post(request.user, space):
            raise Http404
    elif not course_access.can_take_part(request.user, cohort):  # the cohort space: its writers
        raise Http404
    members = selectors.mention_candidates(
        user=request.user, cohort=cohort, space=space, query=request.GET.get("q", "")
    )
    response = JsonResponse({"members": members})
    response["Cache-Control"] = "private, max-age=60"
    return response


# --- notifications -----------------------------------------------------------------------------------------


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to its contribution (which checks access again)."""
    notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
    if notification is None:
        raise Http404
    notifications.mark_read(user=request.user, notification_ids=[notification.pk])
    if request.POST.get("go") == "1":
        return redirect("forums:post", notification.post_id)
    return redirect(_safe_next(request) or "workspace:notifications")


@require_POST
@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """The member's forum e-mail choices: language, mentions and replies, daily digest."""
    emails.preferences_update(
        user=request.user,
        language=request.POST.get("language", ""),
        email_immediate=request.POST.get("email_immediate") == "1",
        email_digest=request.POST.get("email_digest") == "1",
    )
    messages.success(request, _("Your e-mail choices were saved."))
    return redirect("workspace:notifications")


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.mark_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect(_safe_next(request) or "workspace:notifications")


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe from a forum e-mail, without signing in: GET confirms, POST acts.

    The signed token names the member and the kind of e-mail; it is the only credential needed, and
    all it can do is stop e-mails.
    """
    found = emails.read_unsubscribe_token(token)
    if found is None:
        return TemplateResponse(request, "forums/unsubscribe.html", {"invalid": True}, status=404)
    user_id, what = found
    done = False
    if request.method == "POST":
        emails.unsubscribe(user_id=user_id, what=what)
        done = True
    context = {"what": what, "done": done, "token": token, "digest": what == emails.DIGEST}
    return TemplateResponse(request, "forums/unsubscribe.html", context)
