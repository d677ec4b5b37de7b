"""Announcements: written in the admin, delivered to the cohort or one small group, shown on "Mi
aprendizaje" and among notifications, e-mailed in each member's language, scheduled ones sent once."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from announcements import selectors, services
from announcements.models import Announcement, AnnouncementReceipt
from lms.models import MemberPreferences
from tests.factories import make_user


def admin_url(cohort) -> str:
    return reverse("announcements_admin", args=[cohort.pk])


def post_announcement(client, cohort, **overrides):
    data = {"title": "Encuentro del sábado", "body": "Traigan **su cuaderno**.", "send": "now"}
    data["form_key"] = str(uuid.uuid4())
    data.update(overrides)
    return client.post(admin_url(cohort), data)


# --- writing and delivering -----------------------------------------------------------------------------


def test_facilitator_sends_an_announcement_to_the_whole_cohort(
    client, world, admin_facilitator, grouped, django_capture_on_commit_callbacks
):
    client.force_login(admin_facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_announcement(client, world.cohort)
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.sent_at is not None
    assert "<strong>su cuaderno</strong>" in announcement.body_html
    recipients = set(announcement.receipts.values_list("recipient__username", flat=True))
    # Everyone enrolled but the author; nobody of the other cohort.
    assert recipients == {"participante", "observadora", "ana", "bruno"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{name}@example.org" for name in ("participante", "observadora", "ana", "bruno")
    )
    assert all("Encuentro del sábado" in m.subject for m in mail.outbox)


def test_each_member_gets_the_e_mail_in_their_language(world, grouped, django_capture_on_commit_callbacks):
    MemberPreferences.objects.create(user=grouped["ana"], language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_create(
            cohort=world.cohort, author=world.facilitator, title="Hola", body="Texto"
        )
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert "Read it on the site:" in by_recipient["ana@example.org"]
    assert "Read it on the site:" not in by_recipient["bruno@example.org"]
    assert "Léelo en el sitio:" in by_recipient["bruno@example.org"]


def test_a_group_announcement_reaches_only_that_group_and_the_facilitators(
    client, world, grouped, django_capture_on_commit_callbacks
):
    other_facilitator = make_user("cofacilitador")
    from courses.models import Enrollment
    from tests.factories import enrol

    enrol(other_facilitator, world.cohort, Enrollment.Role.FACILITATOR)
    with django_capture_on_commit_callbacks(execute=True):
        announcement = services.announcement_create(
            cohort=world.cohort,
            author=world.facilitator,
            title="Solo GIA Norte",
            body="…",
            group=grouped["group"],
        )
    assert set(announcement.receipts.values_list("recipient__username", flat=True)) == {
        "ana",
        "cofacilitador",
    }
    client.force_login(grouped["bruno"])
    assert client.get(reverse("announcements:detail", args=[announcement.pk])).status_code == 404
    assert "Solo GIA Norte" not in client.get(reverse("workspace:my_learning")).content.decode()
    client.force_login(grouped["ana"])
    assert "Solo GIA Norte" in client.get(reverse("workspace:my_learning")).content.decode()
    assert client.get(reverse("announcements:detail", args=[announcement.pk])).status_code == 200


def test_members_see_it_on_my_learning_and_the_bell_until_they_read_it(client, world):
    announcement = services.announcement_create(
        cohort=world.cohort, author=world.facilitator, title="Bienvenida", body="Hola a todas"
    )
    client.force_login(world.participant)
    page = client.get(reverse("workspace:my_learning")).content.decode()
    assert "Bienvenida" in page and 'class="is-unread"' in page
    assert selectors.unread_count(world.participant) == 1
    notifications = client.get(reverse("workspace:notifications")).content.decode()
    assert reverse("announcements:detail", args=[announcement.pk]) in notifications

    detail = client.get(reverse("announcements:detail", args=[announcement.pk]))
    assert "Hola a todas" in detail.content.decode()
    assert AnnouncementReceipt.objects.get(recipient=world.participant).read_at is not None
    assert selectors.unread_count(world.participant) == 0
    assert 'class="is-unread"' not in client.get(reverse("workspace:my_learning")).content.decode()
    assert "Bienvenida" in client.get(reverse("workspace:cohort", args=[world.cohort.pk])).content.decode()


def test_people_of_another_cohort_cannot_open_it(client, world):
    announcement = services.announcement_create(
        cohort=world.cohort, author=world.facilitator, title="T", body="B"
    )
    client.force_login(world.outsider)
    assert client.get(reverse("announcements:detail", args=[announcement.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("announcements:detail", args=[announcement.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- retries and bad input --------------------------------------------------------------------------------


def test_a_double_submit_makes_one_announcement(
    client, world, admin_facilitator, django_capture_on_commit_callbacks
):
    client.force_login(admin_facilitator)
    key = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        post_announcement(client, world.cohort, form_key=key)
        post_announcement(client, world.cohort, form_key=key)
    assert Announcement.objects.count() == 1
    assert AnnouncementReceipt.objects.count() == 2  # participant and observer
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "   "}, "title", "necesario"),
        ({"body": ""}, "body", "necesario"),
        ({"send": "later", "publish_at": ""}, "publish_at", "cuándo"),
        ({"send": "later", "publish_at": "2999-01-01T10:00"}, "publish_at", "un año"),
        ({"group": "999999"}, "group", "válida"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    client, world, admin_facilitator, overrides, field, message
):
    client.force_login(admin_facilitator)
    response = post_announcement(client, world.cohort, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field]).lower()
    assert Announcement.objects.count() == 0


def test_a_group_of_another_cohort_is_refused_by_the_service(world):
    from courses.models import CohortGroup

    foreign = CohortGroup.objects.create(cohort=world.other_cohort, name="Ajeno")
    with pytest.raises(ValidationError):
        services.announcement_create(
            cohort=world.cohort, author=world.facilitator, title="T", body="B", group=foreign
        )
    assert Announcement.objects.count() == 0


# --- scheduling -------------------------------------------------------------------------------------------


def test_a_scheduled_announcement_goes_out_at_its_time_once(
    client, world, admin_facilitator, django_capture_on_commit_callbacks
):
    client.force_login(admin_facilitator)
    tomorrow = (timezone.now().astimezone(world.cohort.tz) + dt.timedelta(days=1)).replace(
        second=0, microsecond=0
    )
    post_announcement(client, world.cohort, send="later", publish_at=tomorrow.strftime("%Y-%m-%dT%H:%M"))
    announcement = Announcement.objects.get()
    # Typed in the cohort's time zone.
    assert announcement.publish_at == tomorrow
    assert announcement.sent_at is None and not announcement.receipts.exists()
    assert "Encuentro del sábado" in client.get(admin_url(world.cohort)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.announcements_send_due()["announcements"] == 0
    assert mail.outbox == []

    later = timezone.now() + dt.timedelta(days=1, minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.announcements_send_due(now=later)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.announcements_send_due(now=later + dt.timedelta(minutes=10))
    assert first == {"announcements": 1, "receipts": 2, "late_emails": 0}
    assert second == {"announcements": 0, "receipts": 0, "late_emails": 0}
    assert AnnouncementReceipt.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_command_also_sends_e_mails_a_crash_left_behind(world, django_capture_on_commit_callbacks):
    announcement = services.announcement_create(
        cohort=world.cohort, author=world.facilitator, title="T", body="B"
    )
    # The delivery committed but its e-mails never went (the on_commit callbacks were not run).
    assert mail.outbox == []
    Announcement.objects.filter(pk=announcement.pk).update(sent_at=timezone.now() - dt.timedelta(minutes=10))
    call_command("send_announcements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
    call_command("send_announcements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


def test_a_scheduled_announcement_can_be_cancelled_but_a_sent_one_cannot(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    scheduled = services.announcement_create(
        cohort=world.cohort,
        author=admin_facilitator,
        title="Luego",
        body="B",
        publish_at=timezone.now() + dt.timedelta(hours=3),
    )
    sent = services.announcement_create(cohort=world.cohort, author=admin_facilitator, title="Ya", body="B")
    client.post(reverse("announcements_admin_cancel", args=[world.cohort.pk, scheduled.pk]))
    client.post(reverse("announcements_admin_cancel", args=[world.cohort.pk, sent.pk]))
    assert list(Announcement.objects.values_list("title", flat=True)) == ["Ya"]


# --- access -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("facilitator", 200),
        ("staff", 200),
        ("other_facilitator", 404),
        ("participant", 302),
        ("anonymous", 302),
    ],
)
def test_who_reaches_the_announcements_admin(client, world, admin_facilitator, who, expected):
    from courses import services as course_services
    from courses.models import Enrollment

    users = {
        "facilitator": admin_facilitator,
        "staff": world.staff,
        "participant": world.participant,
        "anonymous": None,
    }
    if who == "other_facilitator":
        other = make_user("otra")
        course_services.enrolment_add(cohort=world.other_cohort, user=other, role=Enrollment.Role.FACILITATOR)
        users[who] = other
    if users[who] is not None:
        if who == "staff":
            world.staff.is_superuser = True
            world.staff.save()
        client.force_login(users[who])
    assert client.get(admin_url(world.cohort)).status_code == expected
    response = post_announcement(client, world.cohort)
    assert Announcement.objects.exists() == (expected == 200)
    if expected != 200:
        assert response.status_code in (302, 403, 404)


def test_e_mailing_an_announcement_runs_the_same_queries_for_any_cohort_size(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import enrol

    def queries_to_email(extra_members: int) -> int:
        for _ in range(extra_members):
            enrol(make_user(), world.cohort)
        announcement = services.announcement_create(
            cohort=world.cohort, author=world.facilitator, title="T", body="B"
        )
        with CaptureQueriesContext(connection) as queries:
            sent = services.announcement_emails_send(announcement_id=announcement.pk)
        assert sent == announcement.receipts.count()
        return len(queries)

    assert queries_to_email(0) == queries_to_email(30)
    assert len(mail.outbox) == 2 + 32
