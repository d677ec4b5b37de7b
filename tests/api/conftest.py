from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.forums.conftest import forum  # noqa: F401  (the forums tests' fixture, for the forum API tests)

API = "/api/v1/"


def client_for(user=None) -> APIClient:
    """An API client signed in with a token (the way apps sign in); anonymous without a user."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api():
    return client_for


def lesson_prompt_id(lesson) -> str:
    return next(block.id for block in lesson.body if block.block_type == "reflection_prompt")
