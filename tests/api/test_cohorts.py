"""Cohorts: the list, detail, members, enrolment, and the facilitators' progress and participation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from courses import services
from courses.models import Cohort, CohortGroup, Enrollment
from live.models import Connection, Turn
from tests.api.conftest import API, client_for
from tests.factories import enrol, make_cohort, make_user
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db


def test_cohort_list_is_the_callers_and_staff_see_all(world):
    data = client_for(world.participant).get(f"{API}cohorts/").json()
    assert [c["id"] for c in data["results"]] == [world.cohort.pk]
    assert data["results"][0]["role"] == "participant"
    assert data["results"][0]["course"]["id"] == world.tree.course.pk
    staff = client_for(world.staff).get(f"{API}cohorts/").json()
    assert {c["id"] for c in staff["results"]} == {world.cohort.pk, world.other_cohort.pk}
    assert all(c["role"] is None for c in staff["results"])


def test_cohort_list_filters(world):
    client = client_for(world.staff)
    by_course = client.get(f"{API}cohorts/?course={world.other_tree.course.pk}").json()["results"]
    assert [c["id"] for c in by_course] == [world.other_cohort.pk]
    assert client_for(world.facilitator).get(f"{API}cohorts/?role=participant").json()["count"] == 0
    bad = client.get(f"{API}cohorts/?role=king")
    assert bad.status_code == 400 and "role" in bad.json()["fields"]


def test_cohort_detail_and_members(world):
    client = client_for(world.observer)
    detail = client.get(f"{API}cohorts/{world.cohort.pk}/").json()
    assert detail["role"] == "observer"
    assert detail["participant_count"] == 1
    members = client.get(f"{API}cohorts/{world.cohort.pk}/members/").json()
    assert members["count"] == 3
    assert {m["user"]["username"] for m in members["results"]} == {
        "participante",
        "facilitadora",
        "observadora",
    }
    assert all(m["last_activity_at"] is None for m in members["results"])
    only = client.get(f"{API}cohorts/{world.cohort.pk}/members/?role=facilitator").json()["results"]
    assert [m["user"]["username"] for m in only] == ["facilitadora"]


def test_other_cohorts_are_404_not_403(world):
    client = client_for(world.participant)
    for suffix in ["", "members/", "progress/", "participation/"]:
        response = client.get(f"{API}cohorts/{world.other_cohort.pk}/{suffix}")
        assert response.status_code == 404, suffix
        assert response.json() == {"code": "not_found", "detail": response.json()["detail"]}


def test_enrol_open_cohort_then_already_enrolled(world):
    newcomer = make_user("nueva")
    client = client_for(newcomer)
    response = client.post(f"{API}cohorts/{world.cohort.pk}/enrol/", {})
    assert response.status_code == 201, response.content
    assert response.json()["role"] == "participant"
    assert response.json()["cohort"]["id"] == world.cohort.pk
    again = client.post(f"{API}cohorts/{world.cohort.pk}/enrol/", {})
    assert again.status_code == 400
    assert again.json()["code"] == "already_enrolled"


def test_enrol_invite_only_needs_the_code(world):
    cohort = make_cohort(
        world.tree.course, enrolment_mode=Cohort.EnrolmentMode.INVITE, invitation_code="ANDES7"
    )
    client = client_for(make_user("invitada"))
    url = f"{API}cohorts/{cohort.pk}/enrol/"
    missing = client.post(url, {})
    assert missing.status_code == 400 and missing.json()["code"] == "code_required"
    assert "code" in missing.json()["fields"]
    wrong = client.post(url, {"code": "NOPE"})
    assert wrong.json()["code"] == "bad_code" and "code" in wrong.json()["fields"]
    assert client.post(url, {"code": "andes7"}).status_code == 201
    unknown = client_for(make_user("curiosa")).post(url, {"code": "ANDES7", "role": "facilitator"})
    assert unknown.status_code == 400 and list(unknown.json()["fields"]) == ["role"]


def test_enrol_closed_full_and_missing(world):
    client = client_for(make_user("tarde"))
    closed = make_cohort(world.tree.course, enrolment_mode=Cohort.EnrolmentMode.CLOSED)
    assert client.post(f"{API}cohorts/{closed.pk}/enrol/", {}).json()["code"] == "closed"
    full = make_cohort(world.tree.course, capacity=0)
    assert client.post(f"{API}cohorts/{full.pk}/enrol/", {}).json()["code"] == "full"
    assert client.post(f"{API}cohorts/999999/enrol/", {}).status_code == 404


def test_progress_is_participant_by_lesson(world):
    first, second = world.tree.lessons[0]
    services.lesson_complete(user=world.participant, lesson=first)
    services.lesson_complete(user=world.participant, lesson=second)
    data = client_for(world.facilitator).get(f"{API}cohorts/{world.cohort.pk}/progress/").json()
    assert data["count"] == 1
    assert [lesson["id"] for lesson in data["lessons"]] == [lesson.pk for lesson in world.tree.all_lessons]
    row = data["results"][0]
    assert row["user"]["username"] == "participante"
    assert set(row["completed"]) == {str(first.pk), str(second.pk)}
    assert (row["completed_count"], row["total"], row["percent"]) == (2, 6, 33)


def test_participation_gives_attendance_turns_posts_and_gini(world):
    second = make_user("segunda")
    enrol(second, world.cohort)
    now = timezone.now()
    gathering = make_gathering(
        world.cohort, starts_at=now - dt.timedelta(hours=2), ends_at=now - dt.timedelta(hours=1)
    )
    Connection.objects.create(
        gathering=gathering,
        user=world.participant,
        channel_name="x",
        joined_at=now - dt.timedelta(hours=2),
        left_at=now - dt.timedelta(hours=1, minutes=30),
        last_seen_at=now - dt.timedelta(hours=1, minutes=30),
    )
    Turn.objects.create(gathering=gathering, user=world.participant, ended_at=now)
    data = client_for(world.facilitator).get(f"{API}cohorts/{world.cohort.pk}/participation/").json()
    assert data["participant_count"] == 2 and data["gathering_count"] == 1
    rows = {r["user"]["username"]: r for r in data["rows"]}
    assert rows["participante"]["minutes"] == 30 and rows["participante"]["turns"] == 1
    assert rows["segunda"]["minutes"] == 0 and rows["segunda"]["gatherings_attended"] == 0
    assert data["gini"]["minutes"] == 0.5 and data["gini"]["turns"] == 0.5
    assert data["total_posts"] == 0 and rows["segunda"]["posts"] == 0


def test_members_show_groups(world):
    group = CohortGroup.objects.create(cohort=world.cohort, name="GIA Cusco")
    Enrollment.objects.filter(user=world.participant).update(group=group)
    data = (
        client_for(world.facilitator).get(f"{API}cohorts/{world.cohort.pk}/members/?group={group.pk}").json()
    )
    assert [m["group"] for m in data["results"]] == [{"id": group.pk, "name": "GIA Cusco"}]
