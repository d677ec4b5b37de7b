"""Serializers of the forums API, and the functions that shape selectors' results for them.

Input serializers are strict (an unknown field is a 400); output serializers document the answers.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from courses.api import PersonSerializer, person
from forums.models import (
    BODY_MAX_CHARS,
    QUOTE_MAX_CHARS,
    TITLE_MAX_CHARS,
    Notification,
    Post,
    Reaction,
    Space,
    Thread,
)
from lms.api.base import StrictSerializer


def absolute(request: Request, path: str) -> str:
    return request.build_absolute_uri(path)


class PageFilter(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1)  # accepted, pages are fixed here


# --- output serializers ----------------------------------------------------------------------------------


class SpaceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="space.pk")
    cohort = serializers.IntegerField(source="space.cohort_id")
    kind = serializers.ChoiceField(source="space.kind", choices=Space.Kind.choices)
    group = serializers.IntegerField(source="space.group_id", allow_null=True)
    title = serializers.CharField(source="space.title")
    description = serializers.CharField(source="space.description", allow_blank=True)
    threads = serializers.IntegerField(help_text="Conversations you may see in the space.")
    unread = serializers.IntegerField(help_text="Contributions of others newer than your reading mark.")
    can_post = serializers.BooleanField()
    url = serializers.URLField()


class ThreadSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="thread.pk")
    space = serializers.IntegerField(source="thread.space_id")
    cohort = serializers.IntegerField(source="thread.cohort_id")
    title = serializers.CharField(source="thread.title")
    mode = serializers.ChoiceField(source="thread.mode", choices=Thread.Mode.choices)
    author = PersonSerializer(allow_null=True, help_text="null for conversations the site opened.")
    lesson = serializers.IntegerField(source="thread.lesson_id", allow_null=True)
    reading_id = serializers.CharField(source="thread.reading_id", allow_blank=True)
    prompt_text = serializers.CharField(source="thread.prompt_text", allow_blank=True)
    post_first = serializers.BooleanField(source="thread.post_first")
    pinned = serializers.BooleanField(source="thread.pinned")
    locked = serializers.BooleanField(source="thread.locked")
    hidden = serializers.BooleanField(source="thread.hidden")
    closed = serializers.BooleanField(source="thread.closed")
    post_count = serializers.IntegerField(source="thread.post_count")
    created_at = serializers.DateTimeField(source="thread.created_at")
    last_activity_at = serializers.DateTimeField(source="thread.last_activity_at")
    unread = serializers.IntegerField()
    url = serializers.URLField()


def thread_row(request: Request, thread: Thread, unread: int = 0) -> dict:
    return {
        "thread": thread,
        "author": person(thread.author) if thread.author_id else None,
        "unread": unread,
        "url": absolute(request, thread.get_absolute_url()),
    }


class ThreadDetailSerializer(ThreadSerializer):
    can_post = serializers.BooleanField(help_text="You may reply in this conversation now.")
    can_moderate = serializers.BooleanField()


class ThreadPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ThreadSerializer(many=True)


class MoveSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    label = serializers.CharField()


class PassageOutSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    block_id = serializers.CharField()
    paragraph_ids = serializers.ListField(child=serializers.CharField())
    numbers = serializers.CharField(help_text='Paragraph numbers as the reading shows them: "3" or "3–4".')
    text = serializers.CharField()


class ReactionSummarySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Reaction.Kind.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()
    names = serializers.ListField(child=serializers.CharField())
    mine = serializers.BooleanField()


class PostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    thread = serializers.IntegerField()
    author = PersonSerializer()
    reply_to = serializers.IntegerField(allow_null=True)
    root = serializers.IntegerField(allow_null=True, help_text="The top-level contribution it hangs from.")
    body = serializers.CharField(allow_blank=True, help_text="Markdown; empty when withdrawn or hidden.")
    body_html = serializers.CharField(allow_blank=True)
    quote_text = serializers.CharField(allow_blank=True)
    move = MoveSerializer(allow_null=True)
    passage = PassageOutSerializer(allow_null=True)
    deleted = serializers.BooleanField()
    hidden = serializers.BooleanField()
    hidden_reason = serializers.CharField(allow_blank=True, help_text="Shown to the author and facilitators.")
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    reactions = ReactionSummarySerializer(many=True)
    can_edit = serializers.BooleanField()
    can_delete = serializers.BooleanField()
    url = serializers.URLField()


class PostWithRepliesSerializer(PostSerializer):
    replies = PostSerializer(many=True)


def post_data(request: Request, item, *, moderator: bool, replies: bool = False) -> dict:
    """A selectors.PostItem as the API shows it."""
    post: Post = item.post
    shown = item.show_body
    data = {
        "id": post.pk,
        "thread": post.thread_id,
        "author": person(post.author),
        "reply_to": post.reply_to_id,
        "root": post.root_id,
        "body": post.body_markdown if shown else "",
        "body_html": post.body_html if shown else "",
        "quote_text": post.quote_text if shown else "",
        "move": (
            {"id": post.move.pk, "code": post.move.code, "label": post.move.label} if post.move_id else None
        ),
        "passage": (
            {
                "lesson": post.passage_lesson_id,
                "block_id": post.passage_block_id,
                "paragraph_ids": post.passage_paragraph_ids,
                "numbers": post.passage_numbers,
                "text": post.passage_text,
            }
            if post.has_passage and post.passage_lesson_id
            else None
        ),
        "deleted": post.deleted,
        "hidden": post.hidden,
        "hidden_reason": post.hidden_reason if (moderator or post.author_id == request.user.pk) else "",
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "reactions": [vars(r) for r in item.reactions],
        "can_edit": item.can_edit,
        "can_delete": item.can_delete,
        "url": absolute(request, post.get_absolute_url()),
    }
    if replies:
        data["replies"] = [post_data(request, reply, moderator=moderator) for reply in item.replies]
    return data


class PostPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Top-level contributions (replies come with them).")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    waiting_for_own_post = serializers.BooleanField(
        help_text='"Post first, then see others": true until you contribute; you see only your own.'
    )
    others_count = serializers.IntegerField(help_text="While waiting: how many contributions of others.")
    results = PostWithRepliesSerializer(many=True)


# --- input serializers -------------------------------------------------------------------------------------


class PassageSerializer(StrictSerializer):
    lesson = serializers.IntegerField(
        required=False, min_value=1, help_text="The lesson of the reading (default: the thread's)."
    )
    block_id = serializers.CharField(
        required=False, max_length=64, help_text="The reading block (default: the thread's reading)."
    )
    first_paragraph_id = serializers.CharField(max_length=64)
    last_paragraph_id = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=64, help_text="For a range (≤ 5)."
    )


class ThreadCreateSerializer(StrictSerializer):
    space = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=TITLE_MAX_CHARS * 2)
    body = serializers.CharField(max_length=BODY_MAX_CHARS * 2, help_text="Markdown; @username mentions.")
    move = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="A dialogic move id."
    )
    mode = serializers.ChoiceField(choices=Thread.Mode.choices, default=Thread.Mode.NORMAL)
    lesson = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="Gatherings: the lesson of the reading."
    )
    reading_id = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=64,
        help_text="Gatherings: the reading block.",
    )
    passage = PassageSerializer(required=False, allow_null=True)
    client_token = serializers.UUIDField(
        required=False,
        help_text="Chosen by the client: a resend with the same token returns the same thread.",
    )


class PostCreateSerializer(StrictSerializer):
    body = serializers.CharField(max_length=BODY_MAX_CHARS * 2, help_text="Markdown; @username mentions.")
    reply_to = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    quote_text = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=QUOTE_MAX_CHARS * 2
    )
    move = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="A dialogic move id."
    )
    passage = PassageSerializer(required=False, allow_null=True)
    client_token = serializers.UUIDField(
        required=False,
        help_text="Chosen by the client: a resend with the same token returns the stored post.",
    )


class PostEditSerializer(StrictSerializer):
    body = serializers.CharField(required=False, max_length=BODY_MAX_CHARS * 2)
    move = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class ReactionSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=Reaction.Kind.choices)


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Notification.Kind.choices)
    thread = serializers.IntegerField(source="thread_id")
    thread_title = serializers.CharField(source="thread.title")
    post = serializers.IntegerField(source="post_id")
    actor = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_actor(self, notification):
        return person(notification.actor) if notification.actor_id else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, notification) -> str:
        return self.context["request"].build_absolute_uri(reverse("forums:post", args=[notification.post_id]))


class NotificationPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    unread = serializers.IntegerField(help_text="All your unread notifications (the bell's number).")
    results = NotificationSerializer(many=True)


class NotificationReadSerializer(StrictSerializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=500, help_text="These ones…"
    )
    all = serializers.BooleanField(required=False, default=False, help_text="…or every unread one.")

    def validate(self, attrs):
        if bool(attrs.get("ids")) == bool(attrs["all"]):
            raise serializers.ValidationError(_("Give either ids or all: true."))
        return attrs


class NotificationReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many were unread and are now read.")
    unread = serializers.IntegerField()


class SpaceFilter(serializers.Serializer):
    cohort = serializers.IntegerField(min_value=1)


class ThreadFilter(serializers.Serializer):
    space = serializers.IntegerField(min_value=1)
    move = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
