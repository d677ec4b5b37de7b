"""In-app notifications: who is told about what, the bell, the list and marking read."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrollment
from forums import notifications, services
from forums.models import Notification, ThreadSubscription
from tests.factories import enrol, make_user
from tests.forums.conftest import post

Kind = Notification.Kind


def kinds(post_obj) -> dict[str, str]:
    return {n.recipient.username: n.kind for n in Notification.objects.filter(post=post_obj)}


def test_mention_reply_and_watchers_once_each_strongest_reason_wins(forum):
    w = forum.world
    watcher = make_user("vigia")
    enrol(watcher, w.cohort)
    services.thread_subscribe(user=watcher, thread=forum.thread, level="watching")
    first = forum.thread.posts.first()  # by participant, who watches the thread they started
    reply = post(w.facilitator, forum.thread, "Gracias @observadora y @vigia", reply_to=first)
    assert kinds(reply) == {"participante": Kind.REPLY, "observadora": Kind.MENTION, "vigia": Kind.MENTION}
    # The facilitator now watches (replied); the participant is told as reply author and watcher once.
    again = post(w.participant, forum.thread, "Respondo", reply_to=reply)
    assert kinds(again) == {"facilitadora": Kind.REPLY, "vigia": Kind.WATCHED}


def test_never_the_author_and_muted_gets_nothing_not_even_mentions(forum):
    w = forum.world
    services.thread_subscribe(user=w.facilitator, thread=forum.thread, level="muted")
    own = post(w.participant, forum.thread, "Me cito: @participante, y a @facilitadora")
    assert kinds(own) == {}
    mention = post(w.participant, forum.thread, "Y otra vez @facilitadora")
    assert "facilitadora" not in kinds(mention)


def test_normal_level_hears_only_mentions_and_replies(forum):
    w = forum.world
    services.thread_subscribe(user=w.participant, thread=forum.thread, level="normal")
    plain = post(w.facilitator, forum.thread, "Un aporte sin mención")
    assert kinds(plain) == {}
    mention = post(w.facilitator, forum.thread, "Hola @participante")
    assert kinds(mention) == {"participante": Kind.MENTION}


def test_space_watchers_hear_every_thread_unless_they_chose_otherwise(forum):
    w = forum.world
    services.space_watch(user=w.facilitator, space=forum.group_space)
    reply = post(forum.group_member, forum.group_thread, "Nos vemos el martes")
    assert kinds(reply) == {"facilitadora": Kind.WATCHED}
    services.thread_subscribe(user=w.facilitator, thread=forum.group_thread, level="muted")
    assert kinds(post(forum.group_member, forum.group_thread, "¿Y el jueves?")) == {}


def test_watchers_who_can_no_longer_read_the_thread_are_not_told(forum):
    w = forum.world
    other = make_user("otra")
    enrol(other, w.cohort, group=forum.group)
    services.thread_subscribe(user=other, thread=forum.group_thread, level="watching")
    Enrollment.objects.filter(user=other).update(group=None)  # moved out of the small group
    reply = post(forum.group_member, forum.group_thread, "Solo para el grupo")
    assert "otra" not in kinds(reply)
    Enrollment.objects.filter(user=other).delete()
    ThreadSubscription.objects.create(user=w.outsider, thread=forum.thread, level="watching")
    assert "ajena" not in kinds(post(w.facilitator, forum.thread))


def test_a_new_mention_in_an_edit_notifies(forum):
    w = forum.world
    services.thread_subscribe(user=w.observer, thread=forum.thread, level="normal")
    mine = post(w.facilitator, forum.thread, "Primera versión")
    services.post_edit(user=w.facilitator, post=mine, body="Segunda versión, con @observadora")
    assert kinds(mine)["observadora"] == Kind.MENTION
    services.post_edit(user=w.facilitator, post=mine, body="Tercera versión, con @observadora")
    assert Notification.objects.filter(post=mine, recipient=w.observer).count() == 1


def test_hiding_a_contribution_tells_its_author(forum):
    w = forum.world
    first = forum.thread.posts.first()
    services.post_hide(user=w.facilitator, post=first, reason="Datos personales")
    n = Notification.objects.get(recipient=w.participant, kind=Kind.MODERATION)
    assert n.post == first and n.actor == w.facilitator


def test_bell_shows_the_unread_count_with_at_most_one_query(client, forum):
    w = forum.world
    post(w.facilitator, forum.thread, "Hola @participante")
    client.force_login(w.participant)
    url = reverse("workspace:my_learning")
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url)
    bell = [q for q in ctx.captured_queries if "forums_notification" in q["sql"]]
    assert len(bell) == 1
    assert reverse("workspace:notifications") in page.text
    assert "(1" in page.text
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert not [q for q in ctx.captured_queries if "forums_notification" in q["sql"]]
    post(w.facilitator, forum.thread, "Otra vez @participante")  # the cached count is dropped on commit
    assert notifications.unread_count(w.participant) == 2
    client.logout()
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("courses:catalogue"))
    assert not [q for q in ctx.captured_queries if "forums_notification" in q["sql"]]


def test_list_mark_read_and_mark_all_read(client, forum):
    w = forum.world
    one = post(w.facilitator, forum.thread, "Hola @participante")
    post(w.facilitator, forum.thread, "Y de nuevo @participante")
    client.force_login(w.participant)
    page = client.get(reverse("workspace:notifications"))
    assert page.status_code == 200 and forum.thread.title in page.text
    n = Notification.objects.get(post=one)
    response = client.post(reverse("forums:notification_read", args=[n.pk]), {"go": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("forums:post", args=[one.pk])
    assert notifications.unread_count(w.participant) == 1
    client.post(reverse("forums:notifications_read_all"))
    assert notifications.unread_count(w.participant) == 0
    assert not Notification.objects.filter(recipient=w.participant, read_at__isnull=True).exists()


def test_marking_is_post_only_and_private(client, forum):
    w = forum.world
    post(w.facilitator, forum.thread, "Hola @participante")
    n = Notification.objects.get(recipient=w.participant)
    client.force_login(w.observer)
    assert client.post(reverse("forums:notification_read", args=[n.pk])).status_code == 404
    client.force_login(w.participant)
    assert client.get(reverse("forums:notification_read", args=[n.pk])).status_code == 405
    assert client.get(reverse("forums:notifications_read_all")).status_code == 405
    n.refresh_from_db()
    assert n.read_at is None
    assert client.get(reverse("workspace:notifications")).status_code == 200
    client.logout()
    assert client.get(reverse("workspace:notifications")).status_code == 302


def test_opening_the_thread_marks_its_notifications_read(client, forum):
    w = forum.world
    post(w.facilitator, forum.thread, "Hola @participante")
    post(w.facilitator, forum.group_thread, "Hola grupo @integrante")
    client.force_login(w.participant)
    page = client.get(forum.thread.get_absolute_url())
    assert notifications.unread_count(w.participant) == 1  # reading the page writes nothing…
    read = client.post(
        reverse("forums:thread_read", args=[forum.thread.pk]),
        page.context["read_form"],
        headers={"X-Requested-With": "fetch"},
    )  # …its script (or its button) says what was shown
    assert read.status_code == 204
    assert notifications.unread_count(w.participant) == 0


def test_list_hides_threads_one_can_no_longer_read(client, forum):
    w = forum.world
    post(w.facilitator, forum.thread, "Hola @participante")
    services.thread_hide(user=w.facilitator, thread=forum.thread)
    client.force_login(w.participant)
    assert forum.thread.title not in client.get(reverse("workspace:notifications")).text


def test_list_queries_do_not_grow_with_notifications(client, forum, django_assert_max_num_queries):
    w = forum.world
    client.force_login(w.participant)
    post(w.facilitator, forum.thread, "Hola @participante")
    url = reverse("workspace:notifications")
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    baseline = len(ctx.captured_queries)
    first = forum.thread.posts.first()
    for i in range(40):
        post(w.facilitator, forum.thread, f"Respuesta {i}", reply_to=first)
    for page in ("1", "2"):
        with django_assert_max_num_queries(baseline):
            response = client.get(url, {"page": page})
        assert response.status_code == 200
