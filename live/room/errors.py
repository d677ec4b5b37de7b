"""What the room refuses, and the one place where a refusal becomes an answer.

A command that the room refuses raises `RoomError`. The socket answers it with an `error` frame to the
sender only (`error_frame`); the HTTP fallback with the API's error shape and a status (`api_error`,
`http_error`); the pages without JavaScript with a message on the next page (`flash`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from django.contrib import messages
from rest_framework import status

from live.room.frames import ErrorCode, ErrorFrame
from lms.api.exceptions import ServiceError

if TYPE_CHECKING:
    from django.http import HttpRequest


class RoomError(Exception):
    """A frame the room refuses: `code` is one of the protocol's error codes, `detail` is for people."""

    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.code: ErrorCode = code
        self.detail = detail


class RoomNotOpen(RoomError):
    """The gathering is not open (before its open window, past it, or ended).

    On the socket it is `forbidden`, like every command the sender may not make; over HTTP it is a
    409 `closed`, as the fallback documents ("room not open").
    """

    def __init__(self, detail: str) -> None:
        super().__init__("forbidden", detail)


@dataclass(frozen=True, slots=True)
class HttpError:
    status: int
    code: str


HTTP_STATUS: Final[dict[ErrorCode, int]] = {
    "bad_json": status.HTTP_400_BAD_REQUEST,
    "unknown_type": status.HTTP_400_BAD_REQUEST,
    "invalid": status.HTTP_400_BAD_REQUEST,
    "too_long": status.HTTP_400_BAD_REQUEST,
    "forbidden": status.HTTP_403_FORBIDDEN,
    "rate_limited": status.HTTP_429_TOO_MANY_REQUESTS,
}
NOT_OPEN: Final = HttpError(status.HTTP_409_CONFLICT, "closed")


def error_frame(error: RoomError) -> ErrorFrame:
    """The `error` frame the socket sends to the sender only (the connection stays open)."""
    return {"type": "error", "code": error.code, "detail": error.detail}


def http_error(error: RoomError) -> HttpError:
    """The HTTP status and API code of a refusal."""
    if isinstance(error, RoomNotOpen):
        return NOT_OPEN
    return HttpError(HTTP_STATUS[error.code], error.code)


def api_error(error: RoomError) -> ServiceError:
    """The refusal as an API exception: raise it from a DRF view for the API's one error shape."""
    answer = http_error(error)
    return ServiceError(error.detail, answer.code, status_code=answer.status)


def flash(request: HttpRequest, error: RoomError) -> None:
    """The refusal for the pages without JavaScript: shown as a message on the page redirected to."""
    messages.error(request, error.detail)
