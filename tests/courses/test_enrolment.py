"""Enrolment: self-service by the cohort's rules, members added by facilitators, admin rights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Cohort, CohortGroup, Enrollment
from tests.courses.conftest import translated
from tests.factories import enrol, make_cohort, make_course, make_user


def enrol_url(cohort: Cohort) -> str:
    return reverse("courses:enrol", args=[cohort.pk])


def error_code(exc_info) -> str:
    return exc_info.value.error_list[0].code


@pytest.fixture
def newcomer(db):
    return make_user("nueva")


# --- enrolment_create ------------------------------------------------------------------------------


def test_enrolment_create_makes_a_participant(world, newcomer):
    enrollment = services.enrolment_create(user=newcomer, cohort=world.cohort)
    assert enrollment.role == Enrollment.Role.PARTICIPANT
    assert enrollment.cohort == world.cohort
    assert Enrollment.objects.filter(user=newcomer).count() == 1


def test_enrolment_create_needs_a_signed_in_user(world):
    with pytest.raises(PermissionDenied):
        services.enrolment_create(user=AnonymousUser(), cohort=world.cohort)


@pytest.mark.parametrize(
    ("setup", "code", "expected"),
    [
        ({"enrolment_mode": Cohort.EnrolmentMode.CLOSED}, "", "closed"),
        ({"enrolment_mode": Cohort.EnrolmentMode.INVITE, "invitation_code": "ABC123"}, "", "code_required"),
        (
            {"enrolment_mode": Cohort.EnrolmentMode.INVITE, "invitation_code": "ABC123"},
            "   ",
            "code_required",
        ),
        ({"enrolment_mode": Cohort.EnrolmentMode.INVITE, "invitation_code": "ABC123"}, "ABC124", "bad_code"),
        (
            {
                "enrolment_mode": Cohort.EnrolmentMode.INVITE,
                "invitation_code": "ABC123",
                "invitation_expires_at": timezone.now() - dt.timedelta(minutes=1),
            },
            "ABC123",
            "code_expired",
        ),
    ],
)
def test_enrolment_create_refuses_by_mode_and_code(world, newcomer, setup, code, expected):
    Cohort.objects.filter(pk=world.cohort.pk).update(**setup)
    world.cohort.refresh_from_db()
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(user=newcomer, cohort=world.cohort, code=code)
    assert error_code(exc_info) == expected
    assert not Enrollment.objects.filter(user=newcomer).exists()


@pytest.mark.parametrize("code", ["ABC123", "abc123", "  aBc123  "])
def test_right_invitation_code_works_whatever_the_case(world, newcomer, code):
    Cohort.objects.filter(pk=world.cohort.pk).update(
        enrolment_mode=Cohort.EnrolmentMode.INVITE,
        invitation_code="ABC123",
        invitation_expires_at=timezone.now() + dt.timedelta(days=1),
    )
    world.cohort.refresh_from_db()
    assert services.enrolment_create(user=newcomer, cohort=world.cohort, code=code).pk


def test_enrolling_twice_is_refused(world):
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(user=world.participant, cohort=world.cohort)
    assert error_code(exc_info) == "already_enrolled"
    assert Enrollment.objects.filter(user=world.participant, cohort=world.cohort).count() == 1


def test_a_facilitator_cannot_self_enrol_as_participant_too(world):
    with pytest.raises(ValidationError):
        services.enrolment_create(user=world.facilitator, cohort=world.cohort)
    assert Enrollment.objects.get(user=world.facilitator, cohort=world.cohort).role == "facilitator"


def test_ended_cohort_refuses(db, newcomer):
    tree = make_course(modules=1, lessons=1)
    ended = make_cohort(tree.course, started_days_ago=100, weeks=4)
    assert ended.has_ended
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(user=newcomer, cohort=ended)
    assert error_code(exc_info) == "ended"
    assert not Enrollment.objects.filter(user=newcomer).exists()


def test_capacity_counts_participants_only(world):
    # world.cohort has one participant, one facilitator and one observer.
    Cohort.objects.filter(pk=world.cohort.pk).update(capacity=2)
    world.cohort.refresh_from_db()
    enrol(make_user(), world.cohort, Enrollment.Role.FACILITATOR)
    second = make_user()
    services.enrolment_create(user=second, cohort=world.cohort)  # 2 of 2 participants
    third = make_user()
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(user=third, cohort=world.cohort)
    assert error_code(exc_info) == "full"
    assert not Enrollment.objects.filter(user=third).exists()
    assert world.cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT).count() == 2


# --- The enrol view --------------------------------------------------------------------------------


def test_enrol_view_success_lands_on_my_learning(client, world, newcomer):
    client.force_login(newcomer)
    response = client.post(enrol_url(world.cohort), follow=True)
    assert response.redirect_chain[-1][0] == reverse("workspace:my_learning")
    assert Enrollment.objects.filter(user=newcomer, cohort=world.cohort, role="participant").exists()
    assert translated("Welcome to %(cohort)s! Your learning starts here.", cohort=world.cohort.name) in (
        response.text
    )
    assert world.tree.course.title in response.text


def test_enrol_view_anonymous_goes_to_login(client, world):
    count = Enrollment.objects.count()
    response = client.post(enrol_url(world.cohort))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Enrollment.objects.count() == count


def test_enrol_view_needs_post(client, world, newcomer):
    client.force_login(newcomer)
    assert client.get(enrol_url(world.cohort)).status_code == 405
    assert not Enrollment.objects.filter(user=newcomer).exists()


def test_enrol_view_unknown_cohort_is_404(client, newcomer):
    client.force_login(newcomer)
    assert client.post(reverse("courses:enrol", args=[987_654])).status_code == 404


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        (
            {"enrolment_mode": "closed"},
            "",
            "Enrolment in this cohort is closed. Ask its facilitators to add you.",
        ),
        ({"enrolment_mode": "invite", "invitation_code": "XYZ"}, "", "This cohort needs an invitation code."),
        (
            {"enrolment_mode": "invite", "invitation_code": "XYZ"},
            "nope",
            "That invitation code is not valid for this cohort.",
        ),
        (
            {
                "enrolment_mode": "invite",
                "invitation_code": "XYZ",
                "invitation_expires_at": timezone.now() - dt.timedelta(days=1),
            },
            "xyz",
            "That invitation code has expired.",
        ),
        ({"capacity": 1}, "", "This cohort is full."),
    ],
)
def test_enrol_view_bad_input_shows_message_and_changes_nothing(
    client, world, newcomer, setup, code, message
):
    Cohort.objects.filter(pk=world.cohort.pk).update(**setup)
    count = Enrollment.objects.count()
    client.force_login(newcomer)
    response = client.post(enrol_url(world.cohort), {"code": code}, follow=True)
    assert response.redirect_chain[0][0] == world.tree.course.url + "#enrol"
    assert response.status_code == 200
    assert translated(message) in response.text
    assert Enrollment.objects.count() == count


def test_enrol_view_twice_shows_message(client, world):
    client.force_login(world.participant)
    response = client.post(enrol_url(world.cohort), follow=True)
    assert translated("You are already enrolled in this cohort.") in response.text
    assert Enrollment.objects.filter(user=world.participant).count() == 1


def test_enrol_view_ended_cohort_shows_message(client, newcomer):
    tree = make_course(modules=1, lessons=1)
    ended = make_cohort(tree.course, started_days_ago=100, weeks=4)
    client.force_login(newcomer)
    response = client.post(enrol_url(ended), follow=True)
    assert translated("This cohort has already finished.") in response.text
    assert not Enrollment.objects.filter(user=newcomer).exists()


def test_course_page_offers_the_right_enrolment_form(client, world, newcomer):
    url = world.tree.course.url
    # Anonymous: invited to sign in, no form.
    response = client.get(url)
    assert f'action="{enrol_url(world.cohort)}"' not in response.text
    assert reverse("login") in response.text
    # Signed in, open cohort: a form without a code field.
    client.force_login(newcomer)
    response = client.get(url)
    assert f'action="{enrol_url(world.cohort)}"' in response.text
    assert 'name="code"' not in response.text
    # Invite-only: the form asks for the code.
    Cohort.objects.filter(pk=world.cohort.pk).update(enrolment_mode="invite", invitation_code="XYZ")
    response = client.get(url)
    assert 'name="code"' in response.text
    # Closed: no form at all.
    Cohort.objects.filter(pk=world.cohort.pk).update(enrolment_mode="closed")
    assert f'action="{enrol_url(world.cohort)}"' not in client.get(url).text


# --- enrolment_add and facilitator rights -----------------------------------------------------------


def test_enrolment_add_is_idempotent(world, newcomer):
    first, created = services.enrolment_add(cohort=world.cohort, user=newcomer)
    again, created_again = services.enrolment_add(cohort=world.cohort, user=newcomer)
    assert created and not created_again
    assert first.pk == again.pk
    assert Enrollment.objects.filter(user=newcomer, cohort=world.cohort).count() == 1


def test_enrolment_add_ignores_mode_and_capacity(world, newcomer):
    Cohort.objects.filter(pk=world.cohort.pk).update(enrolment_mode="closed", capacity=1)
    world.cohort.refresh_from_db()
    enrollment, created = services.enrolment_add(cohort=world.cohort, user=newcomer)
    assert created and enrollment.role == Enrollment.Role.PARTICIPANT


def test_enrolment_add_changes_role_and_group(world, newcomer):
    group = CohortGroup.objects.create(cohort=world.cohort, name="GIA Norte")
    services.enrolment_add(cohort=world.cohort, user=newcomer)
    enrollment, created = services.enrolment_add(
        cohort=world.cohort, user=newcomer, role=Enrollment.Role.OBSERVER, group=group
    )
    assert not created
    enrollment.refresh_from_db()
    assert (enrollment.role, enrollment.group) == (Enrollment.Role.OBSERVER, group)


def test_enrolment_add_rejects_bad_role_and_foreign_group(world, newcomer):
    foreign = CohortGroup.objects.create(cohort=world.other_cohort, name="GIA Sur")
    with pytest.raises(ValidationError):
        services.enrolment_add(cohort=world.cohort, user=newcomer, role="teacher")
    with pytest.raises(ValidationError):
        services.enrolment_add(cohort=world.cohort, user=newcomer, group=foreign)
    assert not Enrollment.objects.filter(user=newcomer).exists()


def test_facilitator_may_edit_own_course_pages_only(world, admin_facilitator):
    user = admin_facilitator
    own_pages = [world.tree.course, world.tree.modules[0], world.tree.lessons[1][1]]
    for page in own_pages:
        assert page.permissions_for_user(user).can_edit(), page
        assert page.permissions_for_user(user).can_publish(), page
    assert world.tree.modules[0].permissions_for_user(user).can_add_subpage()
    for page in [world.other_tree.course, world.other_tree.lessons[0][0], world.tree.course.get_parent()]:
        perms = page.permissions_for_user(user)
        assert not perms.can_edit(), page
        assert not perms.can_publish(), page
        assert not perms.can_add_subpage(), page


def test_participants_get_no_page_rights(world, admin_facilitator):
    services.enrolment_add(cohort=world.cohort, user=world.participant)
    assert not world.tree.course.permissions_for_user(world.participant).can_edit()
    assert not world.participant.has_perm("wagtailadmin.access_admin")


def test_rights_are_removed_when_no_longer_facilitator(world, admin_facilitator):
    assert world.tree.lessons[0][0].permissions_for_user(admin_facilitator).can_edit()
    services.enrolment_add(cohort=world.cohort, user=admin_facilitator, role=Enrollment.Role.PARTICIPANT)
    fresh = type(admin_facilitator).objects.get(pk=admin_facilitator.pk)  # permissions are cached per object
    assert not world.tree.lessons[0][0].permissions_for_user(fresh).can_edit()


def test_facilitator_uses_the_wagtail_admin_on_own_course(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    own = client.get(reverse("wagtailadmin_pages:edit", args=[world.tree.lessons[0][0].pk]))
    assert own.status_code == 200
    other = client.get(reverse("wagtailadmin_pages:edit", args=[world.other_tree.lessons[0][0].pk]))
    assert other.status_code == 302  # Wagtail's "permission denied" redirect
    assert other.url == reverse("wagtailadmin_home")


def test_admin_cohort_listing_shows_only_own_cohorts(client, world, admin_facilitator):
    Cohort.objects.filter(pk=world.cohort.pk).update(name="Cohorte Propia Norte")
    Cohort.objects.filter(pk=world.other_cohort.pk).update(name="Cohorte Ajena Sur")
    client.force_login(admin_facilitator)
    response = client.get("/admin/snippets/courses/cohort/")
    assert response.status_code == 200
    assert "Cohorte Propia Norte" in response.text
    assert "Cohorte Ajena Sur" not in response.text
    # Staff see them all.
    staff = make_user("jefa", is_superuser=True, staff=True)
    client.force_login(staff)
    response = client.get("/admin/snippets/courses/cohort/")
    assert "Cohorte Propia Norte" in response.text and "Cohorte Ajena Sur" in response.text


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "history", "usage"])
def test_admin_views_of_another_courses_cohort_are_denied(client, world, admin_facilitator, view):
    client.force_login(admin_facilitator)
    own = client.get(f"/admin/snippets/courses/cohort/{view}/{world.cohort.pk}/")
    other = client.get(f"/admin/snippets/courses/cohort/{view}/{world.other_cohort.pk}/")
    assert other.status_code == 302 and other.url == reverse("wagtailadmin_home")
    if view != "delete":  # facilitators may not delete cohorts, not even their own
        assert own.status_code == 200


def test_admin_cannot_delete_another_courses_cohort(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    client.post(f"/admin/snippets/courses/cohort/delete/{world.other_cohort.pk}/")
    client.post(f"/admin/snippets/courses/cohort/edit/{world.other_cohort.pk}/", {"name": "Tomada"})
    world.other_cohort.refresh_from_db()
    assert world.other_cohort.name != "Tomada"


def _cohort_form(course, name: str) -> dict:
    today = timezone.localdate()
    data = {
        "course": course.pk,
        "name": name,
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=60)).isoformat(),
        "time_zone": "America/Lima",
        "enrolment_mode": "invite",
        "capacity": "",
        "invitation_code": "",
        "invitation_expires_at": "",
    }
    for prefix in ("groups", "enrollments"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_facilitator_creates_a_cohort_of_own_course_only(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    form = client.get("/admin/snippets/courses/cohort/add/")
    assert form.status_code == 200
    choices = form.context["form"].fields["course"].queryset
    assert {page.pk for page in choices} == {world.tree.course.pk}

    response = client.post(
        "/admin/snippets/courses/cohort/add/", _cohort_form(world.other_tree.course, "Intrusa")
    )
    assert not Cohort.objects.filter(name="Intrusa").exists()
    assert response.status_code == 200  # the form again, with the error

    client.post("/admin/snippets/courses/cohort/add/", _cohort_form(world.tree.course, "Segunda corrida"))
    created = Cohort.objects.get(name="Segunda corrida")
    # Its creator facilitates it, and an invite-only cohort gets a code.
    assert created.enrollments.get(user=admin_facilitator).role == Enrollment.Role.FACILITATOR
    assert created.invitation_code


def test_invitation_code_is_shown_to_facilitators_only(client, world):
    Cohort.objects.filter(pk=world.cohort.pk).update(enrolment_mode="invite", invitation_code="SECRETO42")
    url = reverse("workspace:cohort", args=[world.cohort.pk])
    client.force_login(world.facilitator)
    assert "SECRETO42" in client.get(url).text
    for user in (world.participant, world.observer):
        client.force_login(user)
        assert "SECRETO42" not in client.get(url).text
    client.logout()
    assert "SECRETO42" not in client.get(world.tree.course.url).text


def test_invite_mode_gets_a_code_when_saved_without_one(world):
    cohort = world.other_cohort
    cohort.enrolment_mode = Cohort.EnrolmentMode.INVITE
    cohort.invitation_code = ""
    cohort.full_clean()
    assert len(cohort.invitation_code) >= 6
