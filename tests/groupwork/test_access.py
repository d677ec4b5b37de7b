"""Who sees and does what with a small group: the rules, and the pages that apply them.

Roles: anonymous; a participant of another cohort (outsider); a participant of the same cohort in
another group (other_group); a participant of the group (member); an observer placed in the group
(observer_member); the cohort's facilitator; staff (with access to the admin, no other permission).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from groupwork import access
from groupwork.models import GroupSession
from tests.groupwork.test_pages import group_url, new_session_url, session_form_data

ROLES = ["anonymous", "outsider", "other_group", "member", "observer_member", "facilitator", "staff"]

# role: (view the group page, record a session, open the admin groups page)
MATRIX = {
    "anonymous": ("login", "login", "admin_login"),
    "outsider": (404, 404, "admin_login"),
    "other_group": (404, 404, "admin_login"),
    "member": (200, 200, "admin_login"),
    "observer_member": (200, 403, "admin_login"),
    "facilitator": (200, 200, 200),
    "staff": (200, 200, 200),
}


def login(client, gw, role):
    user = gw.user(role)
    if user is not None:
        client.force_login(user)
    return user


def outcome(response) -> int | str:
    if response.status_code == 302:
        if response.url.startswith(reverse("wagtailadmin_login")):
            return "admin_login"
        if response.url.startswith(reverse("login")):
            return "login"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, gw, role):
    login(client, gw, role)
    view, write, admin_page = MATRIX[role]
    assert outcome(client.get(group_url(gw))) == view
    assert outcome(client.get(reverse("groupwork:plan", args=[gw.cohort.pk, gw.north.pk]))) == write
    assert outcome(client.get(new_session_url(gw))) == write
    assert outcome(client.get(reverse("groupwork_admin_groups", args=[gw.cohort.pk]))) == admin_page


@pytest.mark.parametrize("role", ROLES)
def test_recording_a_session_by_post_follows_the_matrix(client, gw, role):
    login(client, gw, role)
    response = client.post(new_session_url(gw), session_form_data(gw))
    recorded = GroupSession.objects.filter(group=gw.north).exists()
    if MATRIX[role][1] == 200:
        assert response.status_code == 302 and recorded
    else:
        assert outcome(response) == MATRIX[role][1]
        assert not recorded


@pytest.mark.parametrize("role", ROLES)
def test_the_rules_themselves(gw, role):
    from django.contrib.auth.models import AnonymousUser

    user = gw.user(role) or AnonymousUser()
    view, write, admin_page = MATRIX[role]
    assert access.can_view_group(user, gw.north) is (view == 200)
    assert access.can_keep_record(user, gw.north) is (write == 200)
    assert access.can_manage_groups(user, gw.cohort) is (admin_page == 200)
    # Only the facilitator (enrolled with Wagtail's cohort permissions) may change the groups.
    assert access.can_change_groups(user, gw.cohort) is (role == "facilitator")


def test_members_of_one_group_never_reach_the_other(client, gw, first_session):
    client.force_login(gw.other_group)
    assert client.get(group_url(gw)).status_code == 404
    assert client.get(group_url(gw, gw.south)).status_code == 200
    session = reverse("groupwork:session", args=[gw.cohort.pk, gw.north.pk, first_session.pk])
    assert client.get(session).status_code == 404
    assert client.post(session, {"body": "Hola"}).status_code == 404


def test_a_group_is_not_found_under_another_cohort(client, gw):
    client.force_login(gw.facilitator)
    wrong = reverse("groupwork:group", args=[gw.world.other_cohort.pk, gw.north.pk])
    assert client.get(wrong).status_code == 404
    assert client.get(reverse("groupwork:group", args=[gw.cohort.pk, 999_999])).status_code == 404


def test_a_member_moved_to_another_group_loses_access_at_once(client, gw):
    from groupwork import services

    client.force_login(gw.member)
    assert client.get(group_url(gw)).status_code == 200
    services.group_assignments_set(
        cohort=gw.cohort, assignments={gw.member_enrollment.pk: gw.south.pk}, by=gw.facilitator
    )
    assert client.get(group_url(gw)).status_code == 404
    assert client.get(group_url(gw, gw.south)).status_code == 200
