"""Reading writes nothing: lesson pages, forum pages and their GETs run no INSERT, UPDATE or DELETE.

Conversations are opened when a lesson is published or a cohort's module opens (test_lesson_threads.py);
what a reader has seen is recorded by an explicit POST (the thread page's "Mark as read").
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrollment
from forums import notifications, selectors
from forums.models import Notification, Post, Space, Thread, ThreadReadState
from tests.factories import enrol, make_cohort, make_user
from tests.forums.conftest import post, writes

pytestmark = pytest.mark.django_db


def get_without_writes(client, url, status=200):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert writes(ctx) == [], url
    return response


def test_lesson_page_with_reading_and_prompt_writes_nothing(client, prompt_course):
    cohort = make_cohort(prompt_course.course)
    ana, rosa, staff = make_user("ana"), make_user("rosa"), make_user("staff", staff=True)
    enrol(ana, cohort)
    enrol(rosa, cohort, role=Enrollment.Role.FACILITATOR)
    lesson = prompt_course.all_lessons[0]
    prompt = Thread.objects.get(cohort=cohort, lesson=lesson, reading_id="")
    post(rosa, prompt, "Empiezo yo la conversación.")
    before = (Thread.objects.count(), Space.objects.count(), Post.objects.count())
    pages = {}
    for user in (ana, rosa, staff):
        client.force_login(user)
        pages[user] = get_without_writes(client, lesson.url).content.decode()
        assert prompt.prompt_text in pages[user]
    assert "Empiezo yo la conversación." in pages[ana]
    assert reverse("forums:reply", args=[prompt.pk]) in pages[ana]
    assert (Thread.objects.count(), Space.objects.count(), Post.objects.count()) == before


def test_thread_page_writes_nothing_and_the_read_mark_is_a_post(client, forum):
    w = forum.world
    post(w.facilitator, forum.thread, "Hola @participante, ¿qué opinas?")
    client.force_login(w.participant)
    url = reverse("forums:thread", args=[forum.thread.pk])
    unread = selectors.first_unread_post(user=w.participant, thread=forum.thread)
    assert unread is not None
    mark = ThreadReadState.objects.get(user=w.participant, thread=forum.thread).last_read_post_id
    get_without_writes(client, url + "?unread=1", status=302)
    page = get_without_writes(client, url)
    get_without_writes(client, url + "?page=2&reply_to=1&passage=x")
    assert ThreadReadState.objects.get(user=w.participant, thread=forum.thread).last_read_post_id == mark
    assert selectors.first_unread_post(user=w.participant, thread=forum.thread) == unread
    assert Notification.objects.filter(recipient=w.participant, read_at__isnull=True).count() == 1
    html = page.content.decode()
    assert 'id="thread-read"' in html
    assert reverse("forums:thread_read", args=[forum.thread.pk]) in html

    response = client.post(
        reverse("forums:thread_read", args=[forum.thread.pk]),
        page.context["read_form"],
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 204
    assert selectors.first_unread_post(user=w.participant, thread=forum.thread) is None
    assert notifications.unread_count(w.participant) == 0


def test_the_read_mark_never_goes_past_the_last_post_nor_to_threads_one_cannot_read(client, forum):
    w = forum.world
    client.force_login(w.participant)
    last = Post.objects.filter(thread=forum.thread).order_by("-pk").first()
    client.post(reverse("forums:thread_read", args=[forum.thread.pk]), {"up_to": "999999999", "shown": "x,0"})
    mark = ThreadReadState.objects.get(user=w.participant, thread=forum.thread)
    assert mark.last_read_post_id == last.pk
    later = post(w.facilitator, forum.thread, "Un aporte más tarde")
    assert selectors.first_unread_post(user=w.participant, thread=forum.thread) == later
    assert client.get(reverse("forums:thread_read", args=[forum.thread.pk])).status_code == 405
    response = client.post(reverse("forums:thread_read", args=[forum.group_thread.pk]), {"up_to": "1"})
    assert response.status_code == 404  # a small group's thread of which one is not a member


def test_forum_pages_write_nothing(client, forum):
    w = forum.world
    mine = post(w.participant, forum.thread, "Mi aporte")
    urls = [
        reverse("forums:cohort_spaces", args=[w.cohort.pk]),
        reverse("forums:space", args=[forum.cohort_space.pk]),
        reverse("forums:search", args=[w.cohort.pk]) + "?q=aporte",
        reverse("forums:members_json", args=[w.cohort.pk]) + "?q=fa",
        reverse("forums:post_fragment", args=[mine.pk]),
        reverse("forums:post_edit", args=[mine.pk]),
        reverse("forums:post_delete", args=[mine.pk]),
        reverse("workspace:notifications"),
    ]
    client.force_login(w.participant)
    for url in urls:
        get_without_writes(client, url)
    get_without_writes(client, reverse("forums:post", args=[mine.pk]), status=302)
    client.force_login(w.facilitator)
    for url in [
        reverse("forums:voices", args=[w.cohort.pk]),
        reverse("forums:space", args=[forum.group_space.pk]),
        reverse("forums:thread", args=[forum.group_thread.pk]),
    ]:
        get_without_writes(client, url)


def test_a_cohort_without_spaces_yet_lists_none_and_opens_none(client, world):
    Space.objects.filter(cohort=world.cohort).delete()  # a cohort from before spaces were opened on save
    client.force_login(world.participant)
    get_without_writes(client, reverse("forums:cohort_spaces", args=[world.cohort.pk]))
    assert not Space.objects.filter(cohort=world.cohort).exists()
