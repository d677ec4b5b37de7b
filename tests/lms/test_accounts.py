"""Accounts: sign up, sign in, sign out and reset a forgotten password."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

User = get_user_model()
SIGNUP = reverse("signup")
LOGIN = reverse("login")


def signup_data(**overrides) -> dict:
    data = {
        "username": "maestra",
        "first_name": "Ana",
        "last_name": "Huamán",
        "email": "ana@example.org",
        "password1": "una-clave-larga-2026",
        "password2": "una-clave-larga-2026",
    }
    return data | overrides


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_signup_page(client, db):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    for name in ("username", "first_name", "last_name", "email", "password1", "password2"):
        assert f'name="{name}"' in response.text
    # Every field has a label that points to it.
    assert 'for="id_email"' in response.text


def test_signup_creates_user_and_signs_in(client, db):
    response = client.post(SIGNUP, signup_data(email="Ana@Example.ORG"))
    assert response.status_code == 302 and response.url == "/"
    user = User.objects.get(username="maestra")
    assert (user.first_name, user.last_name, user.email) == ("Ana", "Huamán", "ana@example.org")
    assert user.check_password("una-clave-larga-2026")
    assert signed_in_user_id(client) == str(user.pk)
    assert '<span class="who">Ana Huamán</span>' in client.get(reverse("workspace:my_learning")).text


def test_signup_goes_back_to_next(client, db):
    response = client.post(SIGNUP, signup_data(next="/cursos/"))
    assert response.url == "/cursos/"


def test_signup_ignores_external_next(client, db):
    response = client.post(SIGNUP, signup_data(next="https://evil.example.com/"))
    assert response.url == "/"


@pytest.mark.parametrize("email", ["ana@example.org", "ANA@example.org"])
def test_duplicate_email_is_refused(client, db, email):
    make_user("existente", email="ana@example.org")
    response = client.post(SIGNUP, signup_data(email=email))
    assert response.status_code == 200
    assert "ana@example.org" in response.text or email in response.text  # the field keeps its value
    form = response.context["form"]
    assert "email" in form.errors
    assert not User.objects.filter(username="maestra").exists()
    assert signed_in_user_id(client) is None


def test_duplicate_username_and_password_mismatch_are_refused(client, db):
    make_user("maestra")
    response = client.post(SIGNUP, signup_data(email="otra@example.org", password2="distinta-clave-2026"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "username" in errors and "password2" in errors
    assert User.objects.filter(username="maestra").count() == 1


def test_signed_in_user_is_sent_to_my_learning(client, db):
    client.force_login(make_user())
    response = client.get(SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("workspace:my_learning")


def test_login_page_and_login(client, db):
    make_user("lectora")
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert 'name="username"' in page.text and 'name="password"' in page.text
    assert reverse("password_reset") in page.text and SIGNUP in page.text
    response = client.post(LOGIN, {"username": "lectora", "password": "pw-lectora"})
    assert response.status_code == 302
    assert response.url == reverse("workspace:my_learning")
    assert signed_in_user_id(client) is not None


def test_login_with_next(client, db):
    make_user("lectora")
    response = client.post(LOGIN, {"username": "lectora", "password": "pw-lectora", "next": "/cursos/"})
    assert response.url == "/cursos/"


def test_wrong_password_is_refused(client, db):
    make_user("lectora")
    response = client.post(LOGIN, {"username": "lectora", "password": "no"})
    assert response.status_code == 200
    assert 'class="error" role="alert"' in response.text
    assert signed_in_user_id(client) is None


def test_logout(client, db):
    client.force_login(make_user())
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == "/"
    assert signed_in_user_id(client) is None


def test_password_reset_sends_a_mail_that_works(client, db):
    make_user("olvidadiza", email="olvido@example.org")
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    response = client.post(reverse("password_reset"), {"email": "olvido@example.org"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olvido@example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)
    # Following the link leads to the form to choose a new password.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "nueva-clave-2026!", "new_password2": "nueva-clave-2026!"}
    )
    assert response.status_code == 302
    assert client.login(username="olvidadiza", password="nueva-clave-2026!")


def test_password_reset_for_unknown_address_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nadie@example.org"})
    assert response.status_code == 302  # no hint whether the address exists
    assert mail.outbox == []
