"""A cohort where every field a participant writes holds an XSS payload, written through the real forms
and services, and the pages that show them. Used by the server-side check (test_xss.py) and the browser
check (test_xss_browser.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from courses import services
from forums import services as forum_services
from live import room
from lms.text import normalise_text
from tests.live.conftest import make_gathering
from tests.security.xss_payloads import PAYLOADS, short

PASSWORD = "una-clave-larga-2026"

# The pages of XssWorld.pages(), by label (parametrised tests are listed before the database exists).
PAGE_LABELS = [
    "thread", "thread, facilitator", "thread, second page", "space", "space, second page", "spaces", "search",
    "search, script", "notifications", "lesson with reflection", "reflection",
    "writer's reflection, facilitator", "room", "room, facilitator", "room, writer moderator", "record",
    "voices", "attendance", "cohort", "my learning, name in header", "post edit", "post fragment",
    "search query reflected", "passage reflected", "move reflected", "login next reflected",
    "signup next reflected",
]  # fmt: skip


@dataclass
class XssWorld:
    world: object
    writers: list = field(default_factory=list)  # one participant per payload, named with it
    space: object = None
    thread: object = None  # the participant's thread, answered by every writer
    writer_threads: list = field(default_factory=list)
    writer_reply: object = None  # every payload in one contribution of the first writer
    editor: object = None  # a Wagtail editor (superuser), for the admin's own policy
    reflection: object = None
    writer_reflection: object = None
    gathering: object = None
    lesson: object = None

    def pages(self) -> list[tuple[str, str, str]]:
        """(label, role, address) of every page that shows what participants wrote."""
        c = self.world.cohort
        thread, space = self.thread, self.space
        evil = quote(PAYLOADS[4])  # '"><script>…' in query strings the page reflects
        pages = [
            ("thread", "participant", thread.get_absolute_url()),
            ("thread, facilitator", "facilitator", thread.get_absolute_url()),
            ("thread, second page", "participant", thread.get_absolute_url() + "?page=2"),
            ("space", "participant", space.get_absolute_url()),
            ("space, second page", "participant", space.get_absolute_url() + "?page=2"),
            ("spaces", "participant", f"/cohorts/{c.pk}/spaces/"),
            ("search", "participant", f"/cohorts/{c.pk}/search/?q=xss"),
            ("search, script", "participant", f"/cohorts/{c.pk}/search/?q=script+onerror"),
            ("notifications", "participant", "/notifications/"),
            ("lesson with reflection", "participant", self.lesson.url),
            ("reflection", "participant", self.reflection.get_absolute_url()),
            ("writer's reflection, facilitator", "facilitator", self.writer_reflection.get_absolute_url()),
            ("room", "participant", f"/gatherings/{self.gathering.pk}/room/"),
            ("room, facilitator", "facilitator", f"/gatherings/{self.gathering.pk}/room/"),
            ("room, writer moderator", "writer", f"/gatherings/{self.gathering.pk}/room/"),
            ("record", "participant", f"/gatherings/{self.gathering.pk}/record/"),
            ("voices", "facilitator", f"/cohorts/{c.pk}/voices/"),
            ("attendance", "facilitator", f"/cohorts/{c.pk}/attendance/"),
            ("cohort", "writer", f"/cohorts/{c.pk}/"),
            ("my learning, name in header", "writer", "/learning/"),
            ("post edit", "writer", f"/posts/{self.writer_reply.pk}/edit/"),
            ("post fragment", "participant", f"/posts/{self.writer_reply.pk}/fragment/"),
            # what the address carries, shown back
            ("search query reflected", "participant", f"/cohorts/{c.pk}/search/?q={evil}"),
            ("passage reflected", "participant", f"{thread.get_absolute_url()}?passage={evil}"),
            ("move reflected", "participant", f"{space.get_absolute_url()}?move={evil}"),
            ("login next reflected", "anonymous", f"/accounts/login/?next={evil}"),
            ("signup next reflected", "anonymous", f"/accounts/signup/?next={evil}"),
        ]
        return pages

    def user(self, role: str):
        if role == "anonymous":
            return None
        if role == "writer":
            return self.writers[0]
        if role == "editor":
            return self.editor
        return getattr(self.world, role)


def sign_up(n: int, name: str, cohort):
    """A participant who signs up through the form with a payload as name, and enrols."""
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "username": f"escritora{n}",
            "first_name": short(name),
            "last_name": short(name[::-1]),
            "email": f"escritora{n}@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    user = get_user_model().objects.get(username=f"escritora{n}")
    assert user.first_name == normalise_text(short(name), single_line=True)  # names are one line
    services.enrolment_create(user=user, cohort=cohort)
    return user


@override_settings(TERTULIA_CHAT_RATE=(1000, 10))
def populate(world) -> XssWorld:
    x = XssWorld(world=world)
    cohort = world.cohort
    x.lesson = world.tree.lessons[0][0]
    prompt_id = next(b.id for b in x.lesson.body if b.block_type == "reflection_prompt")
    x.writers = [sign_up(n, payload, cohort) for n, payload in enumerate(PAYLOADS)]

    # Forums: a thread per payload (title and body), and a reply with a quote to the participant's thread.
    x.space = forum_services.space_ensure_for_cohort(cohort=cohort)
    x.thread = forum_services.thread_create(
        user=world.participant, space=x.space, title="Conversación", body="¿Opinan?", enforce_rate_limit=False
    )
    root = x.thread.posts.get()
    for writer, payload in zip(x.writers, PAYLOADS, strict=True):
        x.writer_threads.append(
            forum_services.thread_create(
                user=writer, space=x.space, title=short(payload, 200), body=payload, enforce_rate_limit=False
            )
        )
        forum_services.post_publish(
            user=writer,
            thread=x.thread,
            body=f"@participante {payload}",
            reply_to=root,
            quote_text=payload,
            enforce_rate_limit=False,
        )
    x.writer_reply = forum_services.post_publish(
        user=x.writers[0], thread=x.thread, body="\n\n".join(PAYLOADS), enforce_rate_limit=False
    )

    # Reflections: the participant's text, the facilitator's feedback, the answer back; one per writer.
    everything = "\n\n".join(PAYLOADS)
    x.reflection = services.reflection_submit(
        user=world.participant, lesson=x.lesson, prompt_id=prompt_id, body=everything
    )
    services.reflection_feedback(author=world.facilitator, reflection=x.reflection, body=everything)
    services.reflection_reply(author=world.participant, reflection=x.reflection, body=everything)
    for writer, payload in zip(x.writers, PAYLOADS, strict=True):
        x.writer_reflection = services.reflection_submit(
            user=writer, lesson=x.lesson, prompt_id=prompt_id, body=payload
        )

    # The live room: chat, raised hands with passages, turns, polls opened by a participant who was
    # handed the moderator role, and the moderator's notes.
    x.gathering = g = make_gathering(cohort, title="Tertulia")
    for writer, payload in zip(x.writers, PAYLOADS, strict=True):
        room.chat_send(gathering=g, user=writer, text=payload)
        room.hand_raise(gathering=g, user=writer, passage=short(payload, 500))
    room.floor_next(gathering=g, user=world.facilitator)
    room.floor_next(gathering=g, user=world.facilitator)
    room.moderator_assign(gathering=g, user=world.facilitator, user_id=x.writers[0].pk)
    moderator = x.writers[0]
    chunks = [PAYLOADS[i : i + 10] for i in range(0, len(PAYLOADS), 10)]
    for i, options in enumerate(chunks):
        options = options if len(options) >= 2 else [*options, "otra"]
        room.poll_open(gathering=g, user=moderator, question=short(options[0], 300), options=options)
        poll_id = g.polls.order_by("-pk").values_list("pk", flat=True).first()
        room.poll_vote(gathering=g, user=world.participant, poll_id=poll_id, option=0)
        if i < len(chunks) - 1:
            room.poll_close(gathering=g, user=moderator, poll_id=poll_id)
    room.notes_save(gathering=g, user=moderator, notes=everything)
    g.refresh_from_db()
    return x
