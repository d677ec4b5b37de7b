"""Unread counts per space and thread, and opening a thread at the first unread post."""

from __future__ import annotations

from django.urls import reverse

from forums import selectors
from tests.forums.conftest import post


def test_unread_counts_and_first_unread(client, forum):
    w = forum.world
    rows = {r.space.pk: r for r in selectors.space_list(user=w.facilitator, cohort=w.cohort)}
    assert rows[forum.cohort_space.pk].unread == 1  # the participant's opening post
    assert rows[forum.group_space.pk].unread == 1
    client.force_login(w.facilitator)
    page = client.get(reverse("forums:thread", args=[forum.thread.pk]))
    rows = {r.space.pk: r for r in selectors.space_list(user=w.facilitator, cohort=w.cohort)}
    assert rows[forum.cohort_space.pk].unread == 1  # reading writes nothing: the page's POST does
    read = client.post(reverse("forums:thread_read", args=[forum.thread.pk]), page.context["read_form"])
    assert read.status_code == 302
    assert read["Location"] == reverse("forums:thread", args=[forum.thread.pk])
    rows = {r.space.pk: r for r in selectors.space_list(user=w.facilitator, cohort=w.cohort)}
    assert rows[forum.cohort_space.pk].unread == 0
    new = post(w.participant, forum.thread, "Algo nuevo")
    post(w.facilitator, forum.thread, "Mi propio aporte no cuenta como no leído para mí")
    rows = {r.space.pk: r for r in selectors.space_list(user=w.facilitator, cohort=w.cohort)}
    assert rows[forum.cohort_space.pk].unread == 0  # writing marks the thread read up to one's post
    post(w.participant, forum.thread, "Otro más")
    response = client.get(reverse("forums:thread", args=[forum.thread.pk]), {"unread": "1"})
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{new.pk + 2}")


def test_participants_do_not_see_counts_of_hidden_spaces(forum):
    rows = selectors.space_list(user=forum.world.participant, cohort=forum.world.cohort)
    assert [r.space.pk for r in rows] == [forum.cohort_space.pk]


def test_cohort_page_links_to_conversations(client, forum):
    client.force_login(forum.world.participant)
    page = client.get(reverse("workspace:cohort", args=[forum.world.cohort.pk])).text
    assert reverse("forums:cohort_spaces", args=[forum.world.cohort.pk]) in page
    assert reverse("forums:voices", args=[forum.world.cohort.pk]) not in page
