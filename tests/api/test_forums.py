"""API v1 forums: spaces, threads, contributions, reactions, notifications.

The rules are forums.access / forums.services: these tests check the API reaches them and reports
their answers in the API's conventions (404 for what one may not see, field-level 400s, idempotency).
"""

from __future__ import annotations

import uuid

import pytest
from django.test import override_settings
from django.urls import reverse

from courses.models import Enrollment
from forums import services
from forums.models import Notification, Post, Reaction, Thread
from tests.api.conftest import API, client_for
from tests.factories import enrol, make_user

pytestmark = pytest.mark.django_db


def publish(user, thread, body="Una idea.", **kwargs) -> Post:
    return services.post_publish(user=user, thread=thread, body=body, enforce_rate_limit=False, **kwargs)


def first_post(thread: Thread) -> Post:
    return Post.objects.filter(thread=thread).order_by("pk").first()


# --- happy paths -------------------------------------------------------------------------------------------


def test_spaces_of_a_cohort(forum):
    world = forum.world
    mine = client_for(world.participant).get(f"{API}spaces/?cohort={world.cohort.pk}").json()
    assert [row["id"] for row in mine["results"]] == [forum.cohort_space.pk]  # not the group's space
    assert mine["results"][0]["threads"] == 1 and mine["results"][0]["can_post"] is True
    facilitator = client_for(world.facilitator).get(f"{API}spaces/?cohort={world.cohort.pk}").json()
    assert {row["id"] for row in facilitator["results"]} == {forum.cohort_space.pk, forum.group_space.pk}
    observer = client_for(world.observer).get(f"{API}spaces/?cohort={world.cohort.pk}").json()
    assert observer["results"][0]["can_post"] is False


def test_open_a_thread_read_it_and_reply(forum):
    world = forum.world
    client = client_for(world.participant)
    created = client.post(
        f"{API}threads/",
        {"space": forum.cohort_space.pk, "title": "Agua en la sierra", "body": "Empiezo yo."},
    )
    assert created.status_code == 201, created.content
    thread_id = created.json()["id"]
    assert created.json()["post_count"] == 1 and created.json()["can_post"] is True
    listed = client.get(f"{API}threads/?space={forum.cohort_space.pk}").json()
    assert thread_id in [row["id"] for row in listed["results"]] and listed["count"] == 2
    assert client.get(f"{API}threads/{thread_id}/").json()["title"] == "Agua en la sierra"

    opener = first_post(Thread.objects.get(pk=thread_id))
    reply = client_for(world.facilitator).post(
        f"{API}threads/{thread_id}/posts/",
        {"body": "Te respondo.", "reply_to": opener.pk, "quote_text": "Empiezo"},
    )
    assert reply.status_code == 201, reply.content
    assert reply.json()["reply_to"] == opener.pk and reply.json()["quote_text"] == "Empiezo"
    page = client.get(f"{API}threads/{thread_id}/posts/").json()
    assert page["count"] == 1 and page["waiting_for_own_post"] is False
    assert [r["body"] for r in page["results"][0]["replies"]] == ["Te respondo."]
    # The author of the opener was told.
    assert Notification.objects.filter(recipient=world.participant, kind="reply").count() == 1


def test_edit_and_delete_own_post(forum):
    world = forum.world
    post = first_post(forum.thread)
    client = client_for(world.participant)
    edited = client.patch(f"{API}posts/{post.pk}/", {"body": "Hola a todos."})
    assert edited.status_code == 200 and edited.json()["body"] == "Hola a todos."
    assert edited.json()["edited_at"]
    assert client.delete(f"{API}posts/{post.pk}/").status_code == 204
    after = client.get(f"{API}posts/{post.pk}/").json()
    assert after["deleted"] is True and after["body"] == ""


def test_someone_elses_post_is_403_to_edit_or_delete(forum):
    post = first_post(forum.thread)
    client = client_for(forum.world.facilitator)
    assert client.patch(f"{API}posts/{post.pk}/", {"body": "No es mío"}).status_code == 403
    assert client.delete(f"{API}posts/{post.pk}/").status_code == 403


def test_reactions_add_and_take_back_idempotently(forum):
    post = first_post(forum.thread)
    client = client_for(forum.world.facilitator)
    url = f"{API}posts/{post.pk}/reactions/"
    for _ in range(2):
        response = client.post(url, {"kind": "thanks"})
        assert response.status_code == 200
        thanks = next(r for r in response.json()["reactions"] if r["kind"] == "thanks")
        assert thanks["count"] == 1 and thanks["mine"] is True
    for _ in range(2):
        assert client.delete(f"{url}?kind=thanks").status_code == 200
        assert not Reaction.objects.filter(post=post).exists()
    own = client_for(forum.world.participant).post(url, {"kind": "thanks"})
    assert own.status_code == 400 and own.json()["code"] == "own_post"
    bad = client.post(url, {"kind": "love"})
    assert bad.status_code == 400 and "kind" in bad.json()["fields"]
    assert client.delete(url).status_code == 400  # kind is required


