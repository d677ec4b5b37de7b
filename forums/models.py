"""Forums: spaces of a cohort, their threads (conversations) and posts (contributions).

A cohort has one cohort-wide space and one private space per small group. Threads live in a space;
a thread opened from a lesson's discussion prompt is unique per (cohort, lesson, prompt). Posts keep
their Markdown source and the sanitised HTML rendered from it; a deleted post keeps its place in the
thread ("aporte retirado").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

TITLE_MAX_CHARS = 200
BODY_MAX_CHARS = 20_000
QUOTE_MAX_CHARS = 1_000
HIDE_REASON_MAX_CHARS = 500


class DialogicMove(index.Indexed, models.Model):
    """A move a contribution can make in the dialogue ("asks a question"), editable per course."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="dialogic_moves",
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("description"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("label"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("label"), index.FilterField("course")]

    class Meta:
        verbose_name = _("dialogic move")
        verbose_name_plural = _("dialogic moves")
        ordering = ["course", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "code"], name="unique_move_code_per_course")]

    def __str__(self) -> str:
        return self.label


class Space(models.Model):
    class Kind(models.TextChoices):
        COHORT = "cohort", _("Cohort-wide")
        GROUP = "group", _("Small group")

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="forum_spaces"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COHORT)
    group = models.OneToOneField(
        "courses.CohortGroup",
        verbose_name=_("small group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_space",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["cohort", "kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort"], condition=models.Q(kind="cohort"), name="one_cohort_space_per_cohort"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="cohort", group__isnull=True) | models.Q(kind="group", group__isnull=False)
                ),
                name="space_group_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:space", args=[self.pk])

    @property
    def is_group(self) -> bool:
        return self.kind == self.Kind.GROUP


class Thread(models.Model):
    class Mode(models.TextChoices):
        NORMAL = "normal", _("Conversation")
        GATHERING = "gathering", _("Pedagogical gathering")

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="threads"
    )
    # Denormalised from the space, which never leaves its cohort: keeps prompt threads unique per cohort.
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="forum_threads")
    title = models.CharField(_("title"), max_length=TITLE_MAX_CHARS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.NORMAL)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)
    post_count = models.PositiveIntegerField(default=0)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    closed = models.BooleanField(_("closed"), default=False)
    # A thread opened from a lesson: a discussion prompt (prompt_id) or a reading (reading_id).
    lesson = models.ForeignKey(
        "courses.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_threads"
    )
    prompt_id = models.CharField(max_length=64, blank=True)
    prompt_text = models.TextField(blank=True)
    post_first = models.BooleanField(_("post first, then see others"), default=False)
    reading_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-pinned", "-last_activity_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "lesson", "prompt_id"],
                condition=~models.Q(prompt_id=""),
                name="one_thread_per_prompt_per_cohort",
            ),
        ]
        indexes = [models.Index(fields=["space", "hidden", "pinned", "last_activity_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", args=[self.pk])

    @property
    def is_gathering(self) -> bool:
        return self.mode == self.Mode.GATHERING

    @property
    def accepts_replies(self) -> bool:
        return not (self.locked or self.closed or self.hidden)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts")
    body_markdown = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    # The top-level post a reply hangs from (itself excluded): shows one level of nesting in one query.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="descendants"
    )
    quote_text = models.TextField(_("quoted text"), blank=True)
    move = models.ForeignKey(
        DialogicMove, verbose_name=_("dialogic move"), null=True, blank=True, on_delete=models.SET_NULL
    )
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="forum_mentions")
    # A passage of a reading the post comments on: copied from the lesson when the post is written.
    passage_lesson = models.ForeignKey(
        "courses.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    passage_block_id = models.CharField(max_length=64, blank=True)
    passage_paragraph_ids = models.JSONField(default=list, blank=True)
    passage_text = models.TextField(blank=True)
    passage_position = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=HIDE_REASON_MAX_CHARS, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["author", "client_token"], name="unique_post_client_token"),
        ]
        indexes = [
            models.Index(fields=["thread", "root", "created_at"]),
            models.Index(fields=["thread", "passage_position"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post", args=[self.pk])

    @property
    def has_passage(self) -> bool:
        return bool(self.passage_block_id and self.passage_paragraph_ids)

    @property
    def is_visible(self) -> bool:
        return not (self.deleted or self.hidden)

    @property
    def passage_numbers(self) -> str:
        """The cited paragraph numbers, as the reading shows them: "3" or "3-4" (with an en dash)."""
        if self.passage_position is None or not self.passage_paragraph_ids:
            return ""
        first = self.passage_position % 10_000 + 1
        last = first + len(self.passage_paragraph_ids) - 1
        return str(first) if last == first else f"{first}\u2013{last}"


class PostRevision(models.Model):
    """The text a post had before an edit (or before its author withdrew it): for facilitators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body_markdown = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        RESONATES = "resonates", _("Resonates with me")
        THANKS = "thanks", _("Thank you")
        THOUGHT = "thought", _("Makes me think")
        DISAGREE = "disagree", _("I respectfully disagree")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


class ThreadReadState(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_post_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="one_read_state")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} up to {self.last_read_post_id}"


# --- keeping up: subscriptions ----------------------------------------------------------------------


class ThreadSubscription(models.Model):
    """How closely a member follows a thread (Discourse's levels).

    - watching: every new contribution notifies (and goes into the daily digest);
    - normal: only mentions of me and replies to my contributions;
    - muted: nothing at all, mentions included.

    A row is an explicit or automatic choice; no row means "normal", unless the member watches the
    whole space (``SpaceSubscription``). Starting or replying to a thread creates a "watching" row
    only when there is no row yet, so a choice the member made is never overridden.
    """

    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching")
        NORMAL = "normal", _("Normal")
        MUTED = "muted", _("Muted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_thread_subscriptions"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    level = models.CharField(_("notification level"), max_length=16, choices=Level.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("conversation subscription")
        verbose_name_plural = _("conversation subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="one_subscription_per_thread"),
        ]
        indexes = [models.Index(fields=["thread", "level"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level} {self.thread_id}"


class SpaceSubscription(models.Model):
    """A facilitator watches a whole space: every thread of it counts as watched, unless the
    facilitator chose another level for a given thread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_space_subscriptions"
    )
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("space subscription")
        verbose_name_plural = _("space subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "space"], name="one_subscription_per_space")]

    def __str__(self) -> str:
        return f"{self.user_id} watches space {self.space_id}"


class Notification(models.Model):
    """Something a member should know about, shown under the bell and, for some kinds, e-mailed."""

    class Kind(models.TextChoices):
        MENTION = "mention", _("Mentioned you")
        REPLY = "reply", _("Replied to you")
        WATCHED = "watched", _("New contribution in a conversation you watch")
        MODERATION = "moderation", _("Moderation")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="notifications")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One notification per person per contribution published (the strongest reason wins).
            models.UniqueConstraint(
                fields=["recipient", "post"],
                condition=models.Q(kind__in=["mention", "reply", "watched"]),
                name="one_publish_notification_per_post",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id} on {self.post_id}"
