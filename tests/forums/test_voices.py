"""Voices: every enrolled participant counted, zeros included; Gini over all of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forums import selectors
from lms.stats import gini
from tests.factories import enrol, make_user
from tests.forums.conftest import post


@pytest.mark.parametrize(
    "values, expected",
    [
        ([], 0.0),
        ([0, 0, 0], 0.0),
        ([3, 3, 3, 3], 0.0),
        ([5], 0.0),
        ([4, 0, 0, 0], 0.75),
        ([1, 0], 0.5),
        ([1, 2, 3, 4], 0.25),
    ],
)
def test_gini(values, expected):
    assert gini(values) == pytest.approx(expected)


def test_gini_counts_zeros():
    # Same contributions, more silent members: the conversation is less equal.
    assert gini([2, 2, 0, 0, 0, 0]) > gini([2, 2])


def test_gini_refuses_negative_values():
    with pytest.raises(ValueError):
        gini([1, -1])


def test_voices_list_every_participant_with_zeros(forum):
    w = forum.world
    silent = make_user("silenciosa")
    enrol(silent, w.cohort)
    reply = post(w.facilitator, forum.thread, "¿Alguien más?")
    post(w.participant, forum.thread, "Sí, yo", reply_to=reply)
    data = selectors.voices(cohort=w.cohort)
    counts = {row.enrollment.user.username: row.posts for row in data["rows"]}
    # Participants only (facilitators invite voices, observers read): zeros included.
    assert counts == {"participante": 2, "integrante": 1, "silenciosa": 0}
    assert [r.enrollment.user.username for r in data["silent"]] == ["silenciosa"]
    assert data["gini"] == pytest.approx(gini([2, 1, 0]))
    unanswered = {p.body_markdown for p in data["unanswered"]}
    # The group thread's opening post has no answer; the cohort thread's opening post neither.
    assert "¿Cuándo nos reunimos?" in unanswered and "Hola a todas." in unanswered
    assert "¿Alguien más?" not in unanswered


def test_voices_per_group_space(forum):
    data = selectors.voices(cohort=forum.world.cohort, space=forum.group_space)
    assert [(r.enrollment.user.username, r.posts) for r in data["rows"]] == [("integrante", 1)]


def test_voices_page_for_facilitators_only(client, forum):
    client.force_login(forum.world.facilitator)
    response = client.get(reverse("forums:voices", args=[forum.world.cohort.pk]))
    assert response.status_code == 200 and "Gini" in response.text
    response = client.get(
        reverse("forums:voices", args=[forum.world.cohort.pk]), {"space": forum.other_space.pk}
    )
    assert response.status_code == 404
    client.force_login(forum.world.participant)
    assert client.get(reverse("forums:voices", args=[forum.world.cohort.pk])).status_code == 404
