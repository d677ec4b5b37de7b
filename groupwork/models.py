"""Work of the small (interlearning) groups of a cohort: a work plan, session records, commitments.

A group (``courses.CohortGroup``) has at most one ``WorkPlan`` and a chain of ``GroupSession`` records.
A session records who attended, what was done, and the commitments made there (``Commitment.made_in``).
The next session opens with the group's open commitments: each is reviewed once per session
(``CommitmentReview``) as done, still pending (carried over) or dropped, so a commitment keeps its whole
history — where it was made and what every later session said about it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PURPOSE_MAX_CHARS = 4_000
RHYTHM_MAX_CHARS = 200
RECORD_MAX_CHARS = 20_000
COMMITMENT_MAX_CHARS = 500
COMMENT_MAX_CHARS = 4_000
NEW_COMMITMENTS_MAX = 20


class WorkPlan(models.Model):
    group = models.OneToOneField(
        "courses.CohortGroup",
        verbose_name=_("small group"),
        on_delete=models.CASCADE,
        related_name="work_plan",
    )
    purpose = models.TextField(_("purpose"), blank=True, max_length=PURPOSE_MAX_CHARS)
    rhythm = models.CharField(_("meeting rhythm"), max_length=RHYTHM_MAX_CHARS, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def __str__(self) -> str:
        return str(self.group)


class CommitmentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class GroupSession(models.Model):
    """The record of one meeting of a small group, kept by its members."""

    group = models.ForeignKey(
        "courses.CohortGroup",
        verbose_name=_("small group"),
        on_delete=models.CASCADE,
        related_name="work_sessions",
    )
    held_on = models.DateField(_("held on"))
    record = models.TextField(_("record"), max_length=RECORD_MAX_CHARS)
    record_html = models.TextField(editable=False)
    attendees = models.ManyToManyField(
        "courses.Enrollment", verbose_name=_("attended"), related_name="group_sessions_attended"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # The session's place in its group's chain (1 = the first), set by groupwork.selectors when read.
    number: int

    class Meta:
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "client_token"], name="unique_group_session_token"),
        ]
        indexes = [models.Index(fields=["group", "held_on"])]

    def __str__(self) -> str:
        return f"{self.group} — {self.held_on.isoformat()}"


class Commitment(models.Model):
    """Something a member (or the whole group) commits to at a session, reviewed at the next ones."""

    group = models.ForeignKey("courses.CohortGroup", on_delete=models.CASCADE, related_name="commitments")
    made_in = models.ForeignKey(
        GroupSession,
        verbose_name=_("made in"),
        on_delete=models.CASCADE,
        related_name="commitments_made",
    )
    text = models.CharField(_("commitment"), max_length=COMMITMENT_MAX_CHARS)
    owner = models.ForeignKey(
        "courses.Enrollment",
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_commitments",
        help_text=_("Empty: the whole group."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CommitmentStatus.choices, default=CommitmentStatus.PENDING
    )
    closed_in = models.ForeignKey(
        GroupSession,
        verbose_name=_("closed in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments_closed",
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["made_in__held_on", "pk"]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.status == CommitmentStatus.PENDING


class CommitmentReview(models.Model):
    """What one session said about one open commitment it opened with."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reviews")
    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(_("status"), max_length=16, choices=CommitmentStatus.choices)

    class Meta:
        verbose_name = _("commitment review")
        verbose_name_plural = _("commitment reviews")
        ordering = ["commitment__made_in__held_on", "commitment_id"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "session"], name="one_review_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} → {self.get_status_display()}"


class SessionComment(models.Model):
    """Facilitators read a group's records and comment on them; members may answer."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_CHARS)
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "client_token"], name="unique_session_comment_token"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} on {self.session}"
