"""Tokens for apps and integrations: exchange a username and password for a key, and revoke it."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.api.base import StrictSerializer, errors
from lms.api.throttling import AnonThrottle, AuthThrottle, UserThrottle, WriteThrottle
from lms.people import display_name


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    is_staff = serializers.BooleanField()


def user_data(user) -> dict:
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": display_name(user),
        "is_staff": bool(user.is_staff or user.is_superuser),
    }


class TokenRequestSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    user = UserSerializer()


class TokenView(APIView):
    """Exchange a username and password for an API token (the same token on every call until revoked)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonThrottle, AuthThrottle]

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, **errors(400)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]},
                code="bad_credentials",
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "user": user_data(user)})


class TokenRevokeView(APIView):
    """Revoke the caller's token: every app using it is signed out. Signed in by session, it revokes too."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [UserThrottle, WriteThrottle]

    @extend_schema(
        operation_id="auth_token_revoke",
        request=None,
        responses={204: OpenApiResponse(description="Revoked."), **errors(401, 403)},
        tags=["auth"],
    )
    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """Who the API thinks you are."""

    @extend_schema(operation_id="auth_me", responses={200: UserSerializer, **errors(401, 403)}, tags=["auth"])
    def get(self, request):
        return Response(user_data(request.user))
