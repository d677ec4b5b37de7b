"""Text that people type: one cleaning rule for every app.

Control characters are removed (they break e-mails, exports and terminals, and can hide text),
Windows line endings become ``\\n``, and the result is trimmed. Single-line fields (names, titles,
passages in a heading) also fold every run of white space, newlines included, into one space.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(value: str | None, *, single_line: bool = False) -> str:
    """``value`` without control characters, with ``\\n`` line endings, trimmed."""
    text = CONTROL_CHARS.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n"))
    if single_line:
        return " ".join(text.split())
    return text.strip()


def clean_text(
    value: str | None,
    *,
    max_chars: int,
    required: bool = True,
    single_line: bool = False,
    empty_message: str | None = None,
    too_long_message: str | None = None,
    empty_code: str = "empty",
    too_long_code: str = "too_long",
) -> str:
    """The normalised text, or a translated ``ValidationError`` (``empty_code`` or ``too_long_code``)."""
    text = normalise_text(value, single_line=single_line)
    if required and not text:
        raise ValidationError(empty_message or _("Write something before sending."), code=empty_code)
    if len(text) > max_chars:
        message = too_long_message or _("The text is too long (%(count)d characters; at most %(max)d).")
        raise ValidationError(message % {"count": len(text), "max": max_chars}, code=too_long_code)
    return text
