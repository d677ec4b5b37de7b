"""The issue's "done means", on the seeded demo: a facilitator of the demo cohort, in the admin, finds
the participants who are behind, answers two reflections, sends an announcement and enrols ten
people from a CSV file (docs/examples/enrolment-demo.csv, saved by a Spanish Excel: Latin-1, ';'),
and issues certificates for everyone who meets the criteria she sets."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import Certificate
from courses.demo.seed import ES_COHORT_NAME
from courses.models import Cohort, Enrollment, LessonPage, ModulePage, Reflection

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "enrolment-demo.csv"


def test_a_facilitators_day_in_the_admin(client, seeded, django_capture_on_commit_callbacks):
    cohort = Cohort.objects.get(name=ES_COHORT_NAME)
    assert client.login(username="facilitadora1", password="tertulia-demo")
    dashboard = reverse("workspace_cohort_dashboard", args=[cohort.pk])

    # Who is behind: the filter lists exactly the participants the matrix marks as behind.
    page = client.get(dashboard + "?behind=1")
    assert page.status_code == 200
    behind = set(re.findall(r'data-participant="([^"]+)"', page.content.decode()))
    assert len(behind) >= 3
    assert behind == {r.enrollment.user.username for r in page.context["rows"]}

    # Two reflections answered inline, oldest first.
    inbox = client.get(dashboard).context["inbox"]
    assert len(inbox) >= 2
    for reflection in inbox[:2]:
        response = client.post(dashboard, {"reflection": reflection.pk, "body": "Gracias por compartirlo."})
        assert response.status_code == 302
        assert Reflection.objects.get(pk=reflection.pk).status == Reflection.Status.ANSWERED

    # An announcement to the whole cohort.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("announcements_admin", args=[cohort.pk]),
            {
                "title": "Encuentro del sábado",
                "body": "Nos vemos a las 10.",
                "send": "now",
                "form_key": uuid.uuid4(),
            },
        )
    assert response.status_code == 302
    members = cohort.enrollments.exclude(user__username="facilitadora1").count()
    assert len(mail.outbox) == members

    # Ten people from the example CSV: dry run, then confirm.
    before = cohort.enrollments.count()
    upload = client.post(
        reverse("courses_cohort_bulk_enrol", args=[cohort.pk]),
        {"file": SimpleUploadedFile("inscripciones.csv", EXAMPLE.read_bytes())},
    )
    review = client.get(upload["Location"])
    assert review.context["plan"].can_apply and len(review.context["plan"].to_enrol) == 10
    assert review.context["plan"].encoding == "cp1252"
    client.post(upload["Location"])
    assert cohort.enrollments.count() == before + 10
    rosa = Enrollment.objects.get(cohort=cohort, user__email="rosa.huaman@example.org")
    assert (rosa.user.get_full_name(), rosa.group.name) == ("Rosa Huamán Ccori", "GIA Sierra Centro")

    # Certificates: the demo cohort is mid-course, so she certifies the first module (its lessons,
    # no reflection or attendance minimum) and issues for everyone who qualifies, twice.
    first_module = ModulePage.objects.child_of(cohort.course).order_by("path").first()
    first_lessons = list(LessonPage.objects.child_of(first_module).values_list("pk", flat=True))
    response = client.post(
        reverse("certificates_criteria", args=[cohort.course.pk]),
        {
            "enabled": "on",
            "required_lessons": first_lessons,
            "min_reflections_percent": 0,
            "min_attendance_percent": 0,
        },
    )
    assert response.status_code == 302
    issue = reverse("certificates_issue_for_cohort", args=[cohort.pk])
    client.post(issue)
    issued = Certificate.objects.filter(cohort=cohort).count()
    up_to_date = {
        e.user_id
        for e in cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT)
        if e.completions.filter(lesson_id__in=first_lessons).count() == len(first_lessons)
    }
    assert issued == len(up_to_date) >= 5
    client.post(issue)
    assert Certificate.objects.filter(cohort=cohort).count() == issued
    certificate = Certificate.objects.filter(cohort=cohort).first()
    client.logout()
    public = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert public.status_code == 200 and certificate.full_name in public.content.decode()
