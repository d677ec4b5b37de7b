"""iCalendar (RFC 5545) feeds: one private feed per member, one file per gathering."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from icalendar import Calendar, Event

from courses import access as course_access
from live.models import CalendarFeed, Gathering
from lms.typing import User

PRODID = "-//Tertulia//Gatherings//ES"


def feed_for(user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


def feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret address; calendar apps holding the old one stop receiving updates."""
    feed = feed_for(user)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token", "created_at"])
    return feed


def gatherings_for(user: User) -> QuerySet[Gathering]:
    """Every gathering the user may join, cancelled ones included (so calendars remove them)."""
    return (
        Gathering.objects.filter(course_access.addressed_to_user_q(user))
        .select_related("cohort")
        .order_by("starts_at")
    )


def _event(gathering: Gathering, base_url: str) -> Event:
    event = Event()
    event.add("uid", f"gathering-{gathering.pk}@tertulia")
    event.add("sequence", gathering.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", gathering.updated_at)
    event.add("dtstart", gathering.starts_at)
    event.add("dtend", gathering.ends_at)
    event.add("summary", gathering.title)
    url = base_url + gathering.get_absolute_url()
    event.add("url", url)
    description = [url]
    if gathering.external_url:
        description.append(gathering.external_url)
    if gathering.agenda:
        description.append(gathering.agenda)
    event.add("description", "\n\n".join(description))
    event.add("location", gathering.external_url or url)
    event.add("status", "CANCELLED" if gathering.status == Gathering.Status.CANCELLED else "CONFIRMED")
    return event


def calendar_bytes(gatherings: Iterable[Gathering], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for gathering in gatherings:
        calendar.add_component(_event(gathering, base_url))
    return calendar.to_ical()
