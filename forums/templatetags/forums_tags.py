"""Template tags that bring forum conversations into lesson pages."""

from __future__ import annotations

from django import template

register = template.Library()

_CACHE_ATTR = "_forums_lesson_discussions"


@register.simple_tag(takes_context=True)
def lesson_discussion(context, prompt_id: str):
    """The conversation of a discussion prompt block for the reader's cohort, or None.

    The first prompt of a page loads every prompt's conversation at once (a fixed number of
    queries); the others read from that result.
    """
    from forums.selectors import lesson_discussions

    request = context.get("request")
    page = context.get("page")
    cohort = context.get("cohort")
    if request is None or page is None or cohort is None:
        return None
    cache = getattr(request, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE_ATTR, cache)
    key = (page.pk, cohort.pk)
    if key not in cache:
        cache[key] = lesson_discussions(user=request.user, lesson=page, cohort=cohort)
    return cache[key].get(prompt_id)


@register.simple_tag(takes_context=True)
def forum_draft(context, thread_id: int) -> str:
    """A text the person wrote but that could not be published (shown again once)."""
    from forums.views import DRAFT_SESSION_KEY

    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return ""
    return request.session.pop(DRAFT_SESSION_KEY % thread_id, "")


@register.filter
def reaction_names(summary) -> str:
    return ", ".join(summary.names)


@register.simple_tag(takes_context=True)
def reading_activity(context, block_id: str):
    """Contributions per paragraph of a reading in the lesson, for the reader's cohort (or None).

    Only reads: the reading's conversation is opened when the lesson is published or its module
    opens (forums.services.lesson_threads_ensure_for_course); until then the reading shows no link.
    """
    from forums.selectors import reading_activity as select

    page, cohort = context.get("page"), context.get("cohort")
    if page is None or cohort is None:
        return None
    return select(cohort=cohort, lesson=page, block_id=block_id)
