"""Forum e-mail: immediate mentions and replies, language, one-click unsubscribe, the daily digest."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from forums import emails, services
from forums.models import Notification, Post
from lms import emails as lms_emails
from lms.models import MemberPreferences
from tests.forums.conftest import post


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish and run what waits for the commit (the e-mails), as in production."""

    def _publish(user, thread, body="Una idea.", **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(user, thread, body, **kwargs)

    return _publish


def test_mention_and_reply_are_emailed_once_with_unsubscribe_headers(forum, publish):
    w = forum.world
    first = forum.thread.posts.first()
    reply = publish(w.facilitator, forum.thread, "Gracias, @observadora", reply_to=first)
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"participante@example.org", "observadora@example.org"}
    message = by_to["participante@example.org"]
    assert "Facilitadora" in message.subject and forum.thread.title in message.subject
    assert f"/posts/{reply.pk}/" in message.body
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body and "/notifications/unsubscribe/" in link
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.filter(post=reply, emailed_at__isnull=False).count() == 2
    emails.send_immediate(post_id=reply.pk)  # a second attempt sends nothing again
    assert len(mail.outbox) == 2


def test_watched_posts_are_not_emailed_immediately(forum, publish):
    w = forum.world
    publish(w.facilitator, forum.thread, "Sin mención")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=w.participant, kind="watched").exists()


def test_language_preference_then_course_language(forum, publish):
    w = forum.world
    w.cohort.course.language = "en"
    w.cohort.course.save()
    MemberPreferences.objects.create(user=w.observer, language="es")
    publish(w.facilitator, forum.thread, "Hola @observadora y @participante")
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "mentioned you" in by_to["participante@example.org"].subject  # the course is in English
    assert emails.recipient_language(w.observer) == "es"
    assert emails.recipient_language(w.participant, w.cohort.course) == "en"
    assert emails.recipient_language(w.participant) in {"es", "en"}


def test_no_email_for_members_who_opted_out_or_have_no_address(forum, publish):
    w = forum.world
    MemberPreferences.objects.create(user=w.participant, email_immediate=False)
    w.observer.email = ""
    w.observer.save()
    publish(w.facilitator, forum.thread, "Hola @observadora", reply_to=forum.thread.posts.first())
    assert mail.outbox == []


def test_a_failing_mail_server_never_undoes_the_post(forum, publish):
    with override_settings(EMAIL_BACKEND="tests.forums.test_emails.BrokenBackend"):
        reply = publish(forum.world.facilitator, forum.thread, "Hola @participante")
    assert Post.objects.filter(pk=reply.pk).exists()
    assert Notification.objects.get(post=reply).emailed_at is None


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_unsubscribe_link_works_without_signing_in_get_confirms_post_acts(client, forum):
    w = forum.world
    url = emails.unsubscribe_url(w.participant, emails.IMMEDIATE).removeprefix(lms_emails.base_url())
    page = client.get(url)
    assert page.status_code == 200 and "<form" in page.text
    assert not MemberPreferences.objects.filter(user=w.participant).exists()  # GET changes nothing
    assert client.post(url).status_code == 200  # no CSRF token, no session: RFC 8058 one-click
    prefs = MemberPreferences.objects.get(user=w.participant)
    assert prefs.email_immediate is False and prefs.email_digest is True
    assert client.post(url).status_code == 200  # idempotent
    digest = emails.unsubscribe_url(w.participant, emails.DIGEST).removeprefix(lms_emails.base_url())
    client.post(digest, {"List-Unsubscribe": "One-Click"})
    assert MemberPreferences.objects.get(user=w.participant).email_digest is False


@pytest.mark.parametrize("token", ["nope", "eyJ1IjoxfQ:1abc:bad", "x" * 300])
def test_forged_unsubscribe_tokens_are_refused(client, forum, token):
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 404
    assert not MemberPreferences.objects.exists()


def test_tokens_from_another_salt_are_refused(client, forum):
    from django.core import signing

    forged = signing.dumps({"u": forum.world.participant.pk, "w": "digest"}, salt="other")
    assert client.post(f"/notifications/unsubscribe/{forged}/").status_code == 404


