"""What participants do with lessons: completions and reflections with their feedback dialogue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LessonCompletion(models.Model):
    enrollment = models.ForeignKey("courses.Enrollment", on_delete=models.CASCADE, related_name="completions")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [models.UniqueConstraint(fields=["enrollment", "lesson"], name="unique_completion")]

    def __str__(self) -> str:
        return f"{self.enrollment_id} ✓ {self.lesson_id}"


class Reflection(models.Model):
    """A participant's answer to one reflection prompt of a lesson, and the dialogue that follows."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting feedback")
        ANSWERED = "answered", _("Answered")

    enrollment = models.ForeignKey("courses.Enrollment", on_delete=models.CASCADE, related_name="reflections")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="reflections")
    prompt_id = models.CharField(max_length=64)
    prompt = models.TextField(_("prompt"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson", "prompt_id"], name="unique_reflection"),
        ]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.enrollment.user} — {self.lesson.title}"

    def get_absolute_url(self) -> str:
        return reverse("courses:reflection", args=[self.pk])


class ReflectionMessage(models.Model):
    class Kind(models.TextChoices):
        REFLECTION = "reflection", _("Reflection")
        FEEDBACK = "feedback", _("Feedback")
        REPLY = "reply", _("Reply")

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    body = models.TextField(_("text"))
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"], name="unique_reflection_message_token"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
