"""Attendance: joins and leaves from the sockets, several tabs once, facilitators only, CSV export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from live.attendance import _merged_seconds, cohort_attendance
from live.models import Connection
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db


def at(minutes: int) -> dt.datetime:
    return timezone.now().replace(microsecond=0) - dt.timedelta(hours=2) + dt.timedelta(minutes=minutes)


def connection(gathering, user, start, end, **extra):
    return Connection.objects.create(
        gathering=gathering,
        user=user,
        channel_name="x",
        joined_at=at(start),
        last_seen_at=at(end),
        left_at=at(end),
        **extra,
    )


def test_overlapping_tabs_count_once_and_gaps_do_not_count():
    spans = [(at(0), at(30)), (at(10), at(20)), (at(40), at(50))]
    assert _merged_seconds(spans) == 40 * 60
    assert _merged_seconds([]) == 0


def test_cohort_attendance_lists_everyone_with_zeros(world):
    gathering = make_gathering(world.cohort, starts_at=at(0), ends_at=at(90))
    connection(gathering, world.participant, 0, 30)
    connection(gathering, world.participant, 10, 45)  # a second tab
    connection(gathering, world.facilitator, 0, 60)
    gatherings, rows = cohort_attendance(world.cohort)
    assert gatherings == [gathering]
    minutes = {row.enrollment.user_id: row.minutes[0] for row in rows}
    assert minutes == {world.participant.pk: 45, world.facilitator.pk: 60, world.observer.pk: 0}


def test_crashed_socket_counts_until_its_last_heartbeat(world):
    gathering = make_gathering(world.cohort, starts_at=at(0), ends_at=at(90))
    Connection.objects.create(
        gathering=gathering, user=world.participant, channel_name="x", joined_at=at(0), last_seen_at=at(25)
    )
    _gatherings, rows = cohort_attendance(world.cohort)
    assert {r.enrollment.user_id: r.total for r in rows}[world.participant.pk] == 25


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 404), ("observer", 404), ("outsider", 404), ("facilitator", 200), ("staff", 200)],
)
def test_attendance_page_is_for_facilitators(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(reverse("live:cohort_attendance", args=[world.cohort.pk])).status_code == status


def test_attendance_csv_opens_in_spreadsheets(client, world):
    gathering = make_gathering(world.cohort, title="Tertulia de apertura", starts_at=at(0), ends_at=at(90))
    connection(gathering, world.participant, 0, 30)
    client.force_login(world.facilitator)
    response = client.get(reverse("live:cohort_attendance", args=[world.cohort.pk]) + "?format=csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert "Tertulia de apertura" in lines[0]
    participant_line = next(line for line in lines if world.participant.username in line)
    assert participant_line.endswith(",30,30")
