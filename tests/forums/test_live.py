"""Live updates of a thread: the WebSocket doorbell, its refusals, and the post fragment over HTTP."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from forums import services
from lms.routing import websocket_urlpatterns
from tests.forums.conftest import post

ROUTER = URLRouter(websocket_urlpatterns)  # the project's router: forums' patterns are registered there


async def connect(user, thread_id: int, after: int | None = None) -> WebsocketCommunicator:
    path = f"/ws/threads/{thread_id}/" + (f"?after={after}" if after is not None else "")
    comm = WebsocketCommunicator(ROUTER, path)
    comm.scope["user"] = user
    connected, _ = await comm.connect()
    assert connected
    return comm


async def recv(comm) -> dict:
    return json.loads(await comm.receive_from(timeout=2))


async def refused_with(user, thread_id: int) -> int:
    comm = await connect(user, thread_id)
    output = await comm.receive_output(timeout=2)
    assert output["type"] == "websocket.close"
    return output["code"]


@pytest.mark.django_db(transaction=True)
async def test_refusals_use_the_room_close_codes(forum):
    w = forum.world
    assert await refused_with(AnonymousUser(), forum.thread.pk) == 4401
    assert await refused_with(w.participant, 999_999) == 4404
    assert await refused_with(w.outsider, forum.thread.pk) == 4403
    assert await refused_with(w.participant, forum.group_thread.pk) == 4404  # another small group
    await sync_to_async(services.thread_hide)(user=w.facilitator, thread=forum.thread)
    assert await refused_with(w.participant, forum.thread.pk) == 4404
    comm = await connect(w.facilitator, forum.thread.pk)  # facilitators still see a hidden thread
    assert (await recv(comm))["type"] == "welcome"
    await comm.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_published_post_rings_every_viewer_after_commit(forum):
    w = forum.world
    viewer = await connect(w.participant, forum.thread.pk)
    welcome = await recv(viewer)
    assert welcome["type"] == "welcome" and welcome["last_post_id"] > 0
    other = await connect(w.observer, forum.thread.pk)
    await recv(other)
    new = await sync_to_async(post)(w.facilitator, forum.thread, "En vivo")
    for comm in (viewer, other):
        frame = await recv(comm)
        assert frame == {
            "type": "post.created",
            "thread_id": forum.thread.pk,
            "post_id": new.pk,
            "root_id": None,
            "author_id": w.facilitator.pk,
            "url": reverse("forums:post_fragment", args=[new.pk]),
        }
    # Nothing for another thread's listeners.
    group = await connect(forum.group_member, forum.group_thread.pk)
    await recv(group)
    await sync_to_async(post)(w.facilitator, forum.thread, "Otra")
    assert await group.receive_nothing(timeout=0.3)
    for comm in (viewer, other, group):
        await comm.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_reconnecting_with_after_catches_up_from_the_database(forum):
    w = forum.world
    first = await sync_to_async(post)(w.facilitator, forum.thread, "Uno")
    second = await sync_to_async(post)(w.facilitator, forum.thread, "Dos")
    comm = await connect(w.participant, forum.thread.pk, after=first.pk - 1)
    assert (await recv(comm))["type"] == "welcome"
    assert [(await recv(comm))["post_id"] for _ in range(2)] == [first.pk, second.pk]
    await comm.send_to(text_data='{"type":"ping"}')
    assert (await recv(comm))["type"] == "pong"
    await comm.disconnect()


# --- the fragment -----------------------------------------------------------------------------------------


def test_fragment_applies_the_page_access_rules(client, forum):
    w = forum.world
    reply = post(w.facilitator, forum.thread, "Fragmento **vivo**", reply_to=forum.thread.posts.first())
    url = reverse("forums:post_fragment", args=[reply.pk])
    client.force_login(w.participant)
    response = client.get(url)
    assert response.status_code == 200 and f'id="post-{reply.pk}"' in response.text
    assert "<strong>vivo</strong>" in response.text and "<html" not in response.text
    assert response["Cache-Control"] == "private, no-store"
    group_post = post(forum.group_member, forum.group_thread, "Del grupo")
    assert client.get(reverse("forums:post_fragment", args=[group_post.pk])).status_code == 404
    client.force_login(w.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_fragment_respects_post_first_then_see_others(client, forum):
    w = forum.world
    forum.thread.post_first = True
    forum.thread.save()
    other = post(w.facilitator, forum.thread, "De la facilitadora")
    newcomer = forum.group_member  # a participant who has not posted in this thread
    client.force_login(newcomer)
    assert client.get(reverse("forums:post_fragment", args=[other.pk])).status_code == 404
    post(newcomer, forum.thread, "Mi aporte")
    assert client.get(reverse("forums:post_fragment", args=[other.pk])).status_code == 200


def test_thread_page_works_without_js_and_carries_the_live_hooks(client, forum):
    client.force_login(forum.world.participant)
    page = client.get(forum.thread.get_absolute_url()).text
    assert 'id="thread-live"' in page and f'data-ws="/ws/threads/{forum.thread.pk}/"' in page
    assert "forums/thread.js" in page and 'action="/threads/' in page  # the plain reply form is there
