"""Project-wide models. The API's idempotency keys live here (one table for every app's endpoints)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


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
