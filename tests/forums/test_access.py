"""Who sees and does what in the forums: a matrix of roles by actions. Anything else is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forums import access
from tests.forums.conftest import post

ROLES = ["anonymous", "outsider", "participant", "observer", "group_member", "facilitator", "staff"]


def _login(client, forum, role):
    if role != "anonymous":
        user = forum.group_member if role == "group_member" else getattr(forum.world, role)
        client.force_login(user)


# role → expected status for each page (302 = sent to sign in)
VIEW_MATRIX = {
    "cohort_spaces": dict(
        anonymous=302,
        outsider=404,
        participant=200,
        observer=200,
        group_member=200,
        facilitator=200,
        staff=200,
    ),
    "cohort_space": dict(
        anonymous=302,
        outsider=404,
        participant=200,
        observer=200,
        group_member=200,
        facilitator=200,
        staff=200,
    ),
    "group_space": dict(
        anonymous=302,
        outsider=404,
        participant=404,
        observer=404,
        group_member=200,
        facilitator=200,
        staff=200,
    ),
    "thread": dict(
        anonymous=302,
        outsider=404,
        participant=200,
        observer=200,
        group_member=200,
        facilitator=200,
        staff=200,
    ),
    "group_thread": dict(
        anonymous=302,
        outsider=404,
        participant=404,
        observer=404,
        group_member=200,
        facilitator=200,
        staff=200,
    ),
    "voices": dict(
        anonymous=302,
        outsider=404,
        participant=404,
        observer=404,
        group_member=404,
        facilitator=200,
        staff=200,
    ),
    "other_thread": dict(
        anonymous=302,
        outsider=200,
        participant=404,
        observer=404,
        group_member=404,
        facilitator=404,
        staff=200,
    ),
}


def _url(forum, page):
    return {
        "cohort_spaces": reverse("forums:cohort_spaces", args=[forum.world.cohort.pk]),
        "cohort_space": reverse("forums:space", args=[forum.cohort_space.pk]),
        "group_space": reverse("forums:space", args=[forum.group_space.pk]),
        "thread": reverse("forums:thread", args=[forum.thread.pk]),
        "group_thread": reverse("forums:thread", args=[forum.group_thread.pk]),
        "voices": reverse("forums:voices", args=[forum.world.cohort.pk]),
        "other_thread": reverse("forums:thread", args=[forum.other_thread.pk]),
    }[page]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(VIEW_MATRIX))
def test_view_matrix(client, forum, role, page):
    _login(client, forum, role)
    response = client.get(_url(forum, page))
    assert response.status_code == VIEW_MATRIX[page][role], (role, page)


# role → may reply in the cohort thread / the group thread
REPLY_MATRIX = dict(
    outsider=(404, 404),
    participant=(302, 404),
    observer=(404, 404),
    group_member=(302, 302),
    facilitator=(302, 302),
    staff=(404, 404),  # staff read and moderate; only members of the cohort write
)


@pytest.mark.parametrize("role", list(REPLY_MATRIX))
def test_reply_matrix(client, forum, role):
    _login(client, forum, role)
    for thread, expected in zip((forum.thread, forum.group_thread), REPLY_MATRIX[role], strict=True):
        before = thread.posts.count()
        response = client.post(reverse("forums:reply", args=[thread.pk]), {"body": f"Aporte de {role}"})
        assert response.status_code == expected, (role, thread.title)
        assert thread.posts.count() == before + (1 if expected == 302 else 0)


@pytest.mark.parametrize(
    "role, expected",
    [("participant", 404), ("observer", 404), ("outsider", 404), ("facilitator", 302), ("staff", 302)],
)
def test_only_facilitators_and_staff_moderate(client, forum, role, expected):
    _login(client, forum, role)
    response = client.post(reverse("forums:thread_moderate", args=[forum.thread.pk]), {"action": "pin"})
    assert response.status_code == expected
    forum.thread.refresh_from_db()
    assert forum.thread.pinned is (expected == 302)


def test_objects_of_another_cohort_are_missing(client, forum):
    other_post = forum.other_thread.posts.first()
    client.force_login(forum.world.participant)
    for url in [
        reverse("forums:space", args=[forum.other_space.pk]),
        reverse("forums:thread", args=[forum.other_thread.pk]),
        reverse("forums:post", args=[other_post.pk]),
        reverse("forums:post_edit", args=[other_post.pk]),
        reverse("forums:post_delete", args=[other_post.pk]),
        reverse("forums:cohort_spaces", args=[forum.world.other_cohort.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (reverse("forums:reply", args=[forum.other_thread.pk]), {"body": "intruso"}),
        (reverse("forums:post_react", args=[other_post.pk]), {"kind": "thanks"}),
        (reverse("forums:thread_moderate", args=[forum.other_thread.pk]), {"action": "lock"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert forum.other_thread.posts.count() == 1
    assert not other_post.reactions.exists()


def test_hidden_thread_is_missing_for_members_but_not_for_facilitators(client, forum):
    forum.thread.hidden = True
    forum.thread.save()
    client.force_login(forum.world.participant)
    assert client.get(reverse("forums:thread", args=[forum.thread.pk])).status_code == 404
    client.force_login(forum.world.facilitator)
    assert client.get(reverse("forums:thread", args=[forum.thread.pk])).status_code == 200


def test_facilitator_cannot_move_a_thread_to_another_cohort(client, forum):
    client.force_login(forum.world.facilitator)
    client.post(
        reverse("forums:thread_moderate", args=[forum.thread.pk]),
        {"action": "move", "space": forum.other_space.pk},
    )
    forum.thread.refresh_from_db()
    assert forum.thread.space_id == forum.cohort_space.pk


def test_access_functions(forum):
    w = forum.world
    assert access.can_view_space(w.observer, forum.cohort_space)
    assert not access.can_post(w.observer, forum.cohort_space)
    assert access.can_post(forum.group_member, forum.group_space)
    assert not access.can_view_space(w.participant, forum.group_space)
    assert access.can_view_space(w.facilitator, forum.group_space)
    assert access.can_moderate(w.staff, w.cohort) and not access.can_moderate(w.participant, w.cohort)
    p = post(w.participant, forum.thread)
    assert access.can_edit_post(w.participant, p) and not access.can_edit_post(w.facilitator, p)
