"""The demo: its course has certificate criteria, and its facilitators issue certificates in the admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from certificates.demo import DEMO_CRITERIA
from certificates.models import Certificate, CertificateCriteria
from certificates.selectors import cohort_eligibility
from courses.demo import content
from courses.demo.seed import DEMO_PASSWORD, ES_COHORT_NAME
from courses.models import Cohort, CoursePage
from workspace.demo import seed


def test_demo_course_has_criteria_and_reseeding_keeps_the_facilitators_edits(seeded):
    course = CoursePage.objects.get(slug=content.COURSE_ES["slug"])
    criteria = CertificateCriteria.objects.get(course=course)
    assert criteria.min_reflections_percent == DEMO_CRITERIA["min_reflections_percent"]
    assert criteria.min_attendance_percent == DEMO_CRITERIA["min_attendance_percent"]
    criteria.min_attendance_percent = 80
    criteria.save()
    seed()
    assert CertificateCriteria.objects.filter(course=course).count() == 1
    assert CertificateCriteria.objects.get(course=course).min_attendance_percent == 80


def test_demo_facilitator_issues_certificates_from_the_dashboard(client, seeded):
    cohort = Cohort.objects.get(name=ES_COHORT_NAME)
    expected = sum(1 for row in cohort_eligibility(cohort=cohort) if row.can_be_issued)
    assert client.login(username="facilitadora1", password=DEMO_PASSWORD)
    dashboard = client.get(reverse("workspace_cohort_dashboard", args=[cohort.pk]))
    assert dashboard.status_code == 200
    assert 'id="certificates"' in dashboard.content.decode()
    response = client.post(reverse("certificates_issue_for_cohort", args=[cohort.pk]))
    assert response.status_code == 302
    assert Certificate.objects.filter(cohort=cohort).count() == expected
    client.post(reverse("certificates_issue_for_cohort", args=[cohort.pk]))
    assert Certificate.objects.filter(cohort=cohort).count() == expected


def test_demo_participant_sees_what_is_left(client, seeded):
    assert client.login(username="participante1", password=DEMO_PASSWORD)
    html = client.get(reverse("workspace:my_learning")).content.decode()
    assert 'data-criterion="attendance"' in html
    user = get_user_model().objects.get(username="participante1")
    assert not Certificate.objects.filter(user=user).exists()
