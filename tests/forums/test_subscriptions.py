"""Per-thread notification levels (watching / normal / muted) and facilitators watching a space."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forums import selectors, services
from forums.models import SpaceSubscription, ThreadSubscription
from tests.forums.conftest import post

W, N, M = (ThreadSubscription.Level.WATCHING, ThreadSubscription.Level.NORMAL, ThreadSubscription.Level.MUTED)


def level(user, thread) -> str:
    return selectors.subscription_state(user=user, thread=thread).level


def test_starting_a_thread_watches_it(forum):
    assert level(forum.world.participant, forum.thread) == W
    assert ThreadSubscription.objects.get(user=forum.world.participant, thread=forum.thread).level == W


def test_replying_watches_but_never_overrides_a_choice(forum):
    w = forum.world
    assert level(w.facilitator, forum.thread) == N
    post(w.facilitator, forum.thread)
    assert level(w.facilitator, forum.thread) == W
    services.thread_subscribe(user=w.participant, thread=forum.thread, level=M)
    post(w.participant, forum.thread, "Sigo aquí, en silencio.")
    assert level(w.participant, forum.thread) == M


def test_subscribe_is_idempotent_and_validates(forum):
    w = forum.world
    for _ in range(2):
        services.thread_subscribe(user=w.observer, thread=forum.thread, level=W)
    assert ThreadSubscription.objects.filter(user=w.observer, thread=forum.thread).count() == 1
    with pytest.raises(ValidationError):
        services.thread_subscribe(user=w.observer, thread=forum.thread, level="loud")


@pytest.mark.parametrize("who", ["outsider", "participant_in_group_space"])
def test_cannot_subscribe_to_what_one_cannot_see(forum, who):
    w = forum.world
    user, thread = (w.outsider, forum.thread) if who == "outsider" else (w.participant, forum.group_thread)
    with pytest.raises(PermissionDenied):
        services.thread_subscribe(user=user, thread=thread, level=W)


def test_facilitator_watches_a_whole_space_and_a_thread_choice_wins(forum):
    w = forum.world
    services.space_watch(user=w.facilitator, space=forum.group_space)
    assert level(w.facilitator, forum.group_thread) == W
    state = selectors.subscription_state(user=w.facilitator, thread=forum.group_thread)
    assert state.space_watched and not state.chosen
    services.thread_subscribe(user=w.facilitator, thread=forum.group_thread, level=M)
    assert level(w.facilitator, forum.group_thread) == M
    services.space_watch(user=w.facilitator, space=forum.group_space, watching=False)
    assert not SpaceSubscription.objects.filter(user=w.facilitator).exists()


def test_participants_cannot_watch_a_space(forum):
    with pytest.raises(PermissionDenied):
        services.space_watch(user=forum.world.participant, space=forum.cohort_space)


def test_thread_page_control_works_without_js(client, forum):
    w = forum.world
    client.force_login(w.facilitator)
    url = reverse("forums:thread", args=[forum.thread.pk])
    page = client.get(url).text
    assert 'name="level"' in page and reverse("forums:thread_subscription", args=[forum.thread.pk]) in page
    response = client.post(reverse("forums:thread_subscription", args=[forum.thread.pk]), {"level": M})
    assert response.status_code == 302 and response["Location"] == url
    assert level(w.facilitator, forum.thread) == M
    assert '<option value="muted" selected>' in client.get(url).text
    response = client.post(reverse("forums:thread_subscription", args=[forum.thread.pk]), {"level": "x"})
    assert response.status_code == 302 and level(w.facilitator, forum.thread) == M


def test_subscription_views_refuse_outsiders_with_404(client, forum):
    w = forum.world
    client.force_login(w.outsider)
    url = reverse("forums:thread_subscription", args=[forum.thread.pk])
    assert client.post(url, {"level": W}).status_code == 404
    client.force_login(w.participant)
    assert (
        client.post(
            reverse("forums:space_subscription", args=[forum.cohort_space.pk]), {"watch": "1"}
        ).status_code
        == 404
    )
    assert not SpaceSubscription.objects.exists()


def test_space_watch_control(client, forum):
    w = forum.world
    client.force_login(w.facilitator)
    url = reverse("forums:space_subscription", args=[forum.cohort_space.pk])
    assert url in client.get(forum.cohort_space.get_absolute_url()).text
    client.post(url, {"watch": "1"})
    assert 'name="watch" value="0"' in client.get(forum.cohort_space.get_absolute_url()).text
    assert SpaceSubscription.objects.filter(user=w.facilitator, space=forum.cohort_space).exists()
    client.post(url, {"watch": "0"})
    assert not SpaceSubscription.objects.exists()
