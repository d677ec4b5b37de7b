"""Certificates in the Wagtail admin: issue for a cohort, revoke one, edit a course's criteria.

Registered by wagtail_hooks (register_admin_urls, so only people with admin access reach them);
the cohort dashboard shows the section (templates/certificates/admin/dashboard_section.html).
Cohorts and certificates the user does not manage are a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from certificates import access, selectors, services
from certificates.forms import CriteriaForm, RevokeForm
from certificates.models import CertificateCriteria
from certificates.pdf import render_certificate_pdf
from courses.models import Cohort
from lms.typing import AuthenticatedHttpRequest, User


def _managed_cohort_or_404(user: User, pk: int) -> Cohort:
    cohort = Cohort.objects.select_related("course").filter(pk=pk).first()
    if cohort is None or not access.can_manage_certificates(user, cohort):
        raise Http404
    return cohort


def _dashboard_url(cohort_id: int | None) -> str:
    if cohort_id is None:
        return reverse("wagtailadmin_home")
    return reverse("workspace_cohort_dashboard", args=[cohort_id]) + "#certificates"


@require_POST
def issue_for_cohort(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The dashboard's button: a certificate for everyone who qualifies and has none yet."""
    cohort = _managed_cohort_or_404(request.user, pk)
    report = services.certificates_issue_for_cohort(cohort=cohort, issued_by=request.user)
    issued = ngettext(
        "%(count)d certificate issued.", "%(count)d certificates issued.", len(report.issued)
    ) % {"count": len(report.issued)}
    already = ngettext(
        "%(count)d participant already had one.", "%(count)d participants already had one.", report.already
    ) % {"count": report.already}
    (messages.success if report.issued else messages.info)(request, f"{issued} {already}")
    return redirect(_dashboard_url(cohort.pk))


def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Confirm and revoke one certificate, with a reason."""
    certificate = access.get_managed_certificate_or_404(request.user, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error("reason", exc)
        else:
            messages.success(
                request,
                _("The certificate of %(name)s was revoked.") % {"name": certificate.full_name},
            )
            return redirect(_dashboard_url(certificate.cohort_id))
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {
            "certificate": certificate,
            "form": form,
            "page_title": _("Revoke certificate"),
            "back_url": _dashboard_url(certificate.cohort_id),
        },
    )


def certificate_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Facilitators look at a certificate of their cohort as the participant gets it."""
    certificate = access.get_managed_certificate_or_404(request.user, pk)
    lang = request.GET.get("lang")
    language = lang if lang in ("es", "en") else certificate.language
    response = HttpResponse(
        render_certificate_pdf(certificate, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def criteria(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    """A course's certificate criteria, edited by its facilitators."""
    course = access.get_criteria_course_or_404(request.user, course_id)
    current = CertificateCriteria.objects.filter(course=course).first()
    form = CriteriaForm(request.POST or None, course=course, initial=CriteriaForm.initial_for(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.criteria_update(course=course, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Certificate criteria saved for %(course)s.") % {"course": course.title}
            )
            next_url = request.GET.get("next", "")
            if next_url.startswith("/") and not next_url.startswith("//"):
                return redirect(next_url)
            return redirect("certificates_criteria", course.pk)
    return TemplateResponse(
        request,
        "certificates/admin/criteria.html",
        {
            "course": course,
            "form": form,
            "page_title": _("Certificate criteria"),
        },
    )


def dashboard_context(cohort: Cohort) -> dict:
    """What the cohort dashboard passes to its certificates section (constant number of queries)."""
    return {"certificates": selectors.cohort_certificates(cohort=cohort)}
