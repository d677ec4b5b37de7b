"""Cohort calendar, private iCalendar feeds and per-gathering .ics downloads (RFC 5545)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from courses.models import CohortGroup, Enrollment
from live import calendar
from live.models import Gathering
from tests.factories import enrol, make_user
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db


def parse(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    return [c for c in Calendar.from_ical(response.content).walk() if c.name == "VEVENT"]


def test_feed_lists_the_members_gatherings_and_reflects_changes(client, world):
    later = timezone.now() + dt.timedelta(days=3)
    gathering = make_gathering(
        world.cohort, title="Tertulia 3", starts_at=later, ends_at=later + dt.timedelta(hours=1)
    )
    make_gathering(world.other_cohort, title="De otra cohorte")
    token = calendar.feed_for(world.participant).token
    events = parse(client.get(reverse("live:feed", args=[token])))
    assert [str(e["summary"]) for e in events] == ["Tertulia 3"]
    event = events[0]
    assert str(event["uid"]) == f"gathering-{gathering.pk}@tertulia"
    assert int(event["sequence"]) == 0
    assert event.decoded("dtstart") == gathering.starts_at.replace(microsecond=0)
    assert str(event["status"]) == "CONFIRMED"

    gathering.starts_at += dt.timedelta(hours=2)
    gathering.ends_at += dt.timedelta(hours=2)
    gathering.save()
    gathering.status = Gathering.Status.CANCELLED
    gathering.save()
    event = parse(client.get(reverse("live:feed", args=[token])))[0]
    assert str(event["uid"]) == f"gathering-{gathering.pk}@tertulia"
    assert int(event["sequence"]) == 2
    assert str(event["status"]) == "CANCELLED"
    gathering.agenda = gathering.agenda  # saving without a visible change keeps the sequence
    gathering.save()
    assert Gathering.objects.get(pk=gathering.pk).sequence == 2


def test_feed_token_is_secret_and_can_be_regenerated(client, world):
    old = calendar.feed_for(world.participant).token
    assert calendar.feed_for(world.participant).token == old
    assert client.get(reverse("live:feed", args=["not-a-token"])).status_code == 404
    client.force_login(world.participant)
    client.post(reverse("live:feed_regenerate"), {"next": "/learning/"})
    new = calendar.feed_for(world.participant).token
    assert new != old
    client.logout()
    assert client.get(reverse("live:feed", args=[old])).status_code == 404
    assert client.get(reverse("live:feed", args=[new])).status_code == 200


def test_group_gatherings_reach_group_members_and_facilitators_only(world):
    group = CohortGroup.objects.create(cohort=world.cohort, name="GIA Sur")
    member = make_user("integrante")
    enrol(member, world.cohort, group=group)
    group_gathering = make_gathering(world.cohort, title="Sesión GIA", group=group)
    assert group_gathering in calendar.gatherings_for(member)
    assert group_gathering in calendar.gatherings_for(world.facilitator)
    assert group_gathering not in calendar.gatherings_for(world.participant)
    assert world.participant.enrollments.get().role == Enrollment.Role.PARTICIPANT


def test_single_gathering_download_and_calendar_page(client, world):
    gathering = make_gathering(world.cohort, title="Encuentro", agenda="Lectura del módulo 2")
    client.force_login(world.outsider)
    assert client.get(reverse("live:gathering_ics", args=[gathering.pk])).status_code == 404
    assert client.get(reverse("live:cohort_calendar", args=[world.cohort.pk])).status_code == 404
    client.force_login(world.participant)
    response = client.get(reverse("live:gathering_ics", args=[gathering.pk]))
    assert "attachment" in response["Content-Disposition"]
    (event,) = parse(response)
    assert "Lectura del módulo 2" in str(event["description"])
    page = client.get(reverse("live:cohort_calendar", args=[world.cohort.pk]))
    assert page.status_code == 200
    assert "Encuentro" in page.content.decode()
    assert calendar.feed_for(world.participant).token in page.content.decode()
