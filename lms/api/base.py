"""Building blocks every API module uses: strict input, the error shape in the schema, idempotency."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, status
from rest_framework.response import Response

from lms.api.exceptions import ServiceError
from lms.models import IdempotencyKey

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_TTL = dt.timedelta(hours=24)
IDEMPOTENCY_KEY_MAX = 255


class StrictSerializer(serializers.Serializer):
    """Input serializer that rejects keys it does not know (a typo must not be silently ignored)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        return super().to_internal_value(data)


# --- the error shape, for the schema -------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Stable machine-readable code, e.g. invalid, not_found, throttled."
    )
    detail = serializers.CharField(help_text="Human-readable message in the request's language.")
    # DRF's metaclass takes declared fields off the class, so this does not replace Serializer.fields
    # (the stubs cannot tell).
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Invalid input only: messages per request field (non_field_errors for the whole body).",
    )


_ERROR_TEXT = {
    400: "Invalid input: see `fields`.",
    401: "Not signed in: send `Authorization: Token <key>` or a session cookie.",
    403: "Signed in, but not allowed to do this.",
    404: "No such object, or it belongs to a cohort you are not in.",
    409: "Conflict with the object's state (for example, a request with this Idempotency-Key is running).",
    422: "The Idempotency-Key was already used for a different request body.",
    429: "Too many requests: wait the seconds given in the Retry-After header.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses an operation may return (429 always)."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=_ERROR_TEXT[code])
        for code in sorted({*codes, 429})
    }


IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string (a UUID) up to 255 characters. Retrying the same request with the same key "
        "within 24 hours returns the first response again (header `Idempotent-Replayed: true`) "
        "instead of creating a duplicate."
    ),
)


# --- idempotency ---------------------------------------------------------------------------------------


class _NotStored(Exception):  # control flow: roll back the key of a failed request
    def __init__(self, response):
        self.response = response


def _fingerprint(request) -> str:
    payload = json.dumps(request.data, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _replay(record: IdempotencyKey, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise ServiceError(
            _("This Idempotency-Key was already used with a different request."),
            "idempotency_key_reused",
            status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    if not record.status_code:
        raise ServiceError(
            _("A request with this Idempotency-Key is still running."),
            "idempotency_key_in_use",
            status_code=status.HTTP_409_CONFLICT,
        )
    return Response(record.body, status=record.status_code, headers={"Idempotent-Replayed": "true"})


def idempotent(method):
    """Decorate a view's `post`: with an Idempotency-Key header, run once per user, endpoint and key.

    The key is written in the same transaction as the work, so either both are stored or neither;
    a concurrent duplicate waits on the key's unique index and then replays the stored response.
    """

    @functools.wraps(method)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key is None or not request.user.is_authenticated:
            return method(view, request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > IDEMPOTENCY_KEY_MAX:
            raise ServiceError(
                _("The Idempotency-Key header must have 1 to 255 characters."),
                "invalid",
                fields={IDEMPOTENCY_HEADER: [_("Must have 1 to 255 characters.")]},
            )
        endpoint = f"{request.method} {request.path}"[:255]
        fingerprint = _fingerprint(request)
        lookup = {"user": request.user, "key": key, "endpoint": endpoint}
        IdempotencyKey.objects.filter(**lookup, created_at__lt=timezone.now() - IDEMPOTENCY_TTL).delete()
        record = IdempotencyKey.objects.filter(**lookup).first()
        if record is not None:
            return _replay(record, fingerprint)
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(**lookup, fingerprint=fingerprint)
                response = method(view, request, *args, **kwargs)
                if not 200 <= response.status_code < 300:
                    raise _NotStored(response)
                record.status_code = response.status_code
                record.body = response.data
                record.save(update_fields=["status_code", "body"])
        except _NotStored as not_stored:
            return not_stored.response
        except IntegrityError:
            record = IdempotencyKey.objects.filter(**lookup).first()
            if record is None:
                raise
            return _replay(record, fingerprint)
        return response

    return wrapper
