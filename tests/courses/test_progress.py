"""Marking lessons complete, and the progress shown on the course page and on "Mi aprendizaje"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import selectors, services
from courses.models import Enrollment, LessonCompletion
from tests.courses.conftest import prompt_id, translated, translated_plural
from tests.factories import enrol, make_user

LEARNING = reverse("workspace:my_learning")


def completions(user) -> set[int]:
    return set(LessonCompletion.objects.filter(enrollment__user=user).values_list("lesson_id", flat=True))


def progress_text(done: int, total: int) -> str:
    percent = round(100 * done / total) if total else 0
    return translated(
        "%(done)s of %(total)s lessons (%(percent)s%%)", done=done, total=total, percent=percent
    )


def module_text(done: int, total: int) -> str:
    return translated("%(done)s of %(total)s completed", done=done, total=total)


def continue_link(lesson) -> str:
    return f'href="{lesson.url}">{translated("Continue")}: {lesson.title}</a>'


# --- Services --------------------------------------------------------------------------------------


def test_lesson_complete_is_idempotent(world, released_lesson):
    first = services.lesson_complete(user=world.participant, lesson=released_lesson)
    second = services.lesson_complete(user=world.participant, lesson=released_lesson)
    assert first.pk == second.pk
    assert second.completed_at == first.completed_at
    assert LessonCompletion.objects.filter(lesson=released_lesson).count() == 1
    assert Enrollment.objects.get(user=world.participant).last_activity_at is not None


def test_lesson_uncomplete(world, released_lesson):
    services.lesson_complete(user=world.participant, lesson=released_lesson)
    services.lesson_uncomplete(user=world.participant, lesson=released_lesson)
    assert completions(world.participant) == set()
    services.lesson_uncomplete(user=world.participant, lesson=released_lesson)  # nothing to undo: fine
    assert completions(world.participant) == set()


def test_completing_a_locked_lesson_is_refused(world, locked_lesson):
    with pytest.raises(ValidationError) as exc_info:
        services.lesson_complete(user=world.participant, lesson=locked_lesson)
    assert exc_info.value.error_list[0].code == "locked"
    assert completions(world.participant) == set()


@pytest.mark.parametrize("role", ["outsider", "observer", "staff"])
def test_completing_is_refused_to_non_participants(world, released_lesson, role):
    user = getattr(world, role)
    with pytest.raises(ValidationError):
        services.lesson_complete(user=user, lesson=released_lesson)
    assert not LessonCompletion.objects.exists()


def test_a_lesson_of_another_course_is_refused(world):
    with pytest.raises(ValidationError) as exc_info:
        services.lesson_complete(user=world.participant, lesson=world.other_tree.lessons[0][0])
    assert exc_info.value.error_list[0].code == "not_enrolled"
    assert not LessonCompletion.objects.exists()


def test_facilitators_may_mark_lessons_even_locked_ones(world, locked_lesson):
    services.lesson_complete(user=world.facilitator, lesson=locked_lesson)
    assert completions(world.facilitator) == {locked_lesson.pk}


# --- The route -------------------------------------------------------------------------------------


def test_complete_route(client, world, released_lesson):
    client.force_login(world.participant)
    url = released_lesson.url + "complete/"
    response = client.post(url, {"action": "complete"}, follow=True)
    assert response.redirect_chain[0][0] == released_lesson.url + "#lesson-progress"
    assert translated("Lesson completed. Well done!") in response.text
    assert translated("You completed this lesson.") in response.text
    assert completions(world.participant) == {released_lesson.pk}
    client.post(url, {"action": "complete"})  # twice: still one
    assert LessonCompletion.objects.count() == 1
    response = client.post(url, {"action": "uncomplete"}, follow=True)
    assert translated("The lesson is marked as not completed.") in response.text
    assert translated("Mark as completed") in response.text
    assert completions(world.participant) == set()


def test_complete_route_needs_post(client, world, released_lesson):
    client.force_login(world.participant)
    assert client.get(released_lesson.url + "complete/").status_code == 405
    assert not LessonCompletion.objects.exists()


def test_complete_route_anonymous_goes_to_login(client, world, released_lesson):
    response = client.post(released_lesson.url + "complete/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not LessonCompletion.objects.exists()


def test_complete_route_locked_lesson_says_when_it_opens(client, world, locked_lesson):
    client.force_login(world.participant)
    response = client.post(locked_lesson.url + "complete/")
    assert response.status_code == 403
    assert response.context["decision"].opens_at == world.cohort.release_at(400)
    assert not LessonCompletion.objects.exists()


def test_complete_route_refused_to_outsider(client, world, released_lesson):
    client.force_login(world.outsider)
    assert client.post(released_lesson.url + "complete/").status_code == 403
    assert not LessonCompletion.objects.exists()


def test_complete_route_refused_to_observer_with_message(client, world, released_lesson):
    client.force_login(world.observer)
    response = client.post(released_lesson.url + "complete/", follow=True)
    assert response.redirect_chain[0][0] == released_lesson.url + "#lesson-progress"
    assert translated("Observers read the course without marking progress.") in response.text
    assert not LessonCompletion.objects.exists()


def test_observer_sees_no_complete_button(client, world, released_lesson):
    client.force_login(world.observer)
    response = client.get(released_lesson.url)
    assert response.status_code == 200
    assert f'action="{released_lesson.url}complete/"' not in response.text
    client.force_login(world.participant)
    assert f'action="{released_lesson.url}complete/"' in client.get(released_lesson.url).text


# --- Progress shown --------------------------------------------------------------------------------


def test_course_page_shows_progress(client, world):
    lessons = world.tree.lessons
    services.lesson_complete(user=world.participant, lesson=lessons[0][0])
    services.lesson_complete(user=world.participant, lesson=lessons[0][1])
    services.lesson_complete(user=world.participant, lesson=lessons[1][0])
    client.force_login(world.participant)
    html = client.get(world.tree.course.url).text
    assert progress_text(3, 6) in html
    assert module_text(2, 2) in html and module_text(1, 2) in html and module_text(0, 2) in html
    assert continue_link(lessons[1][1]) in html


def test_my_learning_shows_progress_and_continue(client, world):
    lessons = world.tree.lessons
    client.force_login(world.participant)
    html = client.get(LEARNING).text
    assert world.tree.course.title in html
    assert progress_text(0, 6) in html
    assert continue_link(lessons[0][0]) in html

    # Out of order: the first not-completed released lesson is next.
    services.lesson_complete(user=world.participant, lesson=lessons[0][1])
    html = client.get(LEARNING).text
    assert progress_text(1, 6) in html
    assert continue_link(lessons[0][0]) in html

    services.lesson_complete(user=world.participant, lesson=lessons[0][0])
    html = client.get(LEARNING).text
    assert progress_text(2, 6) in html
    assert continue_link(lessons[1][0]) in html

    # Every released lesson done: nothing to continue until module 3 opens (it is locked).
    for lesson in lessons[1]:
        services.lesson_complete(user=world.participant, lesson=lesson)
    html = client.get(LEARNING).text
    assert progress_text(4, 6) in html
    assert translated("Continue") + ":" not in html
    assert translated("Nothing to read right now: the next module has not opened yet.") in html
    assert lessons[2][0].url not in html


def test_my_learning_when_everything_is_done(client, world):
    for lesson in world.other_tree.all_lessons:
        services.lesson_complete(user=world.outsider, lesson=lesson)
    client.force_login(world.outsider)
    html = client.get(LEARNING).text
    assert progress_text(1, 1) in html
    assert translated("You completed every lesson of this course.") in html


def test_my_learning_lists_every_enrolment_with_its_own_progress(client, world):
    enrol(world.participant, world.other_cohort)
    services.lesson_complete(user=world.participant, lesson=world.other_tree.lessons[0][0])
    items = selectors.my_learning(user=world.participant)
    by_course = {item.enrollment.cohort.course_id: item.progress for item in items}
    assert by_course[world.other_tree.course.pk].completed == 1
    assert by_course[world.tree.course.pk].completed == 0
    client.force_login(world.participant)
    html = client.get(LEARNING).text
    assert world.tree.course.title in html and world.other_tree.course.title in html


def test_my_learning_for_facilitator_counts_pending_reflections(client, world, released_lesson, peer):
    for author in (world.participant, peer):
        services.reflection_submit(
            user=author, lesson=released_lesson, prompt_id=prompt_id(released_lesson), body="Pienso que…"
        )
    client.force_login(world.facilitator)
    html = client.get(LEARNING).text
    assert (
        translated_plural(
            "%(n)s reflection awaits your feedback.", "%(n)s reflections await your feedback.", 2, n=2
        )
        in html
    )
    assert f'href="{reverse("workspace:cohort", args=[world.cohort.pk])}#pending"' in html


def test_my_learning_without_enrolments(client, db):
    client.force_login(make_user())
    response = client.get(LEARNING)
    assert response.status_code == 200
    assert translated("You are not enrolled in any course yet.") in response.text


def test_my_learning_anonymous_goes_to_login(client, db):
    response = client.get(LEARNING)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
