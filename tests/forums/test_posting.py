"""Writing in the forums: bad input gets a clear message and stores nothing harmful."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from forums import services
from forums.models import BODY_MAX_CHARS, Post, PostRevision, Reaction, Thread
from tests.forums.conftest import post, token

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "<iframe src=//evil.example></iframe>",
    '[x](https://ok.example "title" onmouseover=alert(1))',
    "<style>body{display:none}</style>",
    "@<script>alert(1)</script>",
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def _assert_harmless(html: str) -> None:
    """No active element, no event handler, no link outside http(s), mailto or the site itself.

    The site's own scripts (``<script src="/static/…" defer>``, no inline code) are the exception.
    """
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        own = {"/static/forums/thread.js", "/static/forums/mentions.js"}
        if tag == "script" and len(attrs) == 2 and ("defer", None) in attrs and dict(attrs).get("src") in own:
            continue
        assert tag not in {"script", "iframe", "svg", "style", "img", "object", "embed"}, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), (name, html)
            if name in {"href", "src", "action", "formaction"}:
                target = (value or "").strip().lower()
                assert target.startswith(("http://", "https://", "mailto:", "/", "#", "?")), (value, html)


def test_empty_and_whitespace_bodies_are_refused(forum):
    for body in ["", "   ", "\n\n\t"]:
        with pytest.raises(ValidationError) as exc:
            post(forum.world.participant, forum.thread, body)
        assert exc.value.code == "empty"
    assert forum.thread.posts.count() == 1


def test_too_long_body_is_refused_and_limit_is_accepted(forum):
    with pytest.raises(ValidationError) as exc:
        post(forum.world.participant, forum.thread, "a" * (BODY_MAX_CHARS + 1))
    assert exc.value.code == "too_long"
    assert post(forum.world.participant, forum.thread, "a" * BODY_MAX_CHARS).pk


def test_empty_or_long_title_is_refused(forum):
    for title, code in [("  ", "empty_title"), ("t" * 201, "title_too_long")]:
        with pytest.raises(ValidationError) as exc:
            services.thread_create(
                user=forum.world.participant, space=forum.cohort_space, title=title, body="Hola"
            )
        assert exc.value.code == code
    assert Thread.objects.filter(space=forum.cohort_space).count() == 1


@pytest.mark.parametrize("flag, code", [("locked", "locked"), ("closed", "closed"), ("hidden", "hidden")])
def test_replies_to_locked_closed_or_hidden_threads_are_refused(forum, flag, code):
    setattr(forum.thread, flag, True)
    forum.thread.save()
    with pytest.raises(ValidationError) as exc:
        post(forum.world.participant, forum.thread)
    assert exc.value.code == code
    assert forum.thread.posts.count() == 1


def test_reply_to_locked_thread_page_shows_message(client, forum):
    forum.thread.locked = True
    forum.thread.save()
    client.force_login(forum.world.participant)
    response = client.post(reverse("forums:reply", args=[forum.thread.pk]), {"body": "Quiero decir algo"})
    assert response.status_code == 400
    assert "locked" in response.text.lower() or "bloquead" in response.text.lower()
    assert "Quiero decir algo" in response.text  # the draft is kept


def test_reply_to_hidden_thread_tells_the_member(client, forum):
    forum.thread.hidden = True
    forum.thread.save()
    client.force_login(forum.world.participant)
    response = client.post(reverse("forums:reply", args=[forum.thread.pk]), {"body": "Hola"}, follow=True)
    assert response.status_code == 200
    assert forum.thread.posts.count() == 1
    assert len(list(response.context["messages"])) == 1


def test_observer_cannot_write(forum):
    with pytest.raises(PermissionDenied):
        post(forum.world.observer, forum.thread)


def test_mentions_of_members_render_and_non_members_are_refused(forum):
    w = forum.world
    p = post(w.participant, forum.thread, f"Gracias @{w.facilitator.username}, ¿qué opinas?")
    assert '<span class="mention">@facilitadora</span>' in p.body_html
    assert list(p.mentions.all()) == [w.facilitator]
    with pytest.raises(ValidationError) as exc:
        post(w.participant, forum.thread, f"Hola @{w.outsider.username} y @nadie")
    assert exc.value.code == "bad_mention"
    assert "@ajena" in exc.value.messages[0] and "@nadie" in exc.value.messages[0]
    # A cohort member outside the small group cannot be mentioned in the group's private space.
    with pytest.raises(ValidationError):
        post(forum.group_member, forum.group_thread, f"@{w.participant.username}, mira esto")
    assert post(forum.group_member, forum.group_thread, f"@{w.facilitator.username}, mira esto").pk


def test_mention_in_code_is_not_a_mention(forum):
    p = post(forum.world.participant, forum.thread, "Escribe `@alguien` para mencionar.")
    assert "mention" not in p.body_html


def test_double_submit_stores_one_post(client, forum):
    client.force_login(forum.world.participant)
    data = {"body": "Una sola vez", "client_token": str(token())}
    url = reverse("forums:reply", args=[forum.thread.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert forum.thread.posts.filter(body_markdown="Una sola vez").count() == 1
    forum.thread.refresh_from_db()
    assert forum.thread.post_count == 2


def test_double_submit_of_new_thread_opens_one(forum):
    t = token()
    kwargs = dict(
        user=forum.world.participant, space=forum.cohort_space, title="Dos veces", body="x", client_token=t
    )
    assert services.thread_create(**kwargs) == services.thread_create(**kwargs)
    assert Thread.objects.filter(title="Dos veces").count() == 1


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_neutralised(client, forum, payload):
    w = forum.world
    target = post(w.facilitator, forum.thread, "Algo que citar")
    p = post(w.participant, forum.thread, payload, reply_to=target, quote_text=payload)
    _assert_harmless(p.body_html)
    thread = services.thread_create(user=w.participant, space=forum.cohort_space, title=payload, body=payload)
    client.force_login(w.participant)
    for url in [reverse("forums:thread", args=[forum.thread.pk]), reverse("forums:thread", args=[thread.pk]),
                reverse("forums:space", args=[forum.cohort_space.pk])]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200
        body = response.text.split("<main", 1)[1]
        _assert_harmless(body)


def test_links_are_nofollow_and_only_safe_schemes(forum):
    p = post(
        forum.world.participant,
        forum.thread,
        "[web](https://example.org) [mail](mailto:a@example.org) [f](ftp://x)",
    )
    assert 'href="https://example.org"' in p.body_html and "nofollow" in p.body_html and "ugc" in p.body_html
    assert 'href="mailto:a@example.org"' in p.body_html
    assert "ftp://" not in p.body_html.split(">f<")[0] or 'href="ftp' not in p.body_html


def test_reply_must_belong_to_the_thread_and_quote_needs_reply(forum):
    other = forum.group_thread.posts.first()
    with pytest.raises(ValidationError):
        post(forum.world.participant, forum.thread, "respuesta", reply_to=other)
    with pytest.raises(ValidationError):
        post(forum.world.participant, forum.thread, "cita", quote_text="algo")
    with pytest.raises(ValidationError):
        post(
            forum.world.participant,
            forum.thread,
            "cita",
            reply_to=forum.thread.posts.first(),
            quote_text="q" * 1001,
        )


def test_reply_to_a_reply_keeps_the_root(forum):
    first = forum.thread.posts.first()
    reply = post(forum.world.facilitator, forum.thread, "respuesta", reply_to=first)
    deeper = post(forum.world.participant, forum.thread, "y otra", reply_to=reply, quote_text="respuesta")
    assert reply.root_id == first.pk and deeper.root_id == first.pk and deeper.reply_to_id == reply.pk


@override_settings(FORUMS_RATE_LIMIT=(3, 60))
def test_rate_limit_is_friendly(client, forum):
    client.force_login(forum.world.participant)
    url = reverse("forums:reply", args=[forum.thread.pk])
    for i in range(3):
        assert client.post(url, {"body": f"aporte {i}"}).status_code == 302
    response = client.post(url, {"body": "uno más"})
    assert response.status_code == 400
    assert "uno más" in response.text
    assert forum.thread.posts.count() == 4


def test_moves_must_be_of_the_course(forum, world):
    from forums.models import DialogicMove

    moves = list(DialogicMove.objects.filter(course=world.tree.course))
    assert {m.code for m in moves} >= {"experience", "question", "builds", "disagrees", "reading", "action"}
    p = post(world.participant, forum.thread, "pregunto", move=moves[1])
    assert p.move == moves[1]
    foreign = DialogicMove.objects.filter(course=world.other_tree.course).first()
    with pytest.raises(ValidationError):
        post(world.participant, forum.thread, "x", move=foreign)


# --- edit, delete, hide, reactions --------------------------------------------------------------------


def test_edit_keeps_history_visible_to_facilitators(client, forum):
    p = forum.thread.posts.first()
    services.post_edit(user=forum.world.participant, post=p, body="Versión nueva")
    p.refresh_from_db()
    assert p.body_markdown == "Versión nueva" and p.edited_at is not None
    assert list(PostRevision.objects.filter(post=p).values_list("body_markdown", flat=True)) == [
        "Hola a todas."
    ]
    with pytest.raises(PermissionDenied):
        services.post_edit(user=forum.world.facilitator, post=p, body="no es mío")
    client.force_login(forum.world.facilitator)
    assert "Hola a todas." in client.get(reverse("forums:post_edit", args=[p.pk])).text
    client.force_login(forum.world.observer)
    assert client.get(reverse("forums:post_edit", args=[p.pk])).status_code == 404


def test_soft_delete_keeps_the_thread_shape(client, forum):
    first = forum.thread.posts.first()
    reply = post(forum.world.facilitator, forum.thread, "respuesta", reply_to=first)
    Reaction.objects.create(post=first, user=forum.world.facilitator, kind="thanks")
    client.force_login(forum.world.participant)
    assert client.post(reverse("forums:post_delete", args=[first.pk])).status_code == 302
    first.refresh_from_db()
    assert first.deleted and first.body_markdown == "" and not first.reactions.exists()
    assert Post.objects.filter(pk=reply.pk, reply_to=first).exists()
    page = client.get(reverse("forums:thread", args=[forum.thread.pk])).text
    assert "Hola a todas." not in page
    assert "respuesta" in page
    assert "withdrawn" in page.lower() or "retirado" in page.lower()
    with pytest.raises(PermissionDenied):  # only the author withdraws; facilitators hide
        services.post_delete(user=forum.world.participant, post=reply)


def test_hidden_post_shows_reason_to_author_only(client, forum):
    p = post(forum.world.participant, forum.thread, "Texto polémico")
    with pytest.raises(ValidationError):
        services.post_hide(user=forum.world.facilitator, post=p, reason="  ")
    with pytest.raises(PermissionDenied):
        services.post_hide(user=forum.world.participant, post=p, reason="no")
    client.force_login(forum.world.facilitator)
    client.post(
        reverse("forums:post_moderate", args=[p.pk]), {"action": "hide", "reason": "Datos personales"}
    )
    p.refresh_from_db()
    assert p.hidden and p.hidden_reason == "Datos personales"
    client.force_login(forum.world.participant)
    page = client.get(reverse("forums:thread", args=[forum.thread.pk])).text
    assert "Datos personales" in page and "Texto polémico" in page
    client.force_login(forum.group_member)
    page = client.get(reverse("forums:thread", args=[forum.thread.pk])).text
    assert "Datos personales" not in page and "Texto polémico" not in page


def test_thread_moderation_flags(forum):
    f = forum.world.facilitator
    services.thread_pin(user=f, thread=forum.thread)
    services.thread_lock(user=f, thread=forum.thread)
    services.thread_close(user=f, thread=forum.thread)
    forum.thread.refresh_from_db()
    assert forum.thread.pinned and forum.thread.locked and forum.thread.closed
    services.thread_lock(user=f, thread=forum.thread, locked=False)
    services.thread_close(user=f, thread=forum.thread, closed=False)
    assert post(forum.world.participant, forum.thread).pk
    services.thread_move(user=f, thread=forum.thread, space=forum.group_space)
    with pytest.raises(ValidationError):
        services.thread_move(user=f, thread=forum.thread, space=forum.other_space)
    with pytest.raises(PermissionDenied):
        services.thread_pin(user=forum.world.participant, thread=forum.thread)


def test_reactions_one_per_kind_per_person(client, forum):
    p = forum.thread.posts.first()
    f = forum.world.facilitator
    assert services.reaction_toggle(user=f, post=p, kind="resonates") is True
    assert services.reaction_toggle(user=f, post=p, kind="thanks") is True
    assert services.reaction_toggle(user=f, post=p, kind="resonates") is False
    assert list(Reaction.objects.filter(post=p).values_list("kind", flat=True)) == ["thanks"]
    with pytest.raises(ValidationError):
        services.reaction_toggle(user=f, post=p, kind="love")
    with pytest.raises(ValidationError):
        services.reaction_toggle(user=forum.world.participant, post=p, kind="thanks")  # own post
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(user=forum.world.observer, post=p, kind="thanks")
    client.force_login(forum.group_member)
    client.post(reverse("forums:post_react", args=[p.pk]), {"kind": "thought"})
    page = client.get(reverse("forums:thread", args=[forum.thread.pk])).text
    assert "Integrante" in page  # who reacted is shown


# --- post first, passages, gatherings, prompt threads ------------------------------------------------------


def test_post_first_then_see_others(client, forum):
    forum.thread.post_first = True
    forum.thread.save()
    post(forum.world.facilitator, forum.thread, "La mirada de la facilitadora")
    client.force_login(forum.group_member)
    page = client.get(reverse("forums:thread", args=[forum.thread.pk])).text
    assert "Hola a todas." not in page and "La mirada de la facilitadora" not in page
    post(forum.group_member, forum.thread, "Mi propia idea")
    page = client.get(reverse("forums:thread", args=[forum.thread.pk])).text
    assert "Hola a todas." in page and "Mi propia idea" in page
    client.force_login(forum.world.facilitator)  # facilitators always see
    assert "Hola a todas." in client.get(reverse("forums:thread", args=[forum.thread.pk])).text


def test_gathering_requires_passages_and_orders_by_text(world, prompt_course, client):
    from tests.factories import enrol, make_cohort, make_user

    cohort = make_cohort(prompt_course.course)
    facilitator, ana, luis = make_user("fac2"), make_user("ana2"), make_user("luis2")
    enrol(facilitator, cohort, "facilitator")
    enrol(ana, cohort)
    enrol(luis, cohort)
    lesson = prompt_course.all_lessons[0]
    reading = next(b for b in lesson.body if b.block_type == "reading")
    pids = [p.id for p in reading.value["paragraphs"].bound_blocks]
    space = services.space_ensure_for_cohort(cohort=cohort)
    with pytest.raises(ValidationError):
        services.thread_create(
            user=ana, space=space, title="T", body="x", mode="gathering", lesson=lesson, reading_id=reading.id
        )
    thread = services.thread_create(
        user=facilitator, space=space, title="Tertulia", body="Elijan un párrafo", mode="gathering",
        lesson=lesson, reading_id=reading.id,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        post(ana, thread, "sin pasaje")
    assert exc.value.code == "passage_required"
    choice = services.PassageChoice
    late = post(
        ana,
        thread,
        "El cuarto",
        passage=choice(lesson=lesson, block_id=reading.id, first_paragraph_id=pids[3]),
    )
    early = post(
        luis, thread, "Del segundo al tercero",
        passage=choice(
            lesson=lesson, block_id=reading.id, first_paragraph_id=pids[1], last_paragraph_id=pids[2]
        ),
    )  # fmt: skip
    assert early.passage_text == "Párrafo 1\n\nPárrafo 2" and early.passage_numbers == "2\u20133"
    with pytest.raises(ValidationError):
        post(ana, thread, "x", passage=choice(lesson=lesson, block_id=reading.id, first_paragraph_id="nope"))
    client.force_login(ana)
    page = client.get(reverse("forums:thread", args=[thread.pk])).text
    assert page.index("Del segundo al tercero") < page.index("El cuarto")
    assert f"#p-{pids[1]}" in page
    assert late.passage_position > early.passage_position


def test_discussion_prompt_thread_appears_in_lesson(client, prompt_course):
    from tests.factories import enrol, make_cohort, make_user

    cohort = make_cohort(prompt_course.course)
    ana = make_user("ana3")
    enrol(ana, cohort)
    lesson = prompt_course.all_lessons[0]
    client.force_login(ana)
    page = client.get(lesson.url)
    assert page.status_code == 200
    thread = Thread.objects.get(cohort=cohort, lesson=lesson, reading_id="")  # (the reading has its own)
    assert thread.prompt_text == "¿Qué párrafo elegiste?"
    client.get(lesson.url)
    assert Thread.objects.filter(cohort=cohort, lesson=lesson, reading_id="").count() == 1
    response = client.post(
        reverse("forums:reply", args=[thread.pk]),
        {"body": "Mi aporte desde la lección", "next": lesson.url + "#discussion"},
    )
    assert response.status_code == 302 and response["Location"].startswith(lesson.url)
    assert "Mi aporte desde la lección" in client.get(lesson.url).text
    # An unsafe next is ignored.
    response = client.post(
        reverse("forums:reply", args=[thread.pk]), {"body": "otro", "next": "https://evil.example/"}
    )
    assert "evil" not in response["Location"]
