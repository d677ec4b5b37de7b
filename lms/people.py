"""How a person is named and shown: one rule for pages, e-mails, exports, the API and the room."""

from __future__ import annotations

from typing import TypedDict

from rest_framework import serializers

from lms.typing import User


class PersonDict(TypedDict):
    user_id: int
    name: str


def display_name(user: User | None) -> str:
    """The full name when there is one, else the username; ``""`` for nobody."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def person(user: User) -> PersonDict:
    """``{user_id, name}``: how the room protocol and the API name a person."""
    return {"user_id": user.pk, "name": display_name(user)}


class ApiPersonDict(TypedDict):
    id: int
    username: str
    name: str


def api_person(user: User) -> ApiPersonDict:
    """``{id, username, name}``: how the REST API names a person."""
    return {"id": user.pk, "username": user.get_username(), "name": display_name(user)}


class PersonSerializer(serializers.Serializer):
    """The schema of ``api_person``."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
