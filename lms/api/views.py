from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Unknown addresses under /api/v1/ answer in the API's error shape."""
    return JsonResponse({"code": "not_found", "detail": _("Not found.")}, status=404)
