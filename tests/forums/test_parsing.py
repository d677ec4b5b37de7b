"""forums.parsing: the references the forum pages and the API both read (reading, passage, reply)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums import parsing
from forums.models import Post
from tests.api.conftest import client_for
from tests.forums.conftest import post

pytestmark = pytest.mark.django_db


def test_reading_reference_is_lesson_colon_block(prompt_course):
    lesson = prompt_course.all_lessons[0]
    assert parsing.reading_reference(f"{lesson.pk}:abc-123") == (lesson, "abc-123")
    assert parsing.reading_reference("abc-123") == (None, "")
    assert parsing.reading_reference("") == (None, "")
    assert parsing.reading_reference("nope:abc") == (None, "abc")


def test_passage_defaults_to_the_threads_reading_and_refuses_unknown_lessons(forum, prompt_course):
    lesson = prompt_course.all_lessons[0]
    thread = forum.thread
    assert parsing.passage_choice(thread=thread, first_paragraph_id="  ") is None
    with pytest.raises(ValidationError) as error:
        parsing.passage_choice(thread=thread, first_paragraph_id="p1")  # a thread with no reading
    assert error.value.code == "bad_passage"
    with pytest.raises(ValidationError):
        parsing.passage_choice(thread=thread, first_paragraph_id="p1", lesson_id=999999, block_id="b")
    thread.lesson_id, thread.reading_id = lesson.pk, "block-1"
    choice = parsing.passage_choice(thread=thread, first_paragraph_id=" p1 ", last_paragraph_id="p2 ")
    assert (choice.lesson, choice.block_id, choice.first_paragraph_id, choice.last_paragraph_id) == (
        lesson,
        "block-1",
        "p1",
        "p2",
    )


def test_reply_target_must_be_of_the_same_thread(forum):
    opener = Post.objects.filter(thread=forum.thread).first()
    assert parsing.reply_target(thread=forum.thread, post_id=str(opener.pk)) == opener
    assert parsing.reply_target(thread=forum.thread, post_id="") is None
    assert parsing.reply_target(thread=forum.thread, post_id="abc") is None
    elsewhere = Post.objects.filter(thread=forum.other_thread).first()
    with pytest.raises(ValidationError) as error:
        parsing.reply_target(thread=forum.thread, post_id=elsewhere.pk)
    assert error.value.code == "bad_reply"


def test_page_and_api_refuse_a_reply_to_another_thread_with_the_same_message(client, forum):
    w = forum.world
    elsewhere = post(w.outsider, forum.other_thread, "Desde otra cohorte")
    client.force_login(w.participant)
    page = client.post(
        reverse("forums:reply", args=[forum.thread.pk]), {"body": "x", "reply_to": elsewhere.pk}
    )
    api = client_for(w.participant).post(
        f"/api/v1/threads/{forum.thread.pk}/posts/", {"body": "x", "reply_to": elsewhere.pk}, format="json"
    )
    assert page.status_code == 400
    assert api.status_code == 400
    message = api.json()["fields"]["reply_to"][0]
    assert api.json()["code"] == "bad_reply"
    assert message in page.content.decode()
