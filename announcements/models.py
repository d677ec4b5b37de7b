"""What facilitators tell their cohort: announcements (to everyone or one small group) and nudges
(a personal message to a member who has gone quiet)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Announcement(models.Model):
    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="announcements"
    )
    group = models.ForeignKey(
        "courses.CohortGroup",
        verbose_name=_("small group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="announcements",
        help_text=_("Empty: the whole cohort."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    body_html = models.TextField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="announcements_written"
    )
    publish_at = models.DateTimeField(_("goes out at"), db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The form's one-time token: a double submit returns the announcement already made.
    form_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["cohort", "sent_at", "publish_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class AnnouncementReceipt(models.Model):
    """One per recipient, written when the announcement goes out: unread state and e-mail delivery."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="receipts")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="announcement_receipts"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "recipient"], name="one_receipt_per_recipient")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.announcement_id} → {self.recipient_id}"


class NudgeTemplate(models.Model):
    """The cohort's own wording for nudges; without one, the translated default is offered."""

    cohort = models.OneToOneField("courses.Cohort", on_delete=models.CASCADE, related_name="nudge_template")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.subject


class Nudge(models.Model):
    """A personal message sent to one member; the batch key makes a resent form a no-op."""

    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="nudges")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    batch_key = models.UUIDField()
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["batch_key", "recipient"], name="one_nudge_per_batch")]
        indexes = [models.Index(fields=["cohort", "recipient", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient_id}"
