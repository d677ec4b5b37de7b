"""Nudges: a personal message, in one click, to participants inactive for N days."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from announcements import selectors
from announcements.models import Nudge, NudgeTemplate
from courses.models import Enrollment
from tests.factories import enrol, make_user


def nudge_url(cohort, days=14) -> str:
    return reverse("announcements_nudge", args=[cohort.pk]) + f"?inactive={days}"


@pytest.fixture
def quiet(world):
    """participante never did anything; lucia was active yesterday; pedro last came 30 days ago."""
    lucia = enrol(make_user("lucia"), world.cohort)
    Enrollment.objects.filter(pk=lucia.pk).update(last_activity_at=timezone.now() - dt.timedelta(days=1))
    pedro = enrol(make_user("pedro"), world.cohort)
    Enrollment.objects.filter(pk=pedro.pk).update(last_activity_at=timezone.now() - dt.timedelta(days=30))
    return {
        "participante": Enrollment.objects.get(user=world.participant, cohort=world.cohort),
        "lucia": lucia,
        "pedro": pedro,
    }


def send(client, cohort, members, **overrides):
    data = {
        "subject": "Te extrañamos en {course}",
        "body": "Hola {name}: van {days} días. Vuelve: {link}",
        "batch_key": str(uuid.uuid4()),
        "member": [str(m.pk) for m in members],
        "inactive": "14",
    }
    data.update(overrides)
    return client.post(reverse("announcements_nudge", args=[cohort.pk]), data)


def test_the_page_lists_the_inactive_participants_with_the_default_text(
    client, world, admin_facilitator, quiet
):
    client.force_login(admin_facilitator)
    response = client.get(nudge_url(world.cohort, 14))
    page = response.content.decode()
    assert 'data-participant="participante"' in page and 'data-participant="pedro"' in page
    assert 'data-participant="lucia"' not in page
    assert "{name}" in response.context["form"].initial["body"]


def test_one_click_sends_each_a_personal_message(
    client, world, admin_facilitator, quiet, django_capture_on_commit_callbacks
):
    client.force_login(admin_facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, world.cohort, [quiet["participante"], quiet["pedro"]])
    assert response.status_code == 302
    pedro = Nudge.objects.get(recipient__username="pedro")
    assert pedro.subject == "Te extrañamos en Innovación"
    assert pedro.body.startswith("Hola Pedro: van 30 días. Vuelve: http")
    assert sorted(m.to[0] for m in mail.outbox) == ["participante@example.org", "pedro@example.org"]
    assert mail.outbox[0].reply_to == ["facilitadora@example.org"]
    # The member sees it on "Mi aprendizaje" until they dismiss it.
    client.force_login(quiet["pedro"].user)
    assert "Te extrañamos en Innovación" in client.get(reverse("workspace:my_learning")).content.decode()
    assert selectors.unread_count(quiet["pedro"].user) == 1
    client.post(reverse("announcements:nudge_read", args=[pedro.pk]))
    assert "Te extrañamos" not in client.get(reverse("workspace:my_learning")).content.decode()
    # The dashboard's nudge page shows when each was last nudged.
    client.force_login(admin_facilitator)
    assert timezone.now().strftime("%Y-%m-%d") in client.get(nudge_url(world.cohort)).content.decode()


def test_a_double_submit_sends_once(
    client, world, admin_facilitator, quiet, django_capture_on_commit_callbacks
):
    client.force_login(admin_facilitator)
    key = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        send(client, world.cohort, [quiet["pedro"]], batch_key=key)
        send(client, world.cohort, [quiet["pedro"]], batch_key=key)
    assert Nudge.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": "Hola {nombre}"}, "{nombre}"),
        ({"body": "Hola {name"}, "llaves"),
        ({"subject": ""}, "necesario"),
        ({"member": []}, "al menos una persona"),
        ({"member": ["abc"]}, "no son participantes"),
    ],
)
def test_bad_input_sends_nothing(client, world, admin_facilitator, quiet, overrides, message):
    client.force_login(admin_facilitator)
    response = send(client, world.cohort, [quiet["pedro"]], **overrides)
    assert response.status_code == 200
    errors = " ".join(str(e) for errors in response.context["form"].errors.values() for e in errors)
    assert message in errors.lower() or message in errors
    assert Nudge.objects.count() == 0 and mail.outbox == []


def test_people_of_another_cohort_cannot_be_nudged(client, world, admin_facilitator, quiet):
    client.force_login(admin_facilitator)
    foreign = Enrollment.objects.get(user=world.outsider)
    response = send(client, world.cohort, [quiet["pedro"], foreign])
    assert response.status_code == 200
    assert Nudge.objects.count() == 0


def test_the_wording_can_be_kept_for_the_cohort(client, world, admin_facilitator, quiet):
    client.force_login(admin_facilitator)
    send(client, world.cohort, [quiet["pedro"]], body="Querido/a {name}, te esperamos.", save_template="on")
    assert NudgeTemplate.objects.get(cohort=world.cohort).body == "Querido/a {name}, te esperamos."
    assert (
        client.get(nudge_url(world.cohort)).context["form"].initial["body"]
        == "Querido/a {name}, te esperamos."
    )


def test_a_facilitator_of_another_cohort_gets_404(client, world, quiet):
    from courses import services

    other = make_user("otra")
    services.enrolment_add(cohort=world.other_cohort, user=other, role=Enrollment.Role.FACILITATOR)
    client.force_login(other)
    assert client.get(nudge_url(world.cohort)).status_code == 404
    assert send(client, world.cohort, [quiet["pedro"]]).status_code == 404
    assert Nudge.objects.count() == 0


# --- placeholders are filled in literally; a failed e-mail is retried, never marked sent -------------------


@pytest.mark.parametrize("body", ["{days:>2000000}", "Hola {name!r}", "{days:_}", "{name:x<99}"])
def test_placeholders_take_no_format_spec_or_conversion(client, world, admin_facilitator, quiet, body):
    client.force_login(admin_facilitator)
    response = send(client, world.cohort, [quiet["pedro"]], body=body)
    errors = " ".join(str(e) for e in response.context["form"].errors.get("body", []))
    assert "nada después del nombre" in errors
    assert Nudge.objects.count() == 0


def test_placeholders_are_filled_in_literally():
    from announcements.services import fill_placeholders

    assert fill_placeholders("{name} {{name}} {days}", {"name": "{days}", "days": 3}) == "{days} {name} 3"


def test_a_text_too_long_once_filled_in_is_refused(client, world, admin_facilitator, quiet):
    from announcements.services import BODY_MAX

    client.force_login(admin_facilitator)
    body = "x" * (BODY_MAX - 6) + "{link}"
    response = send(client, world.cohort, [quiet["pedro"]], body=body)
    errors = " ".join(str(e) for e in response.context["form"].errors.get("body", []))
    assert "demasiado largo" in errors
    assert Nudge.objects.count() == 0


def test_a_name_with_a_newline_is_one_line_and_the_nudge_goes_out(
    client, world, admin_facilitator, django_capture_on_commit_callbacks
):
    odd = enrol(make_user("raro", first_name="Ana\nBcc: todos@example.org"), world.cohort)
    assert odd.user.first_name == "Ana Bcc: todos@example.org"
    client.force_login(admin_facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, world.cohort, [odd], subject="Hola {name}")
    assert [m.subject for m in mail.outbox] == ["Hola Ana Bcc: todos@example.org"]
    assert Nudge.objects.get(recipient=odd.user).emailed_at is not None


def test_a_nudge_that_could_not_be_sent_is_kept_for_a_retry(
    client, world, admin_facilitator, quiet, django_capture_on_commit_callbacks, settings
):
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "tests.announcements.failing_mail.FailingBackend"
    client.force_login(admin_facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, world.cohort, [quiet["pedro"]])
    nudge = Nudge.objects.get(recipient=quiet["pedro"].user)
    assert nudge.emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Nudge.objects.filter(pk=nudge.pk).update(sent_at=timezone.now() - dt.timedelta(hours=1))
    call_command("send_announcements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [["pedro@example.org"]]
    nudge.refresh_from_db()
    assert nudge.emailed_at is not None
