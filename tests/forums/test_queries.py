"""Pages run a number of queries that does not grow with posts, replies, reactions or threads."""

from __future__ import annotations

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums.models import Post, Reaction, Thread
from lms.markdown import render_markdown
from tests.factories import enrol, make_user


def _fill_thread(thread, authors, n_posts: int) -> None:
    """n posts: a third top-level, the rest replies (some to replies), with quotes, mentions, reactions."""
    now = timezone.now()
    existing = set(Post.objects.filter(thread=thread).values_list("pk", flat=True))
    roots = []
    for i in range(n_posts):
        author = authors[i % len(authors)]
        body = f"Aporte {i} para @{authors[(i + 1) % len(authors)].username} con **énfasis**"
        p = Post(
            thread=thread,
            author=author,
            body_markdown=body,
            body_html=render_markdown(body, mentions=[a.username for a in authors]),
            created_at=now,
            client_token=uuid.uuid4(),
        )
        if i % 3 and roots:
            target = roots[i % len(roots)]
            p.reply_to, p.root, p.quote_text = target, target, "una cita"
        roots.append(p) if not i % 3 else None
        p.save()
    posts = list(Post.objects.filter(thread=thread).exclude(pk__in=existing))
    deeper = [p for p in posts if p.root_id][:50]
    for i, p in enumerate(deeper[1:]):
        p.reply_to = deeper[i]
    Post.objects.bulk_update(deeper[1:], ["reply_to"])
    Reaction.objects.bulk_create(
        Reaction(post=p, user=authors[(j + 1) % len(authors)], kind=kind)
        for j, p in enumerate(posts)
        for kind in ("thanks", "resonates")
        if p.author_id != authors[(j + 1) % len(authors)].pk
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=len(posts) + len(existing))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_thread_page_queries_do_not_grow_with_posts(client, forum, django_assert_max_num_queries):
    w = forum.world
    authors = [w.participant, w.facilitator, forum.group_member]
    for n in range(5):
        u = make_user(f"voz{n}")
        enrol(u, w.cohort)
        authors.append(u)
    small = Thread.objects.create(
        space=forum.cohort_space, cohort=w.cohort, title="Pequeña", author=w.participant
    )
    big = Thread.objects.create(
        space=forum.cohort_space, cohort=w.cohort, title="Grande", author=w.participant
    )
    _fill_thread(small, authors, 6)
    _fill_thread(big, authors, 500)
    client.force_login(w.participant)
    baseline = _queries(client, reverse("forums:thread", args=[small.pk]))
    for page in ("1", "2", "5"):
        with django_assert_max_num_queries(baseline):
            response = client.get(reverse("forums:thread", args=[big.pk]), {"page": page})
        assert response.status_code == 200
        if page == "1":
            assert "en respuesta a" in response.text or "in reply to" in response.text
            assert 'class="mention"' in response.text and "una cita" in response.text
    client.force_login(w.facilitator)
    baseline = _queries(client, reverse("forums:thread", args=[small.pk]))
    with django_assert_max_num_queries(baseline):
        client.get(reverse("forums:thread", args=[big.pk]))


def test_space_and_space_list_queries_do_not_grow_with_threads(client, forum, django_assert_max_num_queries):
    w = forum.world
    client.force_login(w.participant)
    space_url = reverse("forums:space", args=[forum.cohort_space.pk])
    list_url = reverse("forums:cohort_spaces", args=[w.cohort.pk])
    small_space, small_list = _queries(client, space_url), _queries(client, list_url)
    threads = Thread.objects.bulk_create(
        Thread(space=forum.cohort_space, cohort=w.cohort, title=f"Conversación {i}", author=w.facilitator)
        for i in range(1000)
    )
    Post.objects.bulk_create(
        Post(thread=t, author=w.facilitator, body_markdown="x", body_html="<p>x</p>") for t in threads[:300]
    )
    with django_assert_max_num_queries(small_space):
        response = client.get(space_url)
    assert "Conversación 999" in response.text
    with django_assert_max_num_queries(small_space):
        client.get(space_url, {"page": "20", "move": "question"})
    with django_assert_max_num_queries(small_list):
        client.get(list_url)


def test_lesson_page_queries_do_not_grow_with_prompt_posts(
    client, prompt_course, django_assert_max_num_queries
):
    from tests.factories import make_cohort

    cohort = make_cohort(prompt_course.course)
    people = [make_user(f"lector{i}") for i in range(4)]
    for person in people:
        enrol(person, cohort)
    lesson = prompt_course.all_lessons[0]
    client.force_login(people[0])
    client.get(lesson.url)  # opens the prompt's thread
    thread = Thread.objects.get(cohort=cohort, lesson=lesson, reading_id="")
    _fill_thread(thread, people, 3)
    baseline = _queries(client, lesson.url)
    _fill_thread(thread, people, 200)
    with django_assert_max_num_queries(baseline):
        client.get(lesson.url)
