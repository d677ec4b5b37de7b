"""What the course, forum and live APIs share: addresses of pages, people, cohort lookups, service errors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework.exceptions import PermissionDenied

from courses import access
from courses.models import Cohort
from lms.api.exceptions import service_error


def page_url(page, request) -> str:
    """Absolute address of a Wagtail page; site roots are read once per request."""
    return page.get_full_url(request=request._request if hasattr(request, "_request") else request)


def person(user) -> dict:
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
    }


def group_ref(group) -> dict | None:
    return {"id": group.pk, "name": group.name} if group else None


def visible_cohort(request, pk: int) -> Cohort:
    return access.get_visible_cohort_or_404(request.user, pk)


def managed_cohort(request, pk: int) -> Cohort:
    """404 for a cohort the caller cannot see; 403 for a member who does not facilitate it."""
    cohort = visible_cohort(request, pk)
    if not access.can_manage_cohort(request.user, cohort):
        raise PermissionDenied
    return cohort


def call_service(fn, *, fields: dict[str, str] | None = None, **kwargs):
    """Run a service; its ValidationError becomes a 400 (attached to a request field by code) or 403."""
    try:
        return fn(**kwargs)
    except ValidationError as error:
        code = getattr(error, "code", None)
        raise service_error(error, field=(fields or {}).get(code) if code else None) from error
