"""A CSV of people to enrol, kept between the dry run and the facilitator's confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentImport(models.Model):
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    content = models.TextField(help_text="The file, decoded to text.")
    encoding = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("enrolment import")
        verbose_name_plural = _("enrolment imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename or 'CSV'} → {self.cohort_id}"
