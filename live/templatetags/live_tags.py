from __future__ import annotations

from django import template
from django.utils import timezone

from live import calendar
from live.models import Gathering

register = template.Library()


@register.inclusion_tag("live/includes/cohort_gatherings.html", takes_context=True)
def cohort_gatherings(context, cohort, can_manage: bool = False) -> dict:
    """The next gatherings of a cohort (open ones first), for the cohort page: one query."""
    user = context["request"].user
    now = timezone.now()
    coming = [
        g
        for g in calendar.gatherings_for(user).filter(
            cohort=cohort, status=Gathering.Status.SCHEDULED, ends_at__gte=now
        )[:5]
    ]
    return {"cohort": cohort, "gatherings": coming, "can_manage": can_manage, "now": now}
