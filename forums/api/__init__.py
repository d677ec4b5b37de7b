"""API v1 for the forums: ``views`` (thin, over forums.access, services and selectors) and
``serializers`` (what goes in and comes out)."""

from forums.api.views import (
    NotificationListView,
    NotificationReadView,
    PostDetailView,
    PostReactionsView,
    SpaceListView,
    ThreadDetailView,
    ThreadListView,
    ThreadPostsView,
)

__all__ = [
    "NotificationListView",
    "NotificationReadView",
    "PostDetailView",
    "PostReactionsView",
    "SpaceListView",
    "ThreadDetailView",
    "ThreadListView",
    "ThreadPostsView",
]
