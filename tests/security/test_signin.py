"""Sign-in protection: lockout after repeated failures (django-axes) on every way to sign in, password
validators on every way to choose a password, and password reset by e-mail without user enumeration."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import translation
from rest_framework.test import APIClient

from lms.models import MemberPreferences
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
TOKEN = "/api/v1/auth/token/"
LIMIT = settings.AXES_FAILURE_LIMIT


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def fail(client, url=LOGIN, username="lectora", times=1, **extra):
    responses = [client.post(url, {"username": username, "password": "wrong"}, **extra) for _ in range(times)]
    return responses[-1]


def test_the_limits_are_the_documented_ones():
    assert LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


# --- lockout ------------------------------------------------------------------------------------------------


def test_site_login_locks_a_name_out_after_five_failures(client):
    make_user("lectora")
    english(client)
    assert fail(client, times=LIMIT - 1).status_code == 200  # the form again, with its error
    locked = fail(client)
    assert locked.status_code == 429
    assert "Too many attempts" in locked.text and "30 minutes" in locked.text
    assert "/accounts/password_reset/" in locked.text
    assert locked["Retry-After"] == "1800"
    # Even the right password is refused while locked out.
    right = client.post(LOGIN, {"username": "lectora", "password": "pw-lectora"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_spanish_by_default(client):
    make_user("lectora")
    locked = fail(client, times=LIMIT)
    assert locked.status_code == 429
    assert '<html lang="es">' in locked.text
    assert locked["Content-Language"] == "es"


def test_the_lockout_is_per_name_and_address(client):
    make_user("lectora")
    make_user("vecina")
    fail(client, times=LIMIT)
    # Another person at the same address signs in; the same person from elsewhere too.
    assert client.post(LOGIN, {"username": "vecina", "password": "pw-vecina"}).status_code == 302
    other_place = Client(REMOTE_ADDR="198.51.100.7")
    assert other_place.post(LOGIN, {"username": "lectora", "password": "pw-lectora"}).status_code == 302


def test_a_success_resets_the_count(client):
    make_user("lectora")
    fail(client, times=LIMIT - 1)
    assert client.post(LOGIN, {"username": "lectora", "password": "pw-lectora"}).status_code == 302
    client.logout()
    assert fail(client, times=LIMIT - 1).status_code == 200
    assert client.post(LOGIN, {"username": "lectora", "password": "pw-lectora"}).status_code == 302


def test_the_lockout_ends_after_the_cool_off(client):
    make_user("lectora")
    fail(client, times=LIMIT)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31))
    assert client.post(LOGIN, {"username": "lectora", "password": "pw-lectora"}).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_client_cannot_dodge_by_forging_x_forwarded_for():
    make_user("lectora")
    client = Client(REMOTE_ADDR="10.0.0.2")  # our proxy
    for n in range(LIMIT):
        fail(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.50")  # forged prefix, real last hop
    locked = client.post(
        LOGIN,
        {"username": "lectora", "password": "pw-lectora"},
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.50",
    )
    assert locked.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.50"
    # Another member behind the same proxy is not affected.
    neighbour = client.post(
        LOGIN, {"username": "lectora", "password": "pw-lectora"}, HTTP_X_FORWARDED_FOR="203.0.113.51"
    )
    assert neighbour.status_code == 302


def test_wagtail_admin_login_is_protected_too(client):
    get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-editora-2026")
    for _ in range(LIMIT):
        response = client.post(ADMIN_LOGIN, {"username": "editora", "password": "wrong"})
        assert response.status_code in (200, 429)
    locked = client.post(ADMIN_LOGIN, {"username": "editora", "password": "clave-editora-2026"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_wagtail_page_privacy_login_is_protected_too(client):
    make_user("lectora")
    fail(client, url="/_util/login/", times=LIMIT)
    assert client.post("/_util/login/", {"username": "lectora", "password": "pw-lectora"}).status_code == 429


def test_api_token_endpoint_is_protected_and_answers_json():
    make_user("lectora")
    api = APIClient()
    for _ in range(LIMIT - 1):
        assert api.post(TOKEN, {"username": "lectora", "password": "wrong"}).status_code == 400
    assert api.post(TOKEN, {"username": "lectora", "password": "wrong"}).status_code == 429
    locked = api.post(TOKEN, {"username": "lectora", "password": "pw-lectora"})  # right, but locked
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert locked["Retry-After"] == "1800"
    assert "token" not in locked.json()


def test_api_password_throttle_cannot_be_dodged_with_x_forwarded_for():
    """DRF keyed anonymous throttles on the whole X-Forwarded-For header unless NUM_PROXIES is set: a
    new forged header per request meant unlimited password guesses on the token endpoint."""
    api = APIClient()
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth"].split("/")[0])
    statuses = [
        api.post(
            TOKEN, {"username": f"nadie{n}", "password": "x"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(rate + 1)
    ]
    assert statuses[:rate] == [400] * rate
    assert statuses[-1] == 429


def test_a_password_reset_lifts_the_lockout(client, mailoutbox):
    make_user("lectora", email="lectora@example.org")
    fail(client, times=LIMIT)
    client.post("/accounts/password_reset/", {"email": "lectora@example.org"})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "otra-clave-larga-2026"
    done = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.post(LOGIN, {"username": "lectora", "password": new}).status_code == 302


# --- password validators ----------------------------------------------------------------------------------

WEAK = ["12345678", "password", "corto", "maestra123"]  # numeric, common, short, like the username


def test_validators_are_on():
    names = {v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert names == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


@pytest.mark.parametrize("weak", WEAK)
def test_signup_refuses_weak_passwords(client, weak):
    data = {
        "username": "maestra123",
        "first_name": "Ana",
        "last_name": "Huamán",
        "email": "ana@example.org",
        "password1": weak,
        "password2": weak,
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="maestra123").exists()


@pytest.mark.parametrize("weak", WEAK)
def test_password_change_refuses_weak_passwords(client, weak):
    user = make_user("maestra123")
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "pw-maestra123", "new_password1": weak, "new_password2": weak},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password("pw-maestra123")


@pytest.mark.parametrize("weak", WEAK)
def test_password_reset_refuses_weak_passwords(client, mailoutbox, weak):
    user = make_user("maestra123", email="maestra@example.org")
    client.post("/accounts/password_reset/", {"email": "maestra@example.org"})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    assert response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password("pw-maestra123")


# --- password reset by e-mail ---------------------------------------------------------------------------


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)


def test_reset_end_to_end_then_sign_in_through_the_form(client, mailoutbox):
    make_user("olvidadiza", email="olvido@example.org")
    requested = client.post("/accounts/password_reset/", {"email": "olvido@example.org"})
    assert requested.status_code == 302 and requested.url == "/accounts/password_reset/done/"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["olvido@example.org"]
    link = reset_link(mailoutbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and 'name="new_password1"' in form_page.text
    set_url = form_page.redirect_chain[-1][0]
    assert "set-password" in set_url  # the token left the address before the page loaded
    done = client.post(set_url, {"new_password1": "nueva-clave-2026!", "new_password2": "nueva-clave-2026!"})
    assert done.status_code == 302 and done.url == "/accounts/reset/done/"
    signed_in = client.post(LOGIN, {"username": "olvidadiza", "password": "nueva-clave-2026!"})
    assert signed_in.status_code == 302 and client.session.get("_auth_user_id")
    # The link works once.
    client.logout()
    again = client.get(link, follow=True)
    assert 'name="new_password1"' not in again.text


def test_reset_mail_is_in_the_members_language(client, mailoutbox):
    english_speaker = make_user("reader", email="reader@example.org")
    MemberPreferences.objects.create(user=english_speaker, language="en")
    make_user("lectora", email="lectora@example.org")  # no preference, no course: Spanish, the default
    client.post("/accounts/password_reset/", {"email": "reader@example.org"})  # asked from a Spanish page
    english(client).post("/accounts/password_reset/", {"email": "lectora@example.org"})  # from English
    subjects = [m.subject for m in mailoutbox]
    with translation.override("en"):
        in_english = translation.gettext("Password reset on %(site_name)s") % {"site_name": "testserver"}
    with translation.override("es"):
        in_spanish = translation.gettext("Password reset on %(site_name)s") % {"site_name": "testserver"}
    assert in_english != in_spanish
    assert subjects == [in_english, in_spanish]


def test_reset_does_not_tell_whether_an_address_has_an_account(client, mailoutbox):
    make_user("olvidadiza", email="olvido@example.org")
    known = client.post("/accounts/password_reset/", {"email": "olvido@example.org"}, follow=True)
    unknown = client.post("/accounts/password_reset/", {"email": "nadie@example.org"}, follow=True)
    assert [r[0] for r in known.redirect_chain] == [r[0] for r in unknown.redirect_chain]
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known.text) == strip.sub("", unknown.text)
    assert len(mailoutbox) == 1