def test_notifications_list_and_read(forum):
    world = forum.world
    publish(world.facilitator, forum.thread, "Hola @participante")
    client = client_for(world.participant)
    page = client.get(f"{API}notifications/").json()
    assert page["count"] == 1 and page["unread"] == 1
    note = page["results"][0]
    assert note["kind"] == "mention" and note["thread"] == forum.thread.pk and note["read_at"] is None
    marked = client.post(f"{API}notifications/read/", {"ids": [note["id"]]}).json()
    assert marked == {"marked": 1, "unread": 0}
    publish(world.facilitator, forum.thread, "Otra más")
    assert client.post(f"{API}notifications/read/", {"all": True}).json()["marked"] == 1
    # Someone else's notification ids are simply not theirs to mark.
    assert client_for(world.facilitator).post(f"{API}notifications/read/", {"ids": [note["id"]]}).json() == {
        "marked": 0,
        "unread": 0,
    }


def test_post_first_threads_hide_others_until_you_contribute(forum):
    world = forum.world
    Thread.objects.filter(pk=forum.thread.pk).update(post_first=True)
    client = client_for(world.facilitator)
    assert client.get(f"{API}threads/{forum.thread.pk}/posts/").json()["waiting_for_own_post"] is False
    newcomer = make_user("recien")
    enrol(newcomer, world.cohort)
    page = client_for(newcomer).get(f"{API}threads/{forum.thread.pk}/posts/").json()
    assert page["waiting_for_own_post"] is True and page["results"] == [] and page["others_count"] == 1
    assert client_for(newcomer).get(f"{API}posts/{first_post(forum.thread).pk}/").status_code == 404


# --- permissions ------------------------------------------------------------------------------------------

ROLES = ["participant", "facilitator", "observer", "outsider", "staff", "group_member", None]

READS = {
    "spaces/?cohort={cohort}": [200, 200, 200, 404, 200, 200, 401],
    "threads/?space={space}": [200, 200, 200, 404, 200, 200, 401],
    "threads/?space={group_space}": [404, 200, 404, 404, 200, 200, 401],
    "threads/{thread}/": [200, 200, 200, 404, 200, 200, 401],
    "threads/{group_thread}/": [404, 200, 404, 404, 200, 200, 401],
    "threads/{thread}/posts/": [200, 200, 200, 404, 200, 200, 401],
    "posts/{post}/": [200, 200, 200, 404, 200, 200, 401],
    "posts/{group_post}/": [404, 200, 404, 404, 200, 200, 401],
    "notifications/": [200, 200, 200, 200, 200, 200, 401],
}


def _ids(forum) -> dict:
    return {
        "cohort": forum.world.cohort.pk,
        "space": forum.cohort_space.pk,
        "group_space": forum.group_space.pk,
        "thread": forum.thread.pk,
        "group_thread": forum.group_thread.pk,
        "post": first_post(forum.thread).pk,
        "group_post": first_post(forum.group_thread).pk,
    }


def _user(forum, role):
    if role is None:
        return None
    if role == "group_member":
        return forum.group_member
    return getattr(forum.world, role)


@pytest.mark.parametrize("endpoint", list(READS))
def test_reads_by_role(forum, endpoint):
    ids = _ids(forum)
    got = [client_for(_user(forum, role)).get(API + endpoint.format(**ids)).status_code for role in ROLES]
    assert got == READS[endpoint]


WRITES = {
    # (method, endpoint, body): participant, facilitator, observer, outsider, staff, group_member, anonymous
    ("post", "threads/", "new_thread"): [201, 201, 403, 404, 403, 201, 401],
    ("post", "threads/{thread}/posts/", "reply"): [201, 201, 403, 404, 403, 201, 401],
    ("post", "posts/{post}/reactions/", "reaction"): [400, 200, 403, 404, 403, 200, 401],
    ("patch", "posts/{post}/", "edit"): [200, 403, 403, 404, 403, 403, 401],
}
BODIES = {
    "reply": {"body": "Sumo algo."},
    "reaction": {"kind": "resonates"},
    "edit": {"body": "Corrijo."},
}


@pytest.mark.parametrize("write", list(WRITES))
def test_writes_by_role(forum, write):
    method, endpoint, body_name = write
    ids = _ids(forum)
    got = []
    for role in ROLES:
        body = BODIES.get(body_name) or {"space": forum.cohort_space.pk, "title": "Nueva", "body": "Hola."}
        client = client_for(_user(forum, role))
        got.append(getattr(client, method)(API + endpoint.format(**ids), body).status_code)
    assert got == WRITES[write]


