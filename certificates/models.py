"""Certificates: what a course asks for one (criteria), and the certificates issued to participants."""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 100 random bits: not enumerable
CODE_GROUP = 4
_CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_certificate_code() -> str:
    """A random verification code, grouped for reading: ``7KQ2-M9XD-…`` (five groups of four)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalise_code(value: str) -> str | None:
    """The canonical form of a code as someone typed it (any case, spaces, dashes), or None if impossible."""
    raw = re.sub(r"[\s\-_.]", "", (value or "").upper()).translate(_CODE_LOOKALIKES)
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


class CertificateCriteria(models.Model):
    """What a participant of a course must do to receive its certificate; edited by its facilitators.

    A course without a row uses the defaults: every lesson completed, nothing else.
    """

    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="certificate_criteria",
    )
    enabled = models.BooleanField(_("certificates are issued for this course"), default=True)
    required_lessons = models.ManyToManyField(
        "courses.LessonPage",
        verbose_name=_("required lessons"),
        blank=True,
        related_name="+",
        help_text=_("Leave every lesson unticked to require all the lessons of the course."),
    )
    min_reflections_percent = models.PositiveSmallIntegerField(
        _("reflections answered (minimum %)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the reflection prompts of the required lessons that must be answered."),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("gathering attendance (minimum %)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the cohort's past gatherings the participant must have attended."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate criteria")
        verbose_name_plural = _("certificate criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_reflections_percent__lte=100, min_attendance_percent__lte=100),
                name="certificate_criteria_percentages",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Certificate criteria of %(course)s") % {"course": self.course.title})


class Certificate(models.Model):
    """One participant's certificate for one cohort, with a snapshot of everything it states.

    The snapshot keeps the certificate true to what was certified when names, titles, dates or
    facilitators change later; the cohort and user links only serve access and de-duplication.
    """

    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_certificate_code)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="es")
    full_name = models.CharField(_("name"), max_length=300)
    course_title = models.CharField(_("course"), max_length=255)
    cohort_name = models.CharField(_("cohort"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours = models.PositiveIntegerField(_("hours"), default=0)
    facilitators = models.JSONField(_("facilitators"), default=list, blank=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="unique_certificate_per_member"),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.full_name}"

    def get_absolute_url(self) -> str:
        """The public verification page."""
        return reverse("certificates:verify", args=[self.code])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def verification_url(self) -> str:
        """The absolute address printed on the certificate (BASE_URL, as in e-mails and calendars)."""
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_absolute_url()
