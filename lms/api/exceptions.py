"""One error shape for every API failure: {"code", "detail"} and, for invalid input, "fields".

    {"code": "invalid", "detail": "Invalid input.", "fields": {"text": ["This field is required."]}}

`code` is stable and meant for programs; `detail` and the field messages are for people, in the
request's language (Accept-Language). Service rules raise Django's ValidationError; it becomes a 400
(or a 403 for the codes in FORBIDDEN_CODES: the person may not do this, however they retry).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from lms.typing import StrOrPromise

NON_FIELD = "non_field_errors"
DB_INT_MAX = 2**63 - 1
# Service error codes that mean "not allowed for you" rather than "fix your input".
FORBIDDEN_CODES = {"observer", "not_participant", "not_enrolled", "locked", "forbidden"}


class ServiceError(exceptions.APIException):
    """A rule of a service refused the request; carries the service's own code."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    detail: exceptions.ErrorDetail  # a message (a string) becomes one ErrorDetail, never a list or dict

    def __init__(
        self,
        message: StrOrPromise,
        code: str,
        fields: Mapping[str, Sequence[StrOrPromise]] | None = None,
        status_code: int | None = None,
    ):
        super().__init__(detail=message, code=code)
        self.fields = fields
        if status_code is not None:
            self.status_code = status_code


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, name))
        return out
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        out = {}
        for index, item in enumerate(detail):
            out.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return out
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or NON_FIELD: [str(item) for item in items]}


def service_error(error: DjangoValidationError, field: str | None = None) -> ServiceError:
    """A service's ValidationError as an API error (optionally attached to one request field)."""
    code = getattr(error, "code", None) or (
        error.error_list[0].code if hasattr(error, "error_list") else None
    )
    code = code or "invalid"
    message = " ".join(str(m) for m in error.messages)
    status_code = status.HTTP_403_FORBIDDEN if code in FORBIDDEN_CODES else status.HTTP_400_BAD_REQUEST
    fields = None
    if status_code == status.HTTP_400_BAD_REQUEST:
        if hasattr(error, "error_dict"):
            fields = {name: [str(m) for m in errs[0].messages] for name, errs in error.error_dict.items()}
        else:
            fields = {field or NON_FIELD: list(error.messages)}
    return ServiceError(message, code, fields, status_code)


def _out_of_range(context) -> exceptions.APIException:
    """A number too large for the database (SQLite refuses integers beyond 64 bits): an id in the
    address names nothing (404); a number in the query or body is invalid input (400)."""
    kwargs = (context or {}).get("kwargs") or {}
    if any(isinstance(value, int) and abs(value) > DB_INT_MAX for value in kwargs.values()):
        return exceptions.NotFound()
    return exceptions.ValidationError({NON_FIELD: [_("A number is out of range.")]})


def exception_handler(exc, context):
    if isinstance(exc, OverflowError):
        exc = _out_of_range(context)
    if isinstance(exc, DjangoValidationError):
        exc = service_error(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body: dict[str, object]
    if isinstance(exc, ServiceError):
        body = {"code": exc.detail.code, "detail": str(exc.detail)}
        if exc.fields:
            body["fields"] = exc.fields
    elif isinstance(exc, exceptions.ValidationError):
        body = {
            "code": "invalid",
            "detail": str(exceptions.ValidationError.default_detail),
            "fields": _flatten(exc.detail),
        }
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
        body = {"code": getattr(detail, "code", None) or "error", "detail": str(detail)}
    response.data = body
    return response
