"""Project-wide models. The API's idempotency keys live here (one table for every app's endpoints)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """A POST that created something, remembered so that a retry with the same key is not run twice.

    Scoped to the user and the endpoint (method and path): two people, or two endpoints, may use the
    same key. Only successful responses are stored; a failed request can be retried with its key.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    endpoint = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key", "endpoint"], name="unique_idempotency_key"),
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.key}"


class MemberPreferences(models.Model):
    """A member's communication choices (language, e-mails) and the forum digest's bookkeeping.

    Language of e-mails: ``language`` when the member chose one; otherwise the language of the
    course the e-mail is about (for a digest, the course of the member's most recent cohort);
    otherwise the site's default (Spanish). ``last_digest_post_id`` is the highest contribution id
    already covered by a digest: the digest command moves it forward in the same transaction that
    sends, so running the command twice never sends the same contributions twice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_preferences"
    )
    language = models.CharField(
        _("language of e-mails"), max_length=8, blank=True, choices=settings.LANGUAGES
    )
    email_immediate = models.BooleanField(_("e-mail me mentions and replies"), default=True)
    email_digest = models.BooleanField(_("daily digest of watched conversations"), default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    last_digest_post_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("member preferences")
        verbose_name_plural = _("member preferences")

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"
