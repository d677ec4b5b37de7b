"""A lesson's conversations (one per discussion prompt, one per reading) are opened by services, never
by reading a page: when a cohort is saved, when a lesson or module is published, and by
``manage.py ensure_lesson_threads`` for the modules that open later by date. Always idempotent."""

from __future__ import annotations

import datetime as dt
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Cohort, CohortGroup, LessonPage
from forums import services
from forums.models import DialogicMove, Space, Thread
from tests.factories import enrol, make_cohort, make_course, make_user, reading_block
from tests.forums.conftest import writes

pytestmark = pytest.mark.django_db


def lesson_body(prompt: str = "¿Qué te llevas de esta sesión?") -> list[dict]:
    return [
        reading_block(paragraphs=2),
        {
            "type": "discussion_prompt",
            "value": {"prompt": prompt, "post_first": False},
            "id": str(uuid.uuid4()),
        },
    ]


def conversations(cohort, lesson) -> set[str]:
    return {
        "prompt" if t.prompt_id else "reading" for t in Thread.objects.filter(cohort=cohort, lesson=lesson)
    }


def test_a_new_cohort_gets_its_spaces_and_the_conversations_of_its_open_modules():
    tree = make_course(modules=2, lessons=1, offsets=[0, 30], body=lesson_body())
    cohort = make_cohort(tree.course, started_days_ago=3)
    first, second = tree.all_lessons
    assert conversations(cohort, first) == {"prompt", "reading"}
    assert conversations(cohort, second) == set()  # its module opens in 27 days
    assert Space.objects.filter(cohort=cohort, kind=Space.Kind.COHORT).count() == 1
    assert DialogicMove.objects.filter(course=tree.course).exists()
    thread = Thread.objects.get(cohort=cohort, lesson=first, reading_id="")
    assert thread.prompt_text == "¿Qué te llevas de esta sesión?"
    assert thread.author_id is None
    reading = Thread.objects.get(cohort=cohort, lesson=first, prompt_id="")
    assert reading.is_gathering
    assert reading.space.kind == Space.Kind.COHORT

    cohort.name = "Cohorte renombrada"
    cohort.save()  # saving again opens nothing twice
    assert Thread.objects.filter(cohort=cohort).count() == 2

    group = CohortGroup.objects.create(cohort=cohort, name="GIA Sur")
    assert Space.objects.filter(cohort=cohort, group=group, kind=Space.Kind.GROUP).count() == 1


def test_publishing_a_lesson_opens_it_where_its_module_is_open_and_only_once():
    tree = make_course(modules=2, lessons=1, offsets=[0, 30])
    running = make_cohort(tree.course, started_days_ago=40)
    starting = make_cohort(tree.course, started_days_ago=3)
    module = tree.modules[1]
    lesson = module.add_child(
        instance=LessonPage(title="Nueva", slug="nueva", body=lesson_body(), live=False)
    )
    assert not Thread.objects.filter(lesson=lesson).exists()  # a draft opens nothing
    lesson.save_revision().publish()
    assert conversations(running, lesson) == {"prompt", "reading"}
    assert conversations(starting, lesson) == set()
    lesson.save_revision().publish()
    assert Thread.objects.filter(lesson=lesson).count() == 2

    module.release_offset_days = 0  # the facilitator opens the module from day one, and publishes it
    module.save_revision().publish()
    assert conversations(starting, lesson) == {"prompt", "reading"}
    assert Thread.objects.filter(lesson=lesson).count() == 4


def test_a_module_opening_by_date_gets_its_conversations_from_the_scheduled_command(client):
    tree = make_course(modules=2, lessons=1, offsets=[0, 7], body=lesson_body("¿Qué cambió en tu aula?"))
    cohort = make_cohort(tree.course, started_days_ago=3)
    ana = make_user("ana")
    enrol(ana, cohort)
    second = tree.all_lessons[1]
    # A week later: the second module opened at midnight (cohort time), the scheduler has not run yet.
    Cohort.objects.filter(pk=cohort.pk).update(starts_on=F("starts_on") - dt.timedelta(days=7))
    client.force_login(ana)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(second.url)
    assert page.status_code == 200
    assert writes(ctx) == []
    html = page.content.decode()
    assert "¿Qué cambió en tu aula?" in html  # the prompt, without its conversation yet
    assert 'name="body"' not in html
    assert "?passage=" not in html
    assert conversations(cohort, second) == set()

    out = StringIO()
    call_command("ensure_lesson_threads", stdout=out)
    assert "2 conversations opened" in out.getvalue()
    assert conversations(cohort, second) == {"prompt", "reading"}
    call_command("ensure_lesson_threads", stdout=out)
    assert "0 conversations opened" in out.getvalue()
    html = client.get(second.url).content.decode()
    prompt = Thread.objects.get(cohort=cohort, lesson=second, reading_id="")
    assert reverse("forums:reply", args=[prompt.pk]) in html
    assert "?passage=" in html


def test_the_command_skips_ended_cohorts_unless_asked_and_takes_one_cohort():
    tree = make_course(modules=1, lessons=1, body=lesson_body())
    ended = make_cohort(tree.course, started_days_ago=400, weeks=10)
    Thread.objects.filter(cohort=ended).delete()
    out = StringIO()
    call_command("ensure_lesson_threads", stdout=out)
    assert conversations(ended, tree.all_lessons[0]) == set()
    call_command("ensure_lesson_threads", "--cohort", str(ended.pk), stdout=out)
    assert conversations(ended, tree.all_lessons[0]) == {"prompt", "reading"}
    Thread.objects.filter(cohort=ended).delete()
    call_command("ensure_lesson_threads", "--all", stdout=out)
    assert conversations(ended, tree.all_lessons[0]) == {"prompt", "reading"}


def test_ensuring_again_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    small = make_course("Pequeño", modules=1, lessons=1, body=lesson_body())
    large = make_course("Grande", modules=3, lessons=4, offsets=[0, 0, 0], body=lesson_body())
    for tree in (small, large):
        cohorts = [make_cohort(tree.course) for _ in range(2)]
        assert Thread.objects.filter(cohort__in=cohorts).count() == 2 * 2 * len(tree.all_lessons)
        with django_assert_max_num_queries(3 + len(cohorts)):
            assert services.lesson_threads_ensure_for_course(course=tree.course, cohorts=cohorts) == 0


def test_a_facilitators_own_gathering_on_the_reading_counts_as_its_conversation():
    body = lesson_body()
    tree = make_course(modules=1, lessons=1, body=body)
    lesson = tree.all_lessons[0]
    cohort = make_cohort(tree.course, started_days_ago=-5)  # starts in five days: nothing open yet
    assert Thread.objects.filter(cohort=cohort).count() == 0
    rosa = make_user("rosa")
    enrol(rosa, cohort, role="facilitator")
    space = Space.objects.get(cohort=cohort, kind=Space.Kind.COHORT)
    own = services.thread_create(
        user=rosa,
        space=space,
        title="Nuestra tertulia",
        body="Elijan un párrafo.",
        mode=Thread.Mode.GATHERING,
        lesson=lesson,
        reading_id=body[0]["id"],
        enforce_rate_limit=False,
    )
    services.lesson_threads_ensure_for_course(course=tree.course, now=cohort.release_at(0))
    assert list(Thread.objects.filter(cohort=cohort, reading_id=body[0]["id"])) == [own]
    assert conversations(cohort, lesson) == {"prompt", "reading"}
