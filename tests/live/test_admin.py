"""Gatherings in the Wagtail admin: facilitators schedule for their own cohorts only; weekly repeats."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses import services
from courses.models import Enrollment
from live.models import Gathering
from live.services import gathering_repeat_weekly
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/live/gathering/"


@pytest.fixture
def facilitator_client(client, world):
    services.enrolment_add(cohort=world.cohort, user=world.facilitator, role=Enrollment.Role.FACILITATOR)
    client.force_login(world.facilitator)
    return client


def test_facilitator_creates_a_weekly_gathering_for_their_cohort(facilitator_client, world):
    start = (timezone.now() + dt.timedelta(days=2)).astimezone(world.cohort.tz)
    start = start.replace(second=0, microsecond=0)
    data = {
        "cohort": world.cohort.pk,
        "title": "Tertulia semanal",
        "kind": "dialogic",
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "status": "scheduled",
        "repeat_weeks": "2",
    }
    response = facilitator_client.post(ADMIN + "add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = list(Gathering.objects.filter(title="Tertulia semanal").order_by("starts_at"))
    assert len(created) == 3
    local = [g.starts_at.astimezone(world.cohort.tz) for g in created]
    assert [d.time() for d in local] == [local[0].time()] * 3
    assert (local[2].date() - local[0].date()).days == 14


def test_facilitator_cannot_schedule_for_or_open_another_cohort(facilitator_client, world):
    foreign = make_gathering(world.other_cohort, title="Ajena")
    assert facilitator_client.get(ADMIN + f"edit/{foreign.pk}/").status_code in {302, 403}
    assert facilitator_client.get(ADMIN + f"delete/{foreign.pk}/").status_code in {302, 403}
    listing = facilitator_client.get(ADMIN).content.decode()
    assert "Ajena" not in listing
    start = timezone.now() + dt.timedelta(days=1)
    data = {
        "cohort": world.other_cohort.pk,
        "title": "Intrusa",
        "kind": "dialogic",
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "status": "scheduled",
    }
    facilitator_client.post(ADMIN + "add/", data)
    assert not Gathering.objects.filter(title="Intrusa").exists()


def test_repeat_weekly_bounds_and_ends_after_start(world):
    gathering = make_gathering(world.cohort)
    with pytest.raises(ValidationError, match="30"):
        gathering_repeat_weekly(gathering=gathering, weeks=31)
    assert gathering_repeat_weekly(gathering=gathering, weeks=0) == []
    assert Gathering.objects.count() == 1
