"""The bell in the site header: forum notifications, announcements and nudges together."""

from __future__ import annotations

from django import template

from announcements.selectors import unread_count as unread_announcements
from forums.notifications import unread_count as unread_forum_notifications

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The bell's unread count: cached per member by each app."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return 0
    return unread_forum_notifications(user) + unread_announcements(user)
