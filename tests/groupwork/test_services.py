"""Services of small groups: groups and assignments (facilitators), work plan and sessions (members)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from courses.models import CohortGroup, Enrollment
from forums.models import Space
from groupwork import selectors, services
from groupwork.models import (
    NEW_COMMITMENTS_MAX,
    Commitment,
    CommitmentReview,
    CommitmentStatus,
    GroupSession,
    SessionComment,
    WorkPlan,
)
from groupwork.services import NewCommitment
from tests.factories import enrol, make_user
from tests.groupwork.conftest import days_ago, record


def group_of(enrollment) -> int | None:
    enrollment.refresh_from_db()
    return enrollment.group_id


def snapshot(cohort) -> dict[int, int | None]:
    return dict(Enrollment.objects.filter(cohort=cohort).values_list("pk", "group_id"))


# --- groups -------------------------------------------------------------------------------------------------


def test_group_create_adds_an_empty_group_with_its_private_forum_space(gw):
    group = services.group_create(cohort=gw.cohort, name="  GIA   Amazonía ", by=gw.facilitator)
    assert group.name == "GIA Amazonía"
    assert group.sort_order > gw.south.sort_order
    assert not group.enrollments.exists()
    assert Space.objects.filter(group=group, kind=Space.Kind.GROUP, cohort=gw.cohort).exists()


@pytest.mark.parametrize("name", ["", "   ", "gia norte", "x" * 121])
def test_group_create_rejects_empty_duplicate_and_long_names(gw, name):
    before = CohortGroup.objects.count()
    with pytest.raises(ValidationError) as error:
        services.group_create(cohort=gw.cohort, name=name, by=gw.facilitator)
    assert "name" in error.value.message_dict
    assert CohortGroup.objects.count() == before


def test_the_same_name_is_fine_in_another_cohort(gw):
    other = make_user("facilitador_otro")
    from courses import services as course_services

    course_services.enrolment_add(cohort=gw.world.other_cohort, user=other, role=Enrollment.Role.FACILITATOR)
    group = services.group_create(cohort=gw.world.other_cohort, name="GIA Norte", by=other)
    assert group.cohort_id == gw.world.other_cohort.pk


@pytest.mark.parametrize("role", ["member", "observer_member", "outsider"])
def test_only_facilitators_and_staff_with_rights_change_groups(gw, role):
    user = gw.user(role)
    with pytest.raises(PermissionDenied):
        services.group_create(cohort=gw.cohort, name="GIA nueva", by=user)
    with pytest.raises(PermissionDenied):
        services.group_assignments_set(cohort=gw.cohort, assignments={gw.peer_enrollment.pk: None}, by=user)
    with pytest.raises(PermissionDenied):
        services.group_delete(group=gw.north, by=user)
    assert group_of(gw.peer_enrollment) == gw.north.pk


def test_facilitator_of_another_cohort_cannot_change_groups(gw):
    from courses import services as course_services

    other = make_user("facilitador_otro")
    course_services.enrolment_add(cohort=gw.world.other_cohort, user=other, role=Enrollment.Role.FACILITATOR)
    with pytest.raises(PermissionDenied):
        services.group_rename(group=gw.north, name="Robado", by=other)


def test_staff_needs_the_wagtail_change_permission(gw):
    with pytest.raises(PermissionDenied):
        services.group_create(cohort=gw.cohort, name="GIA staff", by=gw.staff)
    superuser = make_user("raiz", staff=True, is_superuser=True)
    assert services.group_create(cohort=gw.cohort, name="GIA staff", by=superuser).pk


def test_rename_keeps_the_forum_space_in_step_unless_it_was_renamed_by_hand(gw):
    from forums.services import space_ensure_for_cohort

    space_ensure_for_cohort(cohort=gw.cohort)
    services.group_rename(group=gw.north, name="GIA Norte Andino", by=gw.facilitator)
    gw.north.refresh_from_db()
    assert gw.north.name == "GIA Norte Andino"
    assert Space.objects.get(group=gw.north).title.endswith("GIA Norte Andino")
    Space.objects.filter(group=gw.south).update(title="Nuestro rincón")
    services.group_rename(group=gw.south, name="GIA Sur Andino", by=gw.facilitator)
    assert Space.objects.get(group=gw.south).title == "Nuestro rincón"


def test_rename_to_another_groups_name_is_refused(gw):
    with pytest.raises(ValidationError):
        services.group_rename(group=gw.north, name="GIA SUR", by=gw.facilitator)
    gw.north.refresh_from_db()
    assert gw.north.name == "GIA Norte"


def test_delete_keeps_the_members_who_become_ungrouped(gw, first_session):
    ungrouped = services.group_delete(group=gw.north, by=gw.facilitator)
    assert ungrouped == 3  # member, peer, observer
    assert not CohortGroup.objects.filter(pk=gw.north.pk).exists()
    assert Enrollment.objects.filter(pk=gw.member_enrollment.pk, group__isnull=True).exists()
    assert Enrollment.objects.filter(cohort=gw.cohort).count() == 4 + 1  # world's 3 + peer + other
    assert not GroupSession.objects.filter(group_id=gw.north.pk).exists()
    assert group_of(gw.other_enrollment) == gw.south.pk


# --- assignments --------------------------------------------------------------------------------------------


def test_assignments_are_applied_and_only_changes_are_reported(gw):
    changes = services.group_assignments_set(
        cohort=gw.cohort,
        assignments={
            gw.member_enrollment.pk: gw.south.pk,
            gw.peer_enrollment.pk: gw.north.pk,  # unchanged
            gw.other_enrollment.pk: None,
        },
        by=gw.facilitator,
    )
    assert changes == {gw.member_enrollment.pk: gw.south.pk, gw.other_enrollment.pk: None}
    assert group_of(gw.member_enrollment) == gw.south.pk
    assert group_of(gw.other_enrollment) is None


def test_assignments_accept_the_strings_of_a_form(gw):
    services.group_assignments_set(
        cohort=gw.cohort,
        assignments={str(gw.member_enrollment.pk): str(gw.south.pk), str(gw.other_enrollment.pk): ""},
        by=gw.facilitator,
    )
    assert group_of(gw.member_enrollment) == gw.south.pk
    assert group_of(gw.other_enrollment) is None


def test_an_enrolment_of_another_cohort_rejects_the_whole_request(gw):
    foreign = Enrollment.objects.get(user=gw.outsider)
    before = snapshot(gw.cohort)
    with pytest.raises(ValidationError) as error:
        services.group_assignments_set(
            cohort=gw.cohort,
            assignments={gw.member_enrollment.pk: gw.south.pk, foreign.pk: gw.north.pk},
            by=gw.facilitator,
        )
    assert "Nothing was changed" in " ".join(error.value.messages) or error.value.code == "foreign_enrollment"
    assert snapshot(gw.cohort) == before
    foreign.refresh_from_db()
    assert foreign.group_id is None


def test_a_group_of_another_cohort_rejects_the_whole_request(gw):
    foreign_group = CohortGroup.objects.create(cohort=gw.world.other_cohort, name="Ajeno")
    before = snapshot(gw.cohort)
    with pytest.raises(ValidationError) as error:
        services.group_assignments_set(
            cohort=gw.cohort,
            assignments={gw.other_enrollment.pk: None, gw.member_enrollment.pk: foreign_group.pk},
            by=gw.facilitator,
        )
    assert error.value.code == "foreign_group"
    assert snapshot(gw.cohort) == before


def test_facilitators_and_observers_are_not_placed_by_assignments(gw):
    facilitator = Enrollment.objects.get(user=gw.facilitator, cohort=gw.cohort)
    before = snapshot(gw.cohort)
    for enrollment in (facilitator, gw.observer_enrollment):
        with pytest.raises(ValidationError):
            services.group_assignments_set(
                cohort=gw.cohort, assignments={enrollment.pk: gw.south.pk}, by=gw.facilitator
            )
    assert snapshot(gw.cohort) == before


@pytest.mark.parametrize(
    "assignments",
    [
        {"abc": None},
        {-1: None},
        {0: None},
        {"member": "x"},
        {"member": -3},
        {"member": 1.5j},
        {"member": True},
    ],
)
def test_garbage_ids_are_refused_and_change_nothing(gw, assignments):
    assignments = {
        (gw.member_enrollment.pk if key == "member" else key): value for key, value in assignments.items()
    }
    before = snapshot(gw.cohort)
    with pytest.raises(ValidationError):
        services.group_assignments_set(cohort=gw.cohort, assignments=assignments, by=gw.facilitator)
    assert snapshot(gw.cohort) == before


def test_distribute_places_ungrouped_participants_evenly_and_deterministically(gw):
    third = CohortGroup.objects.create(cohort=gw.cohort, name="GIA Centro", sort_order=3)
    # north has 2 participants (the observer does not count), south 1, the third none.
    names = ["Elena", "Ana", "Carla", "Bruno", "Dario"]
    people = {name: enrol(make_user(name.lower(), first_name=name), gw.cohort) for name in names}
    placed = services.group_distribute_ungrouped(cohort=gw.cohort, by=gw.facilitator)
    by_name = {name: placed[e.pk] for name, e in people.items()}
    # In order of name: Ana → third (0), Bruno → south (1, tie with third broken by order), Carla →
    # third (1), Dario → north (2, ties broken by order), Elena → south (2).
    assert by_name == {
        "Ana": third.pk,
        "Bruno": gw.south.pk,
        "Carla": third.pk,
        "Dario": gw.north.pk,
        "Elena": gw.south.pk,
    }
    sizes = sorted(
        Enrollment.objects.filter(cohort=gw.cohort, role=Enrollment.Role.PARTICIPANT, group=g).count()
        for g in (gw.north, gw.south, third)
    )
    assert sizes == [2, 3, 3]
    assert services.group_distribute_ungrouped(cohort=gw.cohort, by=gw.facilitator) == {}


def test_distribute_needs_a_group(world):
    from courses import services as course_services

    course_services.enrolment_add(
        cohort=world.cohort, user=world.facilitator, role=Enrollment.Role.FACILITATOR
    )
    with pytest.raises(ValidationError):
        services.group_distribute_ungrouped(cohort=world.cohort, by=world.facilitator)


# --- work plan ----------------------------------------------------------------------------------------------


def test_members_write_and_update_the_work_plan(gw):
    plan = services.work_plan_update(
        group=gw.north, by=gw.member, purpose="  Propósito  ", rhythm=" Cada  martes "
    )
    assert (plan.purpose, plan.rhythm, plan.updated_by) == ("Propósito", "Cada martes", gw.member)
    services.work_plan_update(group=gw.north, by=gw.facilitator, purpose="Otro", rhythm="")
    assert WorkPlan.objects.get(group=gw.north).purpose == "Otro"
    assert WorkPlan.objects.count() == 1


def test_work_plan_bad_input_and_rights(gw):
    with pytest.raises(ValidationError) as error:
        services.work_plan_update(group=gw.north, by=gw.member, purpose="x", rhythm="y" * 201)
    assert "rhythm" in error.value.message_dict
    for role in ("observer_member", "other_group", "outsider"):
        with pytest.raises(PermissionDenied):
            services.work_plan_update(group=gw.north, by=gw.user(role), purpose="x")
    assert not WorkPlan.objects.exists()


# --- sessions and the carry-over of commitments -------------------------------------------------------------


def test_a_session_records_attendance_text_and_new_commitments(gw, first_session):
    assert first_session.group == gw.north
    assert set(first_session.attendees.all()) == {gw.member_enrollment, gw.peer_enrollment}
    assert "<p>" in first_session.record_html
    made = list(first_session.commitments_made.order_by("pk"))
    assert [c.owner_id for c in made] == [gw.peer_enrollment.pk, None, gw.member_enrollment.pk]
    assert all(c.status == CommitmentStatus.PENDING for c in made)
    assert [c.pk for c in selectors.open_commitments(group=gw.north)] == [c.pk for c in made]
    assert not CommitmentReview.objects.exists()  # the first session had nothing to open with


def test_the_next_session_opens_with_the_last_sessions_commitments(gw, first_session):
    peers, whole_group, mine = first_session.commitments_made.order_by("pk")
    second = record(
        gw,
        days=4,
        by=gw.peer,
        reviewed={peers.pk: "done", whole_group.pk: "pending", mine.pk: "dropped"},
        new_commitments=[NewCommitment(text="Registrar quién habla")],
    )
    peers.refresh_from_db()
    whole_group.refresh_from_db()
    mine.refresh_from_db()
    assert (peers.status, peers.closed_in) == (CommitmentStatus.DONE, second)
    assert (mine.status, mine.closed_in) == (CommitmentStatus.DROPPED, second)
    assert (whole_group.status, whole_group.closed_in) == (CommitmentStatus.PENDING, None)
    # Every open commitment got one review in the session, and each keeps where it was made.
    assert {(r.commitment_id, r.status) for r in second.reviews.all()} == {
        (peers.pk, "done"),
        (whole_group.pk, "pending"),
        (mine.pk, "dropped"),
    }
    assert whole_group.made_in == first_session
    open_now = selectors.open_commitments(group=gw.north)
    assert [c.text for c in open_now] == ["Leer el capítulo 2", "Registrar quién habla"]
    assert [c.carried for c in open_now] == [1, 0]

    # The third session opens with what the second left open: the carried one and the new one.
    new = open_now[1]
    third = record(gw, days=1, reviewed={whole_group.pk: "done"})
    assert {r.commitment_id: r.status for r in third.reviews.all()} == {
        whole_group.pk: "done",
        new.pk: "pending",
    }
    whole_group.refresh_from_db()
    assert whole_group.closed_in == third and whole_group.made_in == first_session
    assert list(whole_group.reviews.order_by("session__held_on").values_list("status", flat=True)) == [
        "pending",
        "done",
    ]


def test_commitments_not_mentioned_are_carried_over(gw, first_session):
    second = record(gw, days=3)
    assert second.reviews.count() == 3
    assert set(second.reviews.values_list("status", flat=True)) == {"pending"}
    assert len(selectors.open_commitments(group=gw.north)) == 3


def test_the_same_form_sent_twice_records_one_session(gw, first_session):
    token = uuid.uuid4()
    peers = first_session.commitments_made.order_by("pk").first()
    arguments = {
        "days": 2,
        "reviewed": {peers.pk: "done"},
        "new_commitments": [NewCommitment(text="Uno nuevo")],
        "client_token": token,
    }
    one = record(gw, **arguments)
    counts = (GroupSession.objects.count(), Commitment.objects.count(), CommitmentReview.objects.count())
    two = record(gw, **arguments)
    assert one == two
    assert (
        GroupSession.objects.count(),
        Commitment.objects.count(),
        CommitmentReview.objects.count(),
    ) == counts


def _state():
    return (
        GroupSession.objects.count(),
        list(Commitment.objects.order_by("pk").values_list("pk", "status", "closed_in_id")),
        CommitmentReview.objects.count(),
    )


BAD_SESSIONS = {
    "future_date": ("held_on", lambda gw, s: {"held_on": gw.cohort.today() + dt.timedelta(days=1)}),
    "far_future_date": ("held_on", lambda gw, s: {"held_on": dt.date(2999, 1, 1)}),
    "before_the_cohort": ("held_on", lambda gw, s: {"held_on": gw.cohort.starts_on - dt.timedelta(days=1)}),
    "before_the_last_session": ("held_on", lambda gw, s: {"held_on": days_ago(gw.cohort, 10)}),
    "not_a_date": ("held_on", lambda gw, s: {"held_on": "2026-01-01"}),
    "a_datetime": ("held_on", lambda gw, s: {"held_on": dt.datetime(2026, 1, 1)}),  # noqa: DTZ001
    "empty_record": ("record", lambda gw, s: {"record": ""}),
    "blank_record": ("record", lambda gw, s: {"record": "  \n\t "}),
    "long_record": ("record", lambda gw, s: {"record": "x" * 20_001}),
    "no_attendees": ("attendees", lambda gw, s: {"attendees": []}),
    "attendee_of_another_group": (
        "attendees",
        lambda gw, s: {"attendees": [gw.member_enrollment.pk, gw.other_enrollment.pk]},
    ),
    "attendee_of_another_cohort": (
        "attendees",
        lambda gw, s: {"attendees": [Enrollment.objects.get(user=gw.outsider).pk]},
    ),
    "attendee_garbage": ("attendees", lambda gw, s: {"attendees": ["abc"]}),
    "review_of_another_groups_commitment": (
        "reviewed",
        lambda gw, s: {"reviewed": {_south_commitment(gw).pk: "done"}},
    ),
    "review_unknown_status": (
        "reviewed",
        lambda gw, s: {"reviewed": {s.commitments_made.first().pk: "finished"}},
    ),
    "review_garbage_id": ("reviewed", lambda gw, s: {"reviewed": {"x": "done"}}),
    "commitment_owner_outside_the_group": (
        "new_commitments",
        lambda gw, s: {"new_commitments": [NewCommitment(text="Algo", owner=gw.other_enrollment.pk)]},
    ),
    "commitment_without_text": (
        "new_commitments",
        lambda gw, s: {"new_commitments": [NewCommitment(text=" ")]},
    ),
    "commitment_too_long": (
        "new_commitments",
        lambda gw, s: {"new_commitments": [NewCommitment(text="x" * 501)]},
    ),
    "commitment_due_before_the_session": (
        "new_commitments",
        lambda gw, s: {"new_commitments": [NewCommitment(text="Algo", due_on=days_ago(gw.cohort, 8))]},
    ),
    "too_many_commitments": (
        "new_commitments",
        lambda gw, s: {
            "new_commitments": [NewCommitment(text=f"c{i}") for i in range(NEW_COMMITMENTS_MAX + 1)]
        },
    ),
}


def _south_commitment(gw):
    session = services.group_session_record(
        group=gw.south,
        by=gw.other_group,
        held_on=days_ago(gw.cohort, 5),
        attendees=[gw.other_enrollment.pk],
        record="Sesión del sur",
        new_commitments=[NewCommitment(text="Del sur")],
    )
    return session.commitments_made.get()


@pytest.mark.parametrize("case", list(BAD_SESSIONS))
def test_bad_input_records_nothing_and_says_what_is_wrong(gw, first_session, case):
    field, change = BAD_SESSIONS[case]
    arguments = change(gw, first_session)
    before = _state()
    arguments = {"reviewed": {c.pk: "done" for c in first_session.commitments_made.all()}} | arguments
    with pytest.raises(ValidationError) as error:
        record(gw, days=3, **arguments)
    assert field in error.value.message_dict, error.value.message_dict
    assert all(message.strip() for message in error.value.messages)
    assert _state() == before


def test_every_error_is_reported_at_once(gw):
    with pytest.raises(ValidationError) as error:
        record(gw, held_on=dt.date(2999, 1, 1), record="", attendees=[])
    assert set(error.value.message_dict) == {"held_on", "record", "attendees"}


@pytest.mark.parametrize("role", ["other_group", "observer_member", "outsider"])
def test_who_cannot_record_a_session(gw, role):
    with pytest.raises(PermissionDenied):
        record(gw, by=gw.user(role))
    assert not GroupSession.objects.exists()


def test_facilitators_and_staff_may_record_for_a_group(gw):
    assert record(gw, by=gw.facilitator).recorded_by == gw.facilitator
    assert record(gw, by=gw.staff, days=2).recorded_by == gw.staff


def test_a_member_who_moved_groups_stays_in_the_old_attendance(gw, first_session):
    services.group_assignments_set(
        cohort=gw.cohort, assignments={gw.peer_enrollment.pk: gw.south.pk}, by=gw.facilitator
    )
    assert gw.peer_enrollment in first_session.attendees.all()
    with pytest.raises(ValidationError):
        record(gw, days=2, attendees=[gw.peer_enrollment.pk])


def test_the_record_is_sanitised_markdown(gw):
    session = record(gw, record="**Acuerdo** <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<strong>Acuerdo</strong>" in session.record_html
    assert "<script" not in session.record_html
    assert 'href="javascript' not in session.record_html


def test_recording_a_session_counts_as_activity(gw):
    record(gw)
    gw.member_enrollment.refresh_from_db()
    assert gw.member_enrollment.last_activity_at is not None


# --- comments -----------------------------------------------------------------------------------------------


def test_facilitators_comment_and_a_resend_is_not_duplicated(gw, first_session):
    token = uuid.uuid4()
    one = services.session_comment_add(
        session=first_session, by=gw.facilitator, body=" Bien ", client_token=token
    )
    two = services.session_comment_add(
        session=first_session, by=gw.facilitator, body=" Bien ", client_token=token
    )
    assert one == two and one.body == "Bien"
    assert SessionComment.objects.count() == 1
    with pytest.raises(ValidationError):
        services.session_comment_add(session=first_session, by=gw.member, body="   ")
    with pytest.raises(PermissionDenied):
        services.session_comment_add(session=first_session, by=gw.other_group, body="Hola")
    assert SessionComment.objects.count() == 1
