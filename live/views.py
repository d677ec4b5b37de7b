"""Room and record pages, and the no-JavaScript forms of the room (chat, raise/lower hand)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import access as course_access
from live import access, attendance, calendar, selectors
from live.models import CalendarFeed, Gathering
from live.room.errors import RoomError, flash
from live.room.frames import ClientFrame
from live.room.moderation import notes_save
from live.room.registry import dispatch
from live.room.state import welcome
from lms.exports import table_response
from lms.typing import AuthenticatedHttpRequest


@login_required
def room_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gathering = access.get_gathering_or_404(request.user, pk)
    context = {
        "gathering": gathering,
        "cohort": gathering.cohort,
        "is_open": gathering.is_open(),
        "can_act": access.can_act_in_gathering(request.user, gathering),
        "client_msg_id": uuid.uuid4().hex,
    }
    if gathering.is_open():
        context["state"] = welcome(gathering, request.user)
        context["chat"] = selectors.recent_chat(gathering)
        context["room_config"] = {
            "gatheringId": gathering.pk,
            "lastEventId": gathering.last_event_id,
            "wsPath": f"/ws/gatherings/{gathering.pk}/",
            "eventsUrl": reverse("live:api_events", args=[gathering.pk]),
            "messagesUrl": reverse("live:api_messages", args=[gathering.pk]),
            "userId": request.user.pk,
            "i18n": {
                "connecting": _("Connecting…"),
                "online": _("Connected"),
                "offline": _("Connection lost. Reconnecting…"),
                "polling": _("Your network blocks live updates: refreshing every few seconds."),
                "refused": _("You cannot join this room."),
                "ended": _("The gathering has ended."),
                "record": _("Read the record"),
                "hasFloor": _("%(name)s has the floor"),
                "nobodyFloor": _("Nobody has the floor."),
                "nobodyWaiting": _("Nobody is waiting."),
                "turn": _("turn"),
                "turns": _("turns"),
                "give": _("Give the floor"),
                "makeModerator": _("Make moderator"),
                "moderatorNow": _("%(name)s is now the moderator."),
                "vote": _("Vote"),
                "closePoll": _("Close poll"),
                "pollClosed": _("Poll closed"),
                "pending": _("sending…"),
                "round": _("round %(n)s"),
                "group": _("Group %(n)s"),
                "volunteer": _("volunteer"),
                "yourGroup": _("your group"),
                "groupsEnded": _("Everyone is back together."),
            },
        }
    return TemplateResponse(request, "live/room.html", context)


@login_required
def record_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gathering = access.get_gathering_or_404(request.user, pk)
    context = {"gathering": gathering, "cohort": gathering.cohort, **selectors.gathering_record(gathering)}
    return TemplateResponse(request, "live/record.html", context)


def _frame(request: HttpRequest) -> ClientFrame | None:
    """The protocol frame a plain form stands for (its `action`), or None."""
    action = request.POST.get("action")
    if action == "chat":
        return {
            "type": "chat.send",
            "text": request.POST.get("text", ""),
            "client_msg_id": request.POST.get("client_msg_id"),
        }
    if action == "raise":
        return {"type": "hand.raise", "passage": request.POST.get("passage", "")}
    if action == "lower":
        return {"type": "hand.lower"}
    return None


@require_POST
@login_required
def room_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The room's main actions as plain forms, for browsers without JavaScript or WebSockets."""
    gathering = access.get_gathering_or_404(request.user, pk)
    if request.POST.get("action") == "notes":
        try:
            notes_save(gathering=gathering, user=request.user, notes=request.POST.get("notes", ""))
            messages.success(request, _("Notes saved."))
        except RoomError as error:
            flash(request, error)
        return redirect(gathering.get_absolute_url() + "#notes")
    frame = _frame(request)
    if frame is not None:
        try:
            dispatch(gathering=gathering, user=request.user, frame=frame)
        except RoomError as error:
            flash(request, error)
    return redirect(gathering.get_absolute_url() + "#chat")


@login_required
def cohort_calendar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = course_access.get_visible_cohort_or_404(request.user, pk)
    gatherings = list(calendar.gatherings_for(request.user).filter(cohort=cohort))
    now = timezone.now()
    feed = calendar.feed_for(request.user)
    context = {
        "cohort": cohort,
        "upcoming": [g for g in gatherings if g.ends_at >= now and g.status == Gathering.Status.SCHEDULED],
        "past": [
            g for g in reversed(gatherings) if g.ends_at < now or g.status != Gathering.Status.SCHEDULED
        ],
        "feed_url": request.build_absolute_uri(reverse("live:feed", args=[feed.token])),
    }
    return TemplateResponse(request, "live/calendar.html", context)


@require_POST
@login_required
def feed_regenerate(request: AuthenticatedHttpRequest) -> HttpResponse:
    calendar.feed_regenerate(user=request.user)
    messages.success(request, _("Your calendar address changed. Add the new one to your calendar app."))
    next_url = request.POST.get("next")
    if next_url is None or not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "workspace:my_learning"
    return redirect(next_url)


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: the secret token is the credential, so calendar apps need no sign-in."""
    feed_row = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed_row is None or not feed_row.user.is_active:
        raise Http404
    body = calendar.calendar_bytes(calendar.gatherings_for(feed_row.user), name="Tertulia")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def gathering_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gathering = access.get_gathering_or_404(request.user, pk)
    response = HttpResponse(
        calendar.calendar_bytes([gathering], name=gathering.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="tertulia-{gathering.pk}.ics"'
    return response


@login_required
def attendance_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Facilitators: minutes per member and gathering, for one cohort; CSV with ?format=csv."""
    cohort = course_access.get_visible_cohort_or_404(request.user, pk)
    if not course_access.can_manage_cohort(request.user, cohort):
        raise Http404
    gatherings, rows = attendance.cohort_attendance(cohort)
    if request.GET.get("format") == "csv":
        header = [
            _("Name"),
            _("Username"),
            _("Role"),
            *[f"{g.starts_at:%Y-%m-%d} {g.title}" for g in gatherings],
            _("Total minutes"),
        ]
        body: list[list[str | int]] = [
            [
                row.enrollment.user.get_full_name(),
                row.enrollment.user.get_username(),
                row.enrollment.get_role_display(),
                *row.minutes,
                row.total,
            ]
            for row in rows
        ]
        return table_response(filename=f"attendance-cohort-{cohort.pk}", fmt="csv", header=header, rows=body)
    context = {"cohort": cohort, "gatherings": gatherings, "rows": rows}
    return TemplateResponse(request, "live/attendance.html", context)
