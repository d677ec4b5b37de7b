"""Search within a cohort's conversations: only what the searcher may see, paginated, bounded queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import search, services
from forums.models import Post, Thread
from tests.forums.conftest import post


def found(user, cohort, q) -> set[str]:
    return {r["post"].body_markdown for r in search.search(user=user, cohort=cohort, query=q)["results"]}


def test_finds_posts_by_words_in_text_or_title(forum):
    w = forum.world
    post(w.facilitator, forum.thread, "La comunidad de aprendizaje transforma la escuela")
    post(w.facilitator, forum.thread, "Otra cosa distinta")
    assert found(w.participant, w.cohort, "comunidad escuela") == {
        "La comunidad de aprendizaje transforma la escuela"
    }
    assert found(w.participant, w.cohort, "Primera conversación") >= {"Hola a todas."}  # title words


def test_only_what_the_searcher_may_see(forum):
    w = forum.world
    post(forum.group_member, forum.group_thread, "secreto del grupo")
    post(w.outsider, forum.other_thread, "secreto de otra cohorte")
    hidden = post(w.facilitator, forum.thread, "secreto escondido")
    services.post_hide(user=w.facilitator, post=hidden, reason="No")
    withdrawn = post(w.participant, forum.thread, "secreto retirado")
    services.post_delete(user=w.participant, post=withdrawn)
    hidden_thread = services.thread_create(
        user=w.participant, space=forum.cohort_space, title="Oculta", body="secreto en conversación oculta"
    )
    services.thread_hide(user=w.facilitator, thread=hidden_thread)
    post(w.facilitator, forum.thread, "secreto visible")
    assert found(w.participant, w.cohort, "secreto") == {"secreto visible"}
    assert found(forum.group_member, w.cohort, "secreto") == {"secreto visible", "secreto del grupo"}
    assert found(w.facilitator, w.cohort, "secreto") == {"secreto visible", "secreto del grupo"}
    assert found(w.staff, w.cohort, "secreto") == {"secreto visible", "secreto del grupo"}


def test_post_first_threads_stay_closed_until_one_posts(forum):
    w = forum.world
    Thread.objects.filter(pk=forum.thread.pk).update(post_first=True)
    post(w.facilitator, forum.thread, "respuesta ajena")
    assert found(forum.group_member, w.cohort, "respuesta") == set()
    post(forum.group_member, forum.thread, "mi respuesta")
    assert found(forum.group_member, w.cohort, "respuesta") == {"respuesta ajena", "mi respuesta"}


def test_search_page_refuses_non_members_and_escapes_input(client, forum):
    w = forum.world
    url = reverse("forums:search", args=[w.cohort.pk])
    client.force_login(w.outsider)
    assert client.get(url, {"q": "hola"}).status_code == 404
    client.force_login(w.participant)
    post(w.facilitator, forum.thread, "<script>alert(1)</script> hola")
    for q in ("hola", "<script>alert(1)</script> hola"):
        response = client.get(url, {"q": q})
        assert response.status_code == 200
        main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
        assert "<script>" not in main and "&lt;script&gt;" in main
    assert "<mark>hola</mark>" in client.get(url, {"q": "hola"}).text
    assert client.get(url).status_code == 200  # no query: just the form
    assert client.get(url, {"q": "x" * 5000}).status_code == 200


def test_search_is_paginated_with_bounded_queries(client, forum, django_assert_max_num_queries):
    w = forum.world
    client.force_login(w.participant)
    url = reverse("forums:search", args=[w.cohort.pk])
    post(w.facilitator, forum.thread, "diálogo igualitario")
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, {"q": "igualitario"})
    baseline = len(ctx.captured_queries)
    Post.objects.bulk_create(
        Post(
            thread=forum.thread, author=w.facilitator, body_markdown=f"diálogo igualitario {i}", body_html="x"
        )
        for i in range(120)
    )
    with django_assert_max_num_queries(baseline):
        response = client.get(url, {"q": "igualitario", "page": "3"})
    assert response.status_code == 200
    assert "q=igualitario" in response.text and 'rel="prev"' in response.text
    assert len(search.search(user=w.participant, cohort=w.cohort, query="igualitario")["results"]) == 20


def test_snippet_marks_terms_and_stays_short():
    text = "x " * 300 + "La Tertulia dialógica" + " y" * 300
    pieces = search.snippet(text, ["tertulia"])
    assert ("Tertulia", True) in pieces
    assert sum(len(t) for t, _hit in pieces) <= search.SNIPPET_CHARS + 2