def test_other_cohorts_objects_are_404_for_every_write(forum):
    client = client_for(forum.world.participant)
    other_post = first_post(forum.other_thread)
    assert (
        client.post(f"{API}threads/", {"space": forum.other_space.pk, "title": "x", "body": "y"}).status_code
        == 404
    )
    assert client.post(f"{API}threads/{forum.other_thread.pk}/posts/", {"body": "x"}).status_code == 404
    assert client.patch(f"{API}posts/{other_post.pk}/", {"body": "x"}).status_code == 404
    assert client.delete(f"{API}posts/{other_post.pk}/").status_code == 404
    assert client.post(f"{API}posts/{other_post.pk}/reactions/", {"kind": "thanks"}).status_code == 404
    assert client.delete(f"{API}posts/{other_post.pk}/reactions/?kind=thanks").status_code == 404
    assert client.get(f"{API}spaces/?cohort={forum.world.other_cohort.pk}").status_code == 404


def test_hidden_thread_is_404_for_members_and_visible_to_facilitators(forum):
    services.thread_hide(user=forum.world.facilitator, thread=forum.thread)
    assert client_for(forum.world.participant).get(f"{API}threads/{forum.thread.pk}/").status_code == 404
    assert (
        client_for(forum.world.facilitator).get(f"{API}threads/{forum.thread.pk}/").json()["hidden"] is True
    )


def test_api_and_forum_pages_agree(client, forum):
    ids = _ids(forum)
    pairs = [
        ("forums:thread", "thread", "threads/{}/"),
        ("forums:thread", "group_thread", "threads/{}/"),
        ("forums:space", "space", "threads/?space={}"),
        ("forums:space", "group_space", "threads/?space={}"),
        ("forums:cohort_spaces", "cohort", "spaces/?cohort={}"),
    ]
    for role in ROLES[:-1]:
        user = _user(forum, role)
        client.force_login(user)
        for page, key, endpoint in pairs:
            page_status = client.get(reverse(page, args=[ids[key]])).status_code
            api_status = client_for(user).get(API + endpoint.format(ids[key])).status_code
            assert (page_status == 200) == (api_status == 200), (role, key, page_status, api_status)
            if page_status != 200:  # what one may not see is missing on both, never forbidden
                assert page_status == api_status == 404


# --- bad input --------------------------------------------------------------------------------------------


