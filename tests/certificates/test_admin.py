"""Certificates in the Wagtail admin: the dashboard section, issuing, revoking, the criteria form."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from certificates import services
from certificates.models import Certificate, CertificateCriteria
from courses import services as course_services
from courses.models import Enrollment
from tests.certificates.conftest import complete, set_criteria
from tests.courses.conftest import translated
from tests.factories import enrol, make_user


def dashboard_url(cohort) -> str:
    return reverse("workspace_cohort_dashboard", args=[cohort.pk])


def issue_url(cohort) -> str:
    return reverse("certificates_issue_for_cohort", args=[cohort.pk])


def criteria_url(course) -> str:
    return reverse("certificates_criteria", args=[course.pk])


@pytest.fixture
def other_facilitator(world):
    """A facilitator (with admin access) of the other cohort only."""
    user = make_user("otra_facilitadora")
    course_services.enrolment_add(cohort=world.other_cohort, user=user, role=Enrollment.Role.FACILITATOR)
    return user


@pytest.fixture
def certificate(world, qualified) -> Certificate:
    return services.certificate_issue(cohort=world.cohort, user=world.participant)[0]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the dashboard section ----------------------------------------------------------------------------------


def test_dashboard_shows_the_certificates_section(client, world, admin_facilitator, qualified):
    behind = make_user("rezagado")
    enrol(behind, world.cohort)
    client.force_login(admin_facilitator)
    html = client.get(dashboard_url(world.cohort)).content.decode()
    assert 'id="certificates"' in html
    assert translated("Issue certificates for everyone who qualifies") in html
    assert f'action="{issue_url(world.cohort)}"' in html
    assert 'data-eligibility="participante" data-eligible="yes"' in html
    assert 'data-eligibility="rezagado" data-eligible="no"' in html
    assert criteria_url(world.tree.course) in html


def test_issue_button_issues_once(client, world, admin_facilitator, qualified):
    client.force_login(admin_facilitator)
    response = client.post(issue_url(world.cohort))
    assert response.status_code == 302
    assert response.url == dashboard_url(world.cohort) + "#certificates"
    certificate = Certificate.objects.get()
    assert certificate.user == world.participant and certificate.issued_by == admin_facilitator
    with_messages = client.post(issue_url(world.cohort), follow=True)
    assert Certificate.objects.count() == 1
    html = with_messages.content.decode()
    assert certificate.code in html  # listed with its verification link
    assert reverse("certificates_revoke", args=[certificate.pk]) in html


def test_issue_reports_counts(client, world, admin_facilitator, qualified):
    client.force_login(admin_facilitator)
    first = client.post(issue_url(world.cohort), follow=True)
    second = client.post(issue_url(world.cohort), follow=True)
    with translation.override("es"):
        one = ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", 1) % {"count": 1}
        none = ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", 0) % {"count": 0}
    assert messages_of(first)[-1].startswith(one)
    assert messages_of(second)[-1].startswith(none)


def test_issue_needs_post_and_csrf(world, admin_facilitator, qualified):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_facilitator)
    assert client.get(issue_url(world.cohort)).status_code == 405
    assert client.post(issue_url(world.cohort)).status_code == 403
    assert not Certificate.objects.exists()


def test_facilitator_of_another_cohort_gets_404(client, world, other_facilitator, certificate):
    client.force_login(other_facilitator)
    assert client.post(issue_url(world.cohort)).status_code == 404
    assert client.get(reverse("certificates_revoke", args=[certificate.pk])).status_code == 404
    assert (
        client.post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "x"}).status_code == 404
    )
    assert client.get(reverse("certificates_admin_pdf", args=[certificate.pk])).status_code == 404
    assert client.get(criteria_url(world.tree.course)).status_code == 404
    assert client.post(issue_url(world.cohort).replace(str(world.cohort.pk), "999999")).status_code == 404
    certificate.refresh_from_db()
    assert not certificate.is_revoked


@pytest.mark.parametrize("who", ["participant", "observer", "outsider"])
def test_members_without_admin_access_are_sent_to_the_admin_login(client, world, certificate, who):
    client.force_login(getattr(world, who))
    for response in (
        client.post(issue_url(world.cohort)),
        client.post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "x"}),
        client.get(criteria_url(world.tree.course)),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 1


def test_staff_manage_every_cohort(client, world, qualified):
    world.staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(world.staff)
    assert client.post(issue_url(world.cohort)).status_code == 302
    assert Certificate.objects.count() == 1


# --- revoking -----------------------------------------------------------------------------------------------


def test_revoke_asks_for_confirmation_and_a_reason(client, world, admin_facilitator, certificate):
    url = reverse("certificates_revoke", args=[certificate.pk])
    client.force_login(admin_facilitator)
    page = client.get(url)
    assert page.status_code == 200
    assert translated("Yes, revoke it") in page.content.decode()
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 200
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    done = client.post(url, {"reason": "Se matriculó por error"})
    assert done.status_code == 302 and done.url == dashboard_url(world.cohort) + "#certificates"
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revocation_reason == "Se matriculó por error"
    public = client.get(certificate.get_absolute_url()).content.decode()
    assert translated("Revoked certificate") in public
    dashboard = client.get(dashboard_url(world.cohort)).content.decode()
    assert "Se matriculó por error" in dashboard


def test_facilitators_can_look_at_the_pdf(client, world, admin_facilitator, certificate):
    client.force_login(admin_facilitator)
    response = client.get(reverse("certificates_admin_pdf", args=[certificate.pk]) + "?lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


# --- the criteria form --------------------------------------------------------------------------------------


def test_criteria_form_saves(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    url = criteria_url(world.tree.course)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{world.tree.all_lessons[0].pk}"' in html
    assert f'value="{world.other_tree.all_lessons[0].pk}"' not in html
    lessons = world.tree.all_lessons[:2]
    response = client.post(
        url,
        {
            "enabled": "on",
            "required_lessons": [lesson.pk for lesson in lessons],
            "min_reflections_percent": "50",
            "min_attendance_percent": "75",
        },
    )
    assert response.status_code == 302
    criteria = CertificateCriteria.objects.get(course=world.tree.course)
    assert set(criteria.required_lessons.all()) == set(lessons)
    assert (criteria.min_reflections_percent, criteria.min_attendance_percent, criteria.enabled) == (
        50,
        75,
        True,
    )
    assert criteria.updated_by == admin_facilitator


@pytest.mark.parametrize(
    "bad",
    [
        {"min_reflections_percent": "150"},
        {"min_attendance_percent": "-5"},
        {"min_attendance_percent": "mucho"},
        {"min_reflections_percent": ""},
        {"required_lessons": ["999999"]},
        {"required_lessons": ["abc"]},
    ],
)
def test_criteria_form_refuses_bad_input(client, world, admin_facilitator, bad):
    client.force_login(admin_facilitator)
    data = {"enabled": "on", "min_reflections_percent": "0", "min_attendance_percent": "0", **bad}
    response = client.post(criteria_url(world.tree.course), data)
    assert response.status_code == 200
    assert not CertificateCriteria.objects.exists()


def test_criteria_form_refuses_lessons_of_another_course(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    data = {
        "min_reflections_percent": "0",
        "min_attendance_percent": "0",
        "required_lessons": [world.other_tree.all_lessons[0].pk],
    }
    assert client.post(criteria_url(world.tree.course), data).status_code == 200
    assert not CertificateCriteria.objects.exists()


def test_criteria_next_only_goes_inside_the_site(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    data = {"min_reflections_percent": "0", "min_attendance_percent": "0"}
    response = client.post(criteria_url(world.tree.course) + "?next=//evil.example/", data)
    assert response.url == criteria_url(world.tree.course)
    response = client.post(criteria_url(world.tree.course) + "?next=/admin/", data)
    assert response.url == "/admin/"


def test_the_page_explorer_links_to_the_criteria(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[world.tree.course.pk])).content.decode()
    assert criteria_url(world.tree.course) in html
    assert criteria_url(world.other_tree.course) not in html


def test_criteria_change_who_qualifies_on_the_dashboard(client, world, admin_facilitator, enrollment):
    complete(enrollment, world.tree.all_lessons[:2])
    client.force_login(admin_facilitator)
    assert 'data-eligible="yes"' not in client.get(dashboard_url(world.cohort)).content.decode()
    set_criteria(world.tree.course, lessons=world.tree.all_lessons[:2])
    assert (
        'data-eligibility="participante" data-eligible="yes"'
        in client.get(dashboard_url(world.cohort)).content.decode()
    )
