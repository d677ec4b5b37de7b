"""The participant's download and the public verification page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from certificates import access
from certificates.models import Certificate, normalise_code
from certificates.pdf import render_certificate_pdf

LANGUAGES = {code for code, _name in settings.LANGUAGES}


@require_GET
@login_required
def certificate_pdf(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The signed-in participant's own certificate for a cohort, as a PDF (?lang=es|en)."""
    certificate = access.get_own_certificate_or_404(request.user, cohort_id)
    language = request.GET.get("lang", "")
    if language not in LANGUAGES:
        language = certificate.language
    response = HttpResponse(
        render_certificate_pdf(certificate, language=language), content_type="application/pdf"
    )
    filename = f"{slugify(certificate.course_title)[:60] or 'certificate'}-{certificate.code}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """Type a code (from a certificate on paper) and go to its verification page."""
    code = request.GET.get("code", "").strip()
    if code:
        canonical = normalise_code(code)
        return redirect("certificates:verify", canonical or code[:64])
    return _noindex(TemplateResponse(request, "certificates/verify.html", {"state": "form"}))


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: is the certificate with this code genuine? Name, course and dates only; nothing else."""
    canonical = normalise_code(code)
    certificate = Certificate.objects.filter(code=canonical).first() if canonical else None
    if certificate is None:
        return _noindex(
            TemplateResponse(
                request, "certificates/verify.html", {"state": "unknown", "code": code[:64]}, status=404
            )
        )
    if canonical != code:
        return redirect("certificates:verify", canonical)
    state = "revoked" if certificate.is_revoked else "genuine"
    return _noindex(
        TemplateResponse(request, "certificates/verify.html", {"state": state, "certificate": certificate})
    )
