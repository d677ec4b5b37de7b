"""Live gatherings: the schedule, and everything a room stores (events, turns, hands, polls, connections)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Gathering(models.Model):
    class Kind(models.TextChoices):
        DIALOGIC = "dialogic", _("Dialogic gathering")
        INTERACTIVE_GROUPS = "interactive_groups", _("Interactive groups")
        MEETING = "meeting", _("Webinar or meeting")
        OFFICE_HOURS = "office_hours", _("Office hours")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="gatherings"
    )
    group = models.ForeignKey(
        "courses.CohortGroup",
        verbose_name=_("small group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gatherings",
        help_text=_("Leave empty for a gathering of the whole cohort."),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.DIALOGIC)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson or reading discussed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField(
        _("audio/video link"), blank=True, help_text=_("Jitsi, Zoom, BigBlueButton… opened beside the room.")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    ended_at = models.DateTimeField(null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: the cohort's facilitators moderate."),
    )
    notes = models.TextField(_("moderator's notes"), blank=True)
    record_thread = models.ForeignKey(
        "forums.Thread", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    last_event_id = models.PositiveBigIntegerField(default=0, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False, help_text="iCalendar SEQUENCE")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "status", "external_url", "agenda")

    panels = [
        FieldPanel("cohort"),
        FieldPanel("group"),
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("lesson"),
        FieldPanel("external_url"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("moderator"), FieldPanel("notes")], heading=_("Room")
        ),
    ]

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="gathering_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Bump the iCalendar SEQUENCE when something a calendar shows changes."""
        if self.pk:
            before = Gathering.objects.filter(pk=self.pk).values(*self.CALENDAR_FIELDS).first()
            if before and any(before[name] != getattr(self, name) for name in self.CALENDAR_FIELDS):
                self.sequence += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "sequence", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("live:room", args=[self.pk])

    def record_url(self) -> str:
        return reverse("live:record", args=[self.pk])

    @property
    def opens_at(self) -> dt.datetime:
        return self.starts_at - dt.timedelta(minutes=settings.TERTULIA_ROOM_OPENS_MINUTES_BEFORE)

    @property
    def closes_at(self) -> dt.datetime:
        return self.ends_at + dt.timedelta(minutes=settings.TERTULIA_ROOM_GRACE_MINUTES_AFTER)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.SCHEDULED and self.opens_at <= now < self.closes_at


class RoomEvent(models.Model):
    """A persisted room event. `seq` is the protocol's event id: strictly increasing per gathering."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=32)
    payload = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # NULL, not "", so that the unique constraint ignores messages sent without an id.
    client_msg_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    # None: the whole room. Otherwise the user ids who may receive it (a small group and its moderators).
    audience = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["gathering", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["gathering", "seq"], name="unique_event_seq"),
            models.UniqueConstraint(
                fields=["gathering", "author", "client_msg_id"], name="unique_client_msg_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gathering_id}#{self.seq} {self.type}"

    def as_frame(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.seq, **self.payload}

    def visible_to(self, user_id: int) -> bool:
        return self.audience is None or user_id in self.audience


class Turn(models.Model):
    """One time a member held the floor."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="turns")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    passage = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering"], condition=models.Q(ended_at__isnull=True), name="one_speaker_at_a_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.started_at:%H:%M}"

    @property
    def duration(self) -> dt.timedelta | None:
        return (self.ended_at - self.started_at) if self.ended_at else None


class HandRaise(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="hands")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    passage = models.CharField(max_length=500, blank=True)
    raised_at = models.DateTimeField(default=timezone.now)
    lowered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "user"],
                condition=models.Q(lowered_at__isnull=True),
                name="one_raised_hand",
            )
        ]

    def __str__(self) -> str:
        return f"✋ {self.user}"


class Poll(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(max_length=300)
    options = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "pk"]

    def __str__(self) -> str:
        return self.question

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    option = models.PositiveSmallIntegerField()
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_vote_per_poll")]

    def __str__(self) -> str:
        return f"{self.user} → {self.option}"


class Connection(models.Model):
    """One open socket (a tab). Presence and attendance are both read from these rows."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="connections")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200)
    joined_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["gathering", "left_at", "last_seen_at"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.gathering_id}"


class CalendarFeed(models.Model):
    """A member's private iCalendar feed address; regenerating the token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar of {self.user}"


class Breakout(models.Model):
    """A round of interactive groups: fixed groups, one volunteer each, volunteers rotate each round."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="breakouts")
    groups = models.JSONField(help_text="[[user id, …], …] without the volunteers")
    volunteers = models.JSONField(help_text="volunteer user id (or null) of each group this round")
    round = models.PositiveSmallIntegerField(default=1)
    minutes = models.PositiveSmallIntegerField()
    round_started_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["gathering"], condition=models.Q(ended_at__isnull=True), name="one_breakout_at_a_time"
            )
        ]

    def __str__(self) -> str:
        return f"groups of {self.gathering_id}, round {self.round}"

    @property
    def round_ends_at(self) -> dt.datetime:
        return self.round_started_at + dt.timedelta(minutes=self.minutes)

    def group_of(self, user_id: int) -> int | None:
        for index, members in enumerate(self.groups):
            if user_id in members or self.volunteers[index] == user_id:
                return index
        return None