# --- digest --------------------------------------------------------------------------------------------


def run_digest(*args) -> str:
    out = StringIO()
    call_command("send_forum_digest", *args, stdout=out)
    return out.getvalue()


def test_digest_sends_watched_posts_once_even_when_run_twice(forum):
    w = forum.world
    post(w.facilitator, forum.thread, "Primera novedad")
    post(w.facilitator, forum.thread, "Segunda novedad")
    mail.outbox.clear()
    run_digest()
    digests = [m for m in mail.outbox if m.to == ["participante@example.org"]]
    assert len(digests) == 1
    assert "Primera novedad" in digests[0].body and "Segunda novedad" in digests[0].body
    assert "List-Unsubscribe" in digests[0].extra_headers
    assert "Hola a todas" not in digests[0].body  # their own post is not news to them
    count = len(mail.outbox)
    run_digest()
    run_digest("--force")  # even forced, nothing new means nothing sent
    assert len(mail.outbox) == count


def test_digest_next_day_has_only_the_new_posts(forum):
    w = forum.world
    post(w.facilitator, forum.thread, "Ayer")
    run_digest()
    mail.outbox.clear()
    post(w.facilitator, forum.thread, "Hoy")
    run_digest()
    assert mail.outbox == []  # less than a day since the last digest
    MemberPreferences.objects.update(last_digest_at=timezone.now() - dt.timedelta(hours=21))
    run_digest()
    body = next(m.body for m in mail.outbox if m.to == ["participante@example.org"])
    assert "Hoy" in body and "Ayer" not in body


def test_digest_respects_levels_access_and_opt_out(forum):
    w = forum.world
    services.thread_subscribe(user=w.participant, thread=forum.thread, level="muted")
    services.space_watch(user=w.facilitator, space=forum.group_space)
    post(forum.group_member, forum.group_thread, "Solo para el grupo")
    post(forum.group_member, forum.group_thread, "Retirado después")
    Post.objects.filter(body_markdown="Retirado después").update(deleted=True)
    MemberPreferences.objects.create(user=forum.group_member, email_digest=False)
    run_digest()
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {"facilitadora@example.org"}
    body = mail.outbox[0].body
    assert "Solo para el grupo" in body and "Retirado" not in body


def test_digest_is_in_the_members_language(forum):
    w = forum.world
    MemberPreferences.objects.create(user=w.participant, language="en")
    post(w.facilitator, forum.thread, "Novedad")
    run_digest()
    message = next(m for m in mail.outbox if m.to == ["participante@example.org"])
    assert "daily digest" in message.subject.lower()


def test_a_failed_digest_is_retried_next_run(forum):
    post(forum.world.facilitator, forum.thread, "Novedad")
    with override_settings(EMAIL_BACKEND="tests.forums.test_emails.BrokenBackend"):
        assert " 0 failures" not in run_digest()
    assert not MemberPreferences.objects.filter(
        user=forum.world.participant, last_digest_post_id__gt=0
    ).exists()
    run_digest()
    assert any(m.to == ["participante@example.org"] for m in mail.outbox)


def test_preferences_form_saves_choices_and_resubscribes(client, forum):
    from django.urls import reverse

    w = forum.world
    client.force_login(w.participant)
    page = client.get(reverse("workspace:notifications")).text
    assert 'name="email_digest" value="1" checked' in page
    assert not MemberPreferences.objects.exists()  # reading writes nothing
    url = reverse("forums:notification_preferences")
    client.post(url, {"language": "en", "email_digest": "1"})
    prefs = MemberPreferences.objects.get(user=w.participant)
    assert (prefs.language, prefs.email_immediate, prefs.email_digest) == ("en", False, True)
    client.post(url, {"language": "xx", "email_immediate": "1", "email_digest": "1"})
    prefs.refresh_from_db()
    assert (prefs.language, prefs.email_immediate) == ("", True)
    assert client.get(url).status_code == 405
