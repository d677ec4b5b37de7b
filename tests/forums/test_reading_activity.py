"""A lesson's reading shows, per paragraph, how many contributions cite it and links to them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from forums import selectors, services
from forums.models import Space, Thread
from tests.factories import enrol, make_cohort, make_course, make_user, reading_block

pytestmark = pytest.mark.django_db


def test_paragraph_counts_and_links_in_the_lesson(client):
    reading = reading_block(paragraphs=3)
    tree = make_course(modules=1, lessons=1, body=[reading])
    lesson = tree.all_lessons[0]
    cohort = make_cohort(tree.course)
    participant, facilitator = make_user(), make_user()
    enrol(participant, cohort)
    enrol(facilitator, cohort, role="facilitator")
    space = services.space_ensure_for_cohort(cohort=cohort)
    paragraphs = [p["id"] for p in reading["value"]["paragraphs"]]
    thread = services.thread_create(
        user=facilitator,
        space=space,
        title="Tertulia sobre la lectura",
        body="Elijan un párrafo.",
        mode=Thread.Mode.GATHERING,
        lesson=lesson,
        reading_id=reading["id"],
        enforce_rate_limit=False,
    )
    post = services.post_publish(
        user=participant,
        thread=thread,
        body="Me quedo con este párrafo porque habla de mi escuela.",
        passage=services.PassageChoice(
            lesson=lesson,
            block_id=reading["id"],
            first_paragraph_id=paragraphs[0],
            last_paragraph_id=paragraphs[1],
        ),
    )
    activity = selectors.reading_activity(cohort=cohort, lesson=lesson, block_id=reading["id"])
    assert activity.counts == {paragraphs[0]: 1, paragraphs[1]: 1}
    assert activity.first_post[paragraphs[0]] == post.pk
    assert activity.thread == thread
    assert space.kind == Space.Kind.COHORT

    client.force_login(participant)
    html = client.get(lesson.url).content.decode()
    assert f"/posts/{post.pk}/" in html
    assert f"{thread.get_absolute_url()}?passage={paragraphs[2]}#reply" in html
    form = client.get(f"{thread.get_absolute_url()}?passage={paragraphs[2]}").content.decode()
    assert f'<option value="{paragraphs[2]}" selected>' in form


def test_a_reading_has_a_conversation_per_cohort_even_before_a_facilitator_opens_one(client):
    reading = reading_block(paragraphs=2)
    tree = make_course(modules=1, lessons=1, body=[reading])
    lesson = tree.all_lessons[0]
    cohort = make_cohort(tree.course)
    participant = make_user()
    enrol(participant, cohort)
    client.force_login(participant)
    html = client.get(lesson.url).content.decode()
    thread = Thread.objects.get(cohort=cohort, lesson=lesson, reading_id=reading["id"])
    assert thread.is_gathering and thread.author_id is None
    assert f"{thread.get_absolute_url()}?passage=" in html
    client.get(lesson.url)
    assert Thread.objects.filter(cohort=cohort, reading_id=reading["id"]).count() == 1
    paragraphs = [p["id"] for p in reading["value"]["paragraphs"]]
    with pytest.raises(ValidationError):
        services.post_publish(user=participant, thread=thread, body="Sin pasaje no vale.")
    post = services.post_publish(
        user=participant,
        thread=thread,
        body="Elegí este párrafo porque me recuerda a mi escuela.",
        passage=services.PassageChoice(
            lesson=lesson, block_id=reading["id"], first_paragraph_id=paragraphs[1]
        ),
    )
    assert post.passage_paragraph_ids == [paragraphs[1]]
    assert selectors.reading_activity(cohort=cohort, lesson=lesson, block_id=reading["id"]).counts == {
        paragraphs[1]: 1
    }
