"""Admin: enrol people from a CSV file — upload, dry run row by row, confirm (all or nothing)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses import access, bulk_enrolment
from courses.models import EnrolmentImport
from lms.typing import AuthenticatedHttpRequest

SHOWN_ROWS = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("Columns: name, email, group, role (UTF-8 or Latin-1; commas or semicolons)."),
    )


def _template_csv() -> HttpResponse:
    response = HttpResponse(
        "\ufeffname,email,group,role\nMaría Quispe Mamani,maria@example.org,,participant\n",
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="enrolment-template.csv"'
    return response


# Admin views (register_admin_urls): Wagtail lets only signed-in editors in.
def upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    if request.GET.get("template"):
        return _template_csv()
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        if uploaded.size > bulk_enrolment.MAX_BYTES:
            form.add_error("file", _("The file is too big (at most %(mb)s MB).") % {"mb": 5})
        else:
            try:
                enrolment_import = bulk_enrolment.enrolment_import_create(
                    cohort=cohort, data=uploaded.read(), filename=uploaded.name or "", by=request.user
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                return redirect("courses_cohort_bulk_enrol_review", cohort.pk, enrolment_import.pk)
    return TemplateResponse(
        request,
        "courses/admin/bulk_enrol_upload.html",
        {
            "cohort": cohort,
            "form": form,
            "groups": list(cohort.groups.all()),
            "page_title": _("Enrol from a CSV file: %(cohort)s") % {"cohort": cohort.name},
        },
    )


def review(request: AuthenticatedHttpRequest, pk: int, import_pk: int) -> HttpResponse:
    cohort = access.get_managed_cohort_or_404(request.user, pk)
    enrolment_import = EnrolmentImport.objects.filter(pk=import_pk, cohort=cohort).first()
    if enrolment_import is None:
        raise Http404
    enrolment_import.cohort = cohort
    if request.method == "POST":
        try:
            result = bulk_enrolment.enrolment_import_apply(enrolment_import=enrolment_import, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("courses_cohort_bulk_enrol_review", cohort.pk, enrolment_import.pk)
        if result.already_applied:
            messages.info(request, _("This file had already been applied; nothing changed."))
        else:
            messages.success(
                request,
                _("%(enrolled)s people enrolled (%(created)s new accounts); %(skipped)s rows skipped.")
                % {"enrolled": result.enrolled, "created": result.created_users, "skipped": result.skipped},
            )
        return redirect("workspace_cohort_dashboard", cohort.pk)
    applied = enrolment_import.applied_at is not None
    plan = None if applied else bulk_enrolment.enrolment_import_plan(enrolment_import=enrolment_import)
    rows = []
    if plan is not None:
        errors = [r for r in plan.rows if r.is_error]
        rows = (errors + [r for r in plan.rows if not r.is_error])[:SHOWN_ROWS]
    counts = []
    if plan is not None:
        counts = [
            (bulk_enrolment.LABELS[status], plan.counts.get(str(status), 0), status in bulk_enrolment.ERRORS)
            for status in bulk_enrolment.Status
            if plan.counts.get(str(status))
        ]
    return TemplateResponse(
        request,
        "courses/admin/bulk_enrol_review.html",
        {
            "cohort": cohort,
            "import": enrolment_import,
            "applied": applied,
            "plan": plan,
            "rows": rows,
            "hidden_rows": (len(plan.rows) - len(rows)) if plan else 0,
            "counts": counts,
            "page_title": _("Enrol from a CSV file: %(cohort)s") % {"cohort": cohort.name},
        },
    )
