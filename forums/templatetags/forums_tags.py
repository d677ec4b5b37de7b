"""Template tags of the forum pages (lesson pages get their conversations through forums.wagtail_hooks)."""

from __future__ import annotations

from django import template

from forums.views import DRAFT_SESSION_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_draft(context, thread_id: int) -> str:
    """A text the person wrote but that could not be published (shown again once)."""
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return ""
    return request.session.pop(DRAFT_SESSION_KEY % thread_id, "")


@register.filter
def reaction_names(summary) -> str:
    return ", ".join(summary.names)
