"""Gatherings: the schedule, creating one, attendance; the room's fallback keeps its addresses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CohortGroup
from live.models import Connection, Gathering
from tests.api.conftest import API, client_for
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db


def test_gathering_list_filters(world):
    now = timezone.now()
    past = make_gathering(
        world.cohort,
        title="Pasada",
        starts_at=now - dt.timedelta(days=3),
        ends_at=now - dt.timedelta(days=3) + dt.timedelta(hours=1),
    )
    soon = make_gathering(world.cohort, title="Pronto")
    make_gathering(world.other_cohort, title="Ajena")
    client = client_for(world.participant)
    titles = [g["title"] for g in client.get(f"{API}gatherings/").json()["results"]]
    assert titles == ["Pasada", "Pronto"]
    since = (now - dt.timedelta(days=1)).isoformat()
    response = client.get(f"{API}gatherings/", {"from": since})
    assert [g["id"] for g in response.json()["results"]] == [soon.pk]
    response = client.get(f"{API}gatherings/", {"to": since, "cohort": world.cohort.pk})
    assert [g["id"] for g in response.json()["results"]] == [past.pk]
    assert client.get(f"{API}gatherings/?cohort={world.other_cohort.pk}").json()["count"] == 0
    bad = client.get(f"{API}gatherings/?from=yesterday")
    assert bad.status_code == 400 and "from" in bad.json()["fields"]
    assert client_for(world.staff).get(f"{API}gatherings/").json()["count"] == 3


def test_gathering_detail(world):
    gathering = make_gathering(world.cohort, lesson=world.tree.lessons[0][0])
    data = client_for(world.observer).get(f"{API}gatherings/{gathering.pk}/").json()
    assert data["cohort"] == world.cohort.pk
    assert data["is_open"] is True
    assert data["lesson"]["id"] == world.tree.lessons[0][0].pk
    assert data["room_url"].endswith(f"/gatherings/{gathering.pk}/room/")
    assert client_for(world.outsider).get(f"{API}gatherings/{gathering.pk}/").status_code == 404


def _new(world, **extra):
    start = timezone.now() + dt.timedelta(days=2)
    return {
        "cohort": world.cohort.pk,
        "title": "Tertulia sobre Freire",
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
        **extra,
    }


def test_facilitator_schedules_a_gathering_with_weekly_repeats(world):
    response = client_for(world.facilitator).post(
        f"{API}gatherings/", _new(world, repeat_weeks=2, kind="meeting")
    )
    assert response.status_code == 201, response.content
    assert len(response.json()["repeats"]) == 2
    assert Gathering.objects.filter(cohort=world.cohort, kind="meeting").count() == 3


@pytest.mark.parametrize(("who", "status"), [("participant", 403), ("observer", 403), ("outsider", 400)])
def test_only_facilitators_schedule(world, who, status):
    response = client_for(getattr(world, who)).post(f"{API}gatherings/", _new(world))
    assert response.status_code == status
    if status == 400:  # another cohort's id is reported like a missing one
        assert "cohort" in response.json()["fields"]
    assert not Gathering.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"ends_at": "2020-01-01T00:00:00Z"}, "ends_at"),
        ({"kind": "party"}, "kind"),
        ({"repeat_weeks": 31}, "repeat_weeks"),
        ({"external_url": "not a url"}, "external_url"),
        ({"title": ""}, "title"),
        ({"room": 1}, "room"),
    ],
)
def test_schedule_bad_input(world, extra, field):
    response = client_for(world.facilitator).post(f"{API}gatherings/", _new(world, **extra))
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_schedule_group_and_lesson_must_belong_to_the_cohort(world):
    other_group = CohortGroup.objects.create(cohort=world.other_cohort, name="Ajeno")
    client = client_for(world.facilitator)
    assert "group" in client.post(f"{API}gatherings/", _new(world, group=other_group.pk)).json()["fields"]
    other_lesson = world.other_tree.lessons[0][0]
    assert "lesson" in client.post(f"{API}gatherings/", _new(world, lesson=other_lesson.pk)).json()["fields"]


def test_attendance_for_facilitators(world):
    gathering = make_gathering(world.cohort)
    now = timezone.now()
    Connection.objects.create(
        gathering=gathering,
        user=world.participant,
        channel_name="a",
        joined_at=now - dt.timedelta(minutes=10),
        last_seen_at=now,
    )
    data = client_for(world.facilitator).get(f"{API}gatherings/{gathering.pk}/attendance/").json()
    minutes = {r["user"]["username"]: r["minutes"] for r in data["results"]}
    assert minutes == {"participante": 10, "facilitadora": 0, "observadora": 0}
    assert client_for(world.participant).get(f"{API}gatherings/{gathering.pk}/attendance/").status_code == 403
    assert client_for(world.outsider).get(f"{API}gatherings/{gathering.pk}/attendance/").status_code == 404


def test_room_fallback_keeps_its_addresses(world):
    gathering = make_gathering(world.cohort)
    assert reverse("live:api_events", args=[gathering.pk]) == f"{API}gatherings/{gathering.pk}/events/"
    assert reverse("api:gathering_events", args=[gathering.pk]) == f"{API}gatherings/{gathering.pk}/events/"
    assert reverse("live:api_messages", args=[gathering.pk]) == f"{API}gatherings/{gathering.pk}/messages/"
    client = client_for(world.participant)
    sent = client.post(f"{API}gatherings/{gathering.pk}/messages/", {"text": "hola", "client_msg_id": "m1"})
    assert sent.status_code == 201
    events = client.get(f"{API}gatherings/{gathering.pk}/events/?after=0").json()
    assert [e["text"] for e in events["events"]] == ["hola"]
    unknown = client.post(f"{API}gatherings/{gathering.pk}/messages/", {"text": "x", "html": "<b>"})
    assert unknown.status_code == 400 and "html" in unknown.json()["fields"]
