"""Reflections: the participant writes privately, a facilitator gives feedback, the participant answers."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses import services
from courses.models import Enrollment, LessonPage, Reflection, ReflectionMessage
from courses.services import REFLECTION_MAX_CHARS
from tests.courses.conftest import prompt_id, translated, translated_plural
from tests.factories import enrol, make_cohort, make_user, reflection_block


def submit_url(lesson, pid: str) -> str:
    return f"{lesson.url}reflections/{pid}/"


def detail_url(reflection: Reflection) -> str:
    return reverse("courses:reflection", args=[reflection.pk])


@pytest.fixture
def pid(released_lesson) -> str:
    return prompt_id(released_lesson)


# --- Writing a reflection --------------------------------------------------------------------------


def test_submit_stores_a_pending_reflection(client, world, released_lesson, pid):
    client.force_login(world.participant)
    response = client.post(submit_url(released_lesson, pid), {"body": "  Aprendí a escuchar.  "})
    assert response.status_code == 302
    assert response.url == f"{released_lesson.url}#reflection-{pid}"
    reflection = Reflection.objects.get()
    assert reflection.enrollment.user == world.participant
    assert reflection.status == Reflection.Status.PENDING
    assert reflection.prompt == "¿Qué aprendiste?"
    message = reflection.messages.get()
    assert (message.kind, message.body) == (ReflectionMessage.Kind.REFLECTION, "Aprendí a escuchar.")
    # The lesson now shows the reflection and its state instead of the form.
    html = client.get(released_lesson.url).text
    assert "Aprendí a escuchar." in html
    assert translated("Awaiting feedback") in html
    assert f'action="{submit_url(released_lesson, pid)}"' not in html


def test_the_lesson_offers_the_form_to_participants_only(client, world, released_lesson, pid):
    form = f'action="{submit_url(released_lesson, pid)}"'
    client.force_login(world.participant)
    assert form in client.get(released_lesson.url).text
    for user in (world.observer, world.facilitator):
        client.force_login(user)
        assert form not in client.get(released_lesson.url).text


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_empty_reflection_is_refused(client, world, released_lesson, pid, body):
    client.force_login(world.participant)
    response = client.post(submit_url(released_lesson, pid), {"body": body})
    assert response.status_code == 400
    assert translated("Write something before sending.") in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Reflection.objects.exists() and not ReflectionMessage.objects.exists()


def test_too_long_reflection_is_refused_and_the_text_kept(client, world, released_lesson, pid):
    text = "Mucho que decir. " * (REFLECTION_MAX_CHARS // 17 + 1)
    assert len(text.strip()) > REFLECTION_MAX_CHARS
    client.force_login(world.participant)
    response = client.post(submit_url(released_lesson, pid), {"body": text})
    assert response.status_code == 400
    message = translated(
        "The text is too long (%(count)d characters; at most %(max)d).",
        count=len(text.strip()),
        max=REFLECTION_MAX_CHARS,
    )
    assert message in response.text
    assert text in response.text  # what was typed is in the textarea again
    assert not Reflection.objects.exists()


def test_text_is_kept_on_error_next_to_its_own_prompt(client, world):
    module = world.tree.modules[0]
    first, second = reflection_block("¿Primera?"), reflection_block("¿Segunda?")
    lesson = module.add_child(instance=LessonPage(title="Dos consignas", slug="dos", body=[first, second]))
    client.force_login(world.participant)
    big = "x" * (REFLECTION_MAX_CHARS + 1)
    response = client.post(submit_url(lesson, second["id"]), {"body": big})
    assert response.status_code == 400
    html = response.text
    # The text and the error are in the second prompt's form; the first one is untouched.
    second_form = html[html.index(f'id="reflection-{second["id"]}"') :]
    first_form = html[
        html.index(f'id="reflection-{first["id"]}"') : html.index(f'id="reflection-{second["id"]}"')
    ]
    assert f">{big}</textarea>" in second_form
    assert f'id="reflection-error-{second["id"]}"' in second_form
    assert "reflection-error-" not in first_form and big not in first_form
    assert not Reflection.objects.exists()


def test_unknown_prompt_is_refused_with_a_message(client, world, released_lesson):
    client.force_login(world.participant)
    response = client.post(submit_url(released_lesson, "no-such-prompt"), {"body": "Hola"})
    assert response.status_code == 400
    assert translated("This reflection prompt no longer exists.") in response.text
    assert not Reflection.objects.exists()


def test_double_submit_with_same_token_stores_one_message(client, world, released_lesson, pid):
    client.force_login(world.participant)
    token = str(uuid.uuid4())
    for _ in range(3):
        response = client.post(submit_url(released_lesson, pid), {"body": "Una vez", "client_token": token})
        assert response.status_code == 302
    assert Reflection.objects.count() == 1
    assert ReflectionMessage.objects.count() == 1


def test_a_second_submission_adds_to_the_same_reflection(world, released_lesson, pid):
    first = services.reflection_submit(
        user=world.participant, lesson=released_lesson, prompt_id=pid, body="Uno"
    )
    second = services.reflection_submit(
        user=world.participant, lesson=released_lesson, prompt_id=pid, body="Dos"
    )
    assert first.pk == second.pk
    assert [m.kind for m in first.messages.all()] == [
        ReflectionMessage.Kind.REFLECTION,
        ReflectionMessage.Kind.REPLY,
    ]


@pytest.mark.parametrize("role", ["observer", "facilitator", "staff", "outsider"])
def test_only_participants_write_reflections(world, released_lesson, pid, role):
    with pytest.raises(ValidationError):
        services.reflection_submit(
            user=getattr(world, role), lesson=released_lesson, prompt_id=pid, body="Hola"
        )
    assert not Reflection.objects.exists()


def test_observer_post_is_refused(client, world, released_lesson, pid):
    client.force_login(world.observer)
    response = client.post(submit_url(released_lesson, pid), {"body": "Hola"})
    assert response.status_code == 400
    assert translated("Only participants write reflections.") in response.text
    assert not Reflection.objects.exists()


def test_reflection_on_a_locked_lesson_is_refused(client, world, locked_lesson):
    pid = prompt_id(locked_lesson)
    with pytest.raises(ValidationError) as exc_info:
        services.reflection_submit(user=world.participant, lesson=locked_lesson, prompt_id=pid, body="Hola")
    assert exc_info.value.error_list[0].code == "locked"
    client.force_login(world.participant)
    assert client.post(submit_url(locked_lesson, pid), {"body": "Hola"}).status_code == 403
    assert not Reflection.objects.exists()


def test_anonymous_submit_goes_to_login(client, world, released_lesson, pid):
    response = client.post(submit_url(released_lesson, pid), {"body": "Hola"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Reflection.objects.exists()


def test_other_participants_do_not_see_it_on_the_lesson(client, world, released_lesson, reflection, peer):
    client.force_login(peer)
    html = client.get(released_lesson.url).text
    assert "Mi reflexión sobre el diálogo igualitario." not in html
    assert detail_url(reflection) not in html


# --- The feedback dialogue -------------------------------------------------------------------------


def test_feedback_then_answer_back(client, world, reflection):
    url = detail_url(reflection)
    client.force_login(world.facilitator)
    page = client.get(url)
    assert translated("Your feedback") in page.text
    response = client.post(url, {"body": "¿Y si lo pruebas en la próxima reunión?"}, follow=True)
    assert response.redirect_chain[0][0] == url + "#latest"
    assert translated("Your feedback was sent.") in response.text
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.ANSWERED
    assert reflection.messages.last().kind == ReflectionMessage.Kind.FEEDBACK

    client.force_login(world.participant)
    page = client.get(url)
    assert "¿Y si lo pruebas en la próxima reunión?" in page.text
    assert translated("Answered") in page.text
    assert translated("Answer back") in page.text
    response = client.post(url, {"body": "Lo intentaré el lunes."}, follow=True)
    assert translated("Your answer was sent.") in response.text
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.PENDING
    assert [m.kind for m in reflection.messages.all()] == ["reflection", "feedback", "reply"]
    assert translated("Awaiting feedback") in response.text


def test_my_learning_tells_the_participant_about_feedback(client, world, reflection):
    services.reflection_feedback(author=world.facilitator, reflection=reflection, body="Gracias")
    client.force_login(world.participant)
    html = client.get(reverse("workspace:my_learning")).text
    singular, plural = "You have feedback on %(n)s reflection.", "You have feedback on %(n)s reflections."
    assert translated_plural(singular, plural, 1, n=1) in html


def test_cohort_page_lists_pending_reflections_for_facilitators_only(client, world, reflection):
    url = reverse("workspace:cohort", args=[world.cohort.pk])
    client.force_login(world.facilitator)
    assert detail_url(reflection) in client.get(url).text
    client.force_login(world.participant)
    assert detail_url(reflection) not in client.get(url).text
    services.reflection_feedback(author=world.facilitator, reflection=reflection, body="Gracias")
    client.force_login(world.facilitator)
    assert detail_url(reflection) not in client.get(url).text


def test_empty_feedback_is_refused_and_nothing_changes(client, world, reflection):
    client.force_login(world.facilitator)
    response = client.post(detail_url(reflection), {"body": "  "})
    assert response.status_code == 400
    assert translated("Write something before sending.") in response.text
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.PENDING
    assert reflection.messages.count() == 1


def test_too_long_feedback_keeps_the_text(client, world, reflection):
    text = "y" * (REFLECTION_MAX_CHARS + 5)
    client.force_login(world.facilitator)
    response = client.post(detail_url(reflection), {"body": text})
    assert response.status_code == 400
    assert f">{text}</textarea>" in response.text
    assert reflection.messages.count() == 1


def test_double_feedback_with_same_token_is_stored_once(client, world, reflection):
    client.force_login(world.facilitator)
    token = str(uuid.uuid4())
    for _ in range(2):
        client.post(detail_url(reflection), {"body": "Bien", "client_token": token})
    assert reflection.messages.filter(kind=ReflectionMessage.Kind.FEEDBACK).count() == 1


@pytest.mark.parametrize("who", ["peer", "observer", "outsider", "other_facilitator"])
def test_others_cannot_read_or_write(client, world, reflection, peer, who):
    if who == "other_facilitator":
        user = make_user("otra")
        enrol(user, make_cohort(world.tree.course, started_days_ago=1), Enrollment.Role.FACILITATOR)
    else:
        user = peer if who == "peer" else getattr(world, who)
    client.force_login(user)
    assert client.get(detail_url(reflection)).status_code == 404
    assert client.post(detail_url(reflection), {"body": "Intrusión"}).status_code == 404
    assert reflection.messages.count() == 1
    with pytest.raises(PermissionDenied):
        services.reflection_feedback(author=user, reflection=reflection, body="Intrusión")
    with pytest.raises(PermissionDenied):
        services.reflection_reply(author=user, reflection=reflection, body="Intrusión")


def test_participant_cannot_give_feedback_to_self(world, reflection):
    with pytest.raises(PermissionDenied):
        services.reflection_feedback(author=world.participant, reflection=reflection, body="Me felicito")
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.PENDING


def test_staff_may_give_feedback(client, world, reflection):
    client.force_login(world.staff)
    client.post(detail_url(reflection), {"body": "Desde la coordinación"})
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.ANSWERED


def test_a_reflection_is_cleaned_like_every_text_people_type(world, released_lesson, pid):
    reflection = services.reflection_submit(
        user=world.participant, lesson=released_lesson, prompt_id=pid, body="Mi\x00 escuela\r\naprende\x1b"
    )
    assert reflection.messages.get().body == "Mi escuela\naprende"


@pytest.mark.parametrize("who", ["participant", "facilitator", "observer", "outsider", "staff", "peer"])
def test_the_reflection_filter_agrees_with_who_may_see_one(world, reflection, peer, who):
    from courses import access

    user = peer if who == "peer" else getattr(world, who)
    listed = Reflection.objects.filter(access.visible_reflections_q(user)).filter(pk=reflection.pk).exists()
    assert listed is access.can_view_reflection(user, reflection)
