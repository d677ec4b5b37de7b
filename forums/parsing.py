"""Input that the forum pages and the forum API both read, parsed once.

The pages give form fields and the API validated serializer fields; both pass the raw values here and
get the objects the services take: the lesson of a gathering's reading, the passage a contribution
cites (a paragraph, or a range, of a reading block of a lesson) and the contribution it replies to.
Bad references raise ``ValidationError`` with the services' codes (``bad_passage``, ``bad_reply``),
so a page shows the message and the API attaches it to its field. Only lookups: nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from courses.models import LessonPage
from forums.models import Post, Thread
from forums.services import PassageChoice


def to_int(value) -> int | None:
    """A positive whole number from a form or query value, else None."""
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number and number > 0 else None


def id_list(value: str, *, limit: int = 1000) -> list[int]:
    """Ids from a comma-separated form value (``"12,15,20"``); anything else is left out."""
    ids = (to_int(part.strip()) for part in (value or "").split(",")[:limit])
    return [pk for pk in ids if pk is not None]


def lesson_by_id(lesson_id) -> LessonPage | None:
    """The lesson named by id, or None; the services check that it belongs to the course."""
    pk = to_int(lesson_id)
    return LessonPage.objects.filter(pk=pk).first() if pk else None


def reading_reference(value: str) -> tuple[LessonPage | None, str]:
    """``"<lesson id>:<reading block id>"``, as the space page offers a course's readings."""
    lesson_id, separator, block_id = (value or "").partition(":")
    if not separator:
        return None, ""
    return lesson_by_id(lesson_id), block_id


def passage_choice(
    *,
    thread: Thread | None,
    first_paragraph_id: str,
    last_paragraph_id: str = "",
    lesson_id=None,
    block_id: str = "",
) -> PassageChoice | None:
    """The passage a contribution cites, or None when no paragraph was chosen.

    The lesson and reading block default to the thread's (a gathering's reading); the services then
    check that the paragraphs belong to that reading of the course.
    """
    first = (first_paragraph_id or "").strip()
    if not first:
        return None
    lesson = lesson_by_id(to_int(lesson_id) or (thread.lesson_id if thread else None))
    block = (block_id or (thread.reading_id if thread else "") or "").strip()
    if lesson is None or not block:
        raise ValidationError(_("That passage is not part of this course's readings."), code="bad_passage")
    return PassageChoice(
        lesson=lesson,
        block_id=block,
        first_paragraph_id=first,
        last_paragraph_id=(last_paragraph_id or "").strip(),
    )


def reply_target(*, thread: Thread, post_id) -> Post | None:
    """The contribution of ``thread`` one replies to, or None when not replying."""
    pk = to_int(post_id)
    if pk is None:
        return None
    post = Post.objects.filter(pk=pk, thread=thread).first()
    if post is None:
        raise ValidationError(
            _("You can only reply to a contribution of this conversation."), code="bad_reply"
        )
    return post
