"""Cohorts (one run of a course), their small groups and their members."""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def new_invitation_code() -> str:
    return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y").upper()


class Cohort(ClusterableModel):
    class EnrolmentMode(models.TextChoices):
        OPEN = "open", _("Open: anyone signed in can enrol")
        INVITE = "invite", _("By invitation code")
        CLOSED = "closed", _("Closed: facilitators add members")

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/Lima", choices=_time_zone_choices
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Maximum number of participants. Empty: no limit.")
    )
    enrolment_mode = models.CharField(
        _("enrolment"), max_length=16, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    invitation_code = models.CharField(_("invitation code"), max_length=64, blank=True)
    invitation_expires_at = models.DateTimeField(_("invitation code expires"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # modelcluster ships no types, so a ClusterableModel's manager and reverse relations are spelt out.
    objects: ClassVar[models.Manager[Cohort]]
    groups: RelatedManager[CohortGroup]
    enrollments: RelatedManager[Enrollment]

    panels = [
        FieldPanel("course"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("time_zone"),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("invitation_code"), FieldPanel("invitation_expires_at")]),
            ],
            heading=_("Enrolment"),
        ),
        InlinePanel("groups", heading=_("Small groups"), label=_("Small group")),
        InlinePanel("enrollments", heading=_("Members"), label=_("Member")),
    ]

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The cohort cannot end before it starts.")})
        if self.enrolment_mode == self.EnrolmentMode.INVITE and not self.invitation_code:
            self.invitation_code = new_invitation_code()

    def get_absolute_url(self) -> str:
        return reverse("workspace:cohort", args=[self.pk])

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TERTULIA_DEFAULT_TIME_ZONE)

    def local_midnight(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.min, tzinfo=self.tz)

    def release_at(self, offset_days: int) -> dt.datetime:
        """When content offset by `offset_days` from the start opens: midnight, cohort time."""
        return self.local_midnight(self.starts_on + dt.timedelta(days=offset_days))

    def today(self) -> dt.date:
        return timezone.now().astimezone(self.tz).date()

    @property
    def has_ended(self) -> bool:
        return self.today() > self.ends_on

    @property
    def has_started(self) -> bool:
        return self.today() >= self.starts_on


class CohortGroup(Orderable):
    """A standing small group inside a cohort (interlearning group, "GIA")."""

    cohort: Cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="groups")  # a ForeignKey
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    objects: ClassVar[models.Manager[CohortGroup]]  # Wagtail's Orderable ships no types

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("small group")
        verbose_name_plural = _("small groups")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="unique_group_name_per_cohort")
        ]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        FACILITATOR = "facilitator", _("Facilitator")
        OBSERVER = "observer", _("Observer")

    cohort: Cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="enrollments")  # a ForeignKey
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT)
    group = models.ForeignKey(
        CohortGroup,
        verbose_name=_("small group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)

    panels = [FieldPanel("user"), FieldPanel("role"), FieldPanel("group")]

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="unique_enrollment")]
        indexes = [models.Index(fields=["cohort", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.cohort} ({self.get_role_display()})"

    @property
    def is_facilitator(self) -> bool:
        return self.role == self.Role.FACILITATOR

    @property
    def is_participant(self) -> bool:
        return self.role == self.Role.PARTICIPANT