def test_unknown_and_invalid_fields_are_field_level_400s(forum):
    client = client_for(forum.world.participant)
    thread_url = f"{API}threads/{forum.thread.pk}/posts/"
    unknown = client.post(thread_url, {"body": "x", "colour": "red"})
    assert unknown.status_code == 400 and "colour" in unknown.json()["fields"]
    empty = client.post(thread_url, {"body": "   "}, HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 400 and "body" in empty.json()["fields"]
    bad_reply = client.post(thread_url, {"body": "x", "reply_to": first_post(forum.other_thread).pk})
    assert bad_reply.status_code == 400 and "reply_to" in bad_reply.json()["fields"]
    quote = client.post(thread_url, {"body": "x", "quote_text": "sin respuesta"})
    assert quote.status_code == 400 and quote.json()["code"] == "quote_without_reply"
    assert "quote_text" in quote.json()["fields"]
    move = client.post(thread_url, {"body": "x", "move": 999999})
    assert move.status_code == 400 and "move" in move.json()["fields"]
    passage = client.post(thread_url, {"body": "x", "passage": {"first_paragraph_id": "nada"}})
    assert passage.status_code == 400 and "passage" in passage.json()["fields"]
    nested = client.post(thread_url, {"body": "x", "passage": {"first_paragraph_id": "p", "extra": 1}})
    assert nested.status_code == 400 and "passage.extra" in nested.json()["fields"]
    title = client.post(f"{API}threads/", {"space": forum.cohort_space.pk, "title": " ", "body": "y"})
    assert title.status_code == 400 and "title" in title.json()["fields"]
    mention = client.post(thread_url, {"body": "Hola @nadie"})
    assert mention.status_code == 400 and mention.json()["code"] == "bad_mention"
    assert client.get(f"{API}threads/").status_code == 400  # space is required
    assert client.get(f"{API}spaces/?cohort=abc").status_code == 400
    assert client.get(f"{API}threads/{forum.thread.pk}/posts/?page=0").status_code == 400
    both = client.post(f"{API}notifications/read/", {"ids": [1], "all": True})
    assert both.status_code == 400 and "non_field_errors" in both.json()["fields"]
    assert client.post(f"{API}notifications/read/", {}).status_code == 400
    assert client.patch(f"{API}posts/{first_post(forum.thread).pk}/", {"title": "x"}).status_code == 400


def test_locked_thread_takes_no_replies(forum):
    services.thread_lock(user=forum.world.facilitator, thread=forum.thread)
    response = client_for(forum.world.participant).post(
        f"{API}threads/{forum.thread.pk}/posts/", {"body": "x"}
    )
    assert response.status_code == 403 and response.json()["code"] == "locked"


@override_settings(FORUMS_RATE_LIMIT=(2, 60))
def test_writing_too_fast_is_429(forum):
    client = client_for(forum.world.participant)
    url = f"{API}threads/{forum.thread.pk}/posts/"
    codes = [client.post(url, {"body": f"Idea {i}"}).status_code for i in range(3)]
    assert codes == [201, 201, 429]


# --- idempotency ------------------------------------------------------------------------------------------


def test_idempotency_key_on_threads_and_posts(forum):
    client = client_for(forum.world.participant)
    body = {"space": forum.cohort_space.pk, "title": "Una vez", "body": "Solo una."}
    first = client.post(f"{API}threads/", body, HTTP_IDEMPOTENCY_KEY="t-1")
    again = client.post(f"{API}threads/", body, HTTP_IDEMPOTENCY_KEY="t-1")
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert Thread.objects.filter(title="Una vez").count() == 1
    url = f"{API}threads/{forum.thread.pk}/posts/"
    ids = {client.post(url, {"body": "Repetida"}, HTTP_IDEMPOTENCY_KEY="p-1").json()["id"] for _ in range(3)}
    assert len(ids) == 1 and Post.objects.filter(body_markdown="Repetida").count() == 1
    reused = client.post(url, {"body": "Otra"}, HTTP_IDEMPOTENCY_KEY="p-1")
    assert reused.status_code == 422


def test_client_token_in_the_body_also_deduplicates(forum):
    client = client_for(forum.world.participant)
    token = str(uuid.uuid4())
    url = f"{API}threads/{forum.thread.pk}/posts/"
    ids = {client.post(url, {"body": "Con token", "client_token": token}).json()["id"] for _ in range(2)}
    assert len(ids) == 1


# --- bounded queries --------------------------------------------------------------------------------------


def _grow(forum, n: int) -> None:
    world = forum.world
    for i in range(n):
        user = make_user(f"voz{i}-{Enrollment.objects.count()}")
        enrol(user, world.cohort)
        thread = services.thread_create(
            user=user, space=forum.cohort_space, title=f"Tema {i}", body="Abro.", enforce_rate_limit=False
        )
        opener = first_post(thread)
        reply = publish(world.facilitator, forum.thread, f"Respuesta {i} @participante")
        publish(user, forum.thread, "Sub-respuesta", reply_to=reply)
        services.reaction_toggle(user=user, post=first_post(forum.thread), kind="thanks")
        services.reaction_toggle(user=world.participant, post=opener, kind="resonates")


FORUM_LISTS = [
    ("participant", "spaces/?cohort={cohort}"),
    ("facilitator", "spaces/?cohort={cohort}"),
    ("participant", "threads/?space={space}"),
    ("facilitator", "threads/{thread}/posts/"),
    ("participant", "threads/{thread}/posts/"),
    ("participant", "notifications/"),
]


def test_forum_list_query_counts_do_not_grow(forum, django_assert_max_num_queries):
    from tests.api.test_conventions import _count_queries

    ids = _ids(forum)
    _grow(forum, 2)
    small = {}
    for who, path in FORUM_LISTS:
        small[(who, path)] = _count_queries(client_for(_user(forum, who)), API + path.format(**ids))
    _grow(forum, 10)
    for who, path in FORUM_LISTS:
        client = client_for(_user(forum, who))
        url = API + path.format(**ids)
        separator = "&" if "?" in url else "?"
        with django_assert_max_num_queries(small[(who, path)]):
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(small[(who, path)]):
            assert client.get(f"{url}{separator}page_size=200").status_code == 200
        assert small[(who, path)] <= 20, (who, path, small[(who, path)])


def test_numbers_too_large_for_the_database_are_4xx_not_5xx(forum):
    """Found by schemathesis: SQLite refuses integers beyond 64 bits (OverflowError was a 500)."""
    client = client_for(forum.world.facilitator)
    huge = 10**30
    assert client.get(f"{API}threads/{huge}/").status_code == 404
    assert client.delete(f"{API}lessons/{huge}/completion/").status_code == 404
    # In a query: invalid input or simply nothing found, depending on the database.
    assert client.get(f"{API}spaces/?cohort={huge}").status_code in (400, 404)
    response = client.get(f"{API}cohorts/{forum.world.cohort.pk}/members/?group={huge}")
    assert response.status_code in (200, 400)
