"""Tokens for apps; sessions (with CSRF) for the site's own JavaScript."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.conftest import API, client_for

pytestmark = pytest.mark.django_db


def test_token_for_username_and_password_then_revoke(world):
    anon = APIClient()
    response = anon.post(f"{API}auth/token/", {"username": "participante", "password": "pw-participante"})
    assert response.status_code == 200, response.content
    key = response.json()["token"]
    assert response.json()["user"]["username"] == "participante"
    again = anon.post(f"{API}auth/token/", {"username": "participante", "password": "pw-participante"})
    assert again.json()["token"] == key

    app = APIClient()
    app.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert app.get(f"{API}auth/me/").json()["username"] == "participante"
    assert app.post(f"{API}auth/token/revoke/").status_code == 204
    assert not Token.objects.filter(key=key).exists()
    assert app.get(f"{API}auth/me/").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "participante", "password": "wrong"}, "non_field_errors"),
        ({"username": "participante"}, "password"),
        ({"username": "participante", "password": "pw-participante", "remember": True}, "remember"),
    ],
)
def test_token_bad_input(world, body, field):
    response = APIClient().post(f"{API}auth/token/", body)
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert field in data["fields"]
    assert "token" not in data


def test_anonymous_gets_401_with_the_token_scheme(world):
    response = APIClient().get(f"{API}cohorts/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")
    assert response.json()["code"] == "not_authenticated"


def test_session_authentication_requires_csrf_for_writes(world):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(world.participant)
    assert browser.get(f"{API}cohorts/").status_code == 200
    lesson = world.tree.lessons[0][0]
    refused = browser.put(f"{API}lessons/{lesson.pk}/completion/")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    browser.get("/accounts/login/")  # sets the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.put(f"{API}lessons/{lesson.pk}/completion/", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200, accepted.content


def test_token_revoke_needs_sign_in(world):
    assert APIClient().post(f"{API}auth/token/revoke/").status_code == 401
    assert client_for(world.participant).post(f"{API}auth/token/revoke/").status_code == 204
