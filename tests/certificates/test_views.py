"""The participant's PDF, the public verification page and "Mi aprendizaje"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from certificates import services
from certificates.models import Certificate
from tests.certificates.conftest import complete, set_criteria
from tests.certificates.pdftext import pdf_text
from tests.courses.conftest import translated
from tests.factories import enrol, make_cohort, make_user


def pdf_url(cohort, lang: str | None = None) -> str:
    url = reverse("certificates:pdf", args=[cohort.pk])
    return f"{url}?lang={lang}" if lang else url


def verify_url(code: str) -> str:
    return reverse("certificates:verify", args=[code])


def in_language(client, lang: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang


@pytest.fixture
def certificate(world, qualified) -> Certificate:
    world.participant.first_name, world.participant.last_name = "José", "Ñandú Pérez"
    world.participant.save()
    Certificate.objects.filter(user=world.participant).delete()
    world.cohort.starts_on = dt.date(2026, 4, 6)
    world.cohort.ends_on = dt.date(2026, 9, 28)
    world.cohort.save()
    return services.certificate_issue(cohort=world.cohort, user=world.participant)[0]


def long_date(value: dt.date, lang: str) -> str:
    with translation.override(lang):
        return formats.date_format(value, "DATE_FORMAT")


# --- the PDF ------------------------------------------------------------------------------------------------


def test_owner_downloads_the_pdf_with_accents(client, world, certificate):
    client.force_login(world.participant)
    response = client.get(pdf_url(world.cohort))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    assert b"/FontFile2" in response.content  # the TrueType font is embedded
    lines = pdf_text(response.content)
    assert "José Ñandú Pérez" in lines
    assert world.tree.course.title in lines
    text = "\n".join(lines)
    assert certificate.code in text
    assert f"http://127.0.0.1:8000/certificates/{certificate.code}/" in text
    assert "Facilitadora Test" in text


@pytest.mark.parametrize("lang", ["es", "en"])
def test_pdf_in_spanish_and_english(client, world, certificate, lang):
    client.force_login(world.participant)
    text = "\n".join(pdf_text(client.get(pdf_url(world.cohort, lang)).content))
    with translation.override(lang):
        heading = translation.gettext("Certificate of completion")
    assert heading in text
    assert long_date(dt.date(2026, 4, 6), lang) in text
    assert ("abril" in text) == (lang == "es")
    assert ("April" in text) == (lang == "en")


def test_pdf_defaults_to_the_certificate_language_and_ignores_unknown_ones(client, world, certificate):
    client.force_login(world.participant)
    for url in (pdf_url(world.cohort), pdf_url(world.cohort, "xx")):
        response = client.get(url)
        assert response.status_code == 200
        assert "abril" in "\n".join(pdf_text(response.content))


def test_pdf_uses_the_base_url(client, world, certificate, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://tertulia.example.org/"
    client.force_login(world.participant)
    text = "\n".join(pdf_text(client.get(pdf_url(world.cohort)).content))
    assert f"https://tertulia.example.org/certificates/{certificate.code}/" in text


@pytest.mark.parametrize("who", ["facilitator", "observer", "outsider", "staff"])
def test_other_people_get_404(client, world, certificate, who):
    client.force_login(getattr(world, who))
    assert client.get(pdf_url(world.cohort)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world, certificate):
    response = client.get(pdf_url(world.cohort))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_no_certificate_or_unknown_cohort_is_404(client, world, enrollment):
    client.force_login(world.participant)
    assert client.get(pdf_url(world.cohort)).status_code == 404
    assert client.get(reverse("certificates:pdf", args=[999_999_999])).status_code == 404
    assert client.get("/certificates/mine/abc/pdf/").status_code == 404


def test_revoked_certificates_cannot_be_downloaded(client, world, certificate):
    services.certificate_revoke(certificate=certificate, by=world.staff, reason="Error")
    client.force_login(world.participant)
    assert client.get(pdf_url(world.cohort)).status_code == 404


def test_pdf_is_post_proof(client, world, certificate):
    client.force_login(world.participant)
    assert client.post(pdf_url(world.cohort)).status_code == 405


# --- the public page ----------------------------------------------------------------------------------------


def test_genuine_certificate_shows_name_course_and_dates_only(client, world, certificate):
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 200
    html = response.content.decode()
    assert translated("Genuine certificate") in html
    for shown in ("José Ñandú Pérez", world.tree.course.title, certificate.code, "6 de abril de 2026"):
        assert shown in html
    for hidden in (
        world.participant.email,
        world.participant.username,
        "Facilitadora",
        world.cohort.name,
        "10",
    ):
        assert hidden not in html.split('id="certificate-heading"')[1].split("</section>")[0], hidden
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_page_in_english(client, world, certificate):
    in_language(client, "en")
    html = client.get(verify_url(certificate.code)).content.decode()
    assert translated("Genuine certificate", "en") in html
    assert "April 6, 2026" in html


def test_revoked_certificate_says_so_without_personal_data(client, world, certificate):
    services.certificate_revoke(certificate=certificate, by=world.staff, reason="Plagio comprobado")
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 200
    html = response.content.decode()
    assert translated("Revoked certificate") in html
    assert translated("Genuine certificate") not in html
    assert "Plagio" not in html and "José" not in html


@pytest.mark.parametrize(
    "code", ["AAAA-BBBB-CCCC-DDDD-EEEE", "short", "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", "%3Cscript%3E", "mine"]
)
def test_unknown_codes_are_a_clear_404(client, world, certificate, code):
    response = client.get(f"/certificates/{code}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert translated("No certificate with this code") in html
    assert "<script>" not in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_unknown_code_in_english(client, world):
    in_language(client, "en")
    response = client.get(verify_url("AAAA-BBBB-CCCC-DDDD-EEEE"))
    assert response.status_code == 404
    assert "No certificate with this code" in response.content.decode()


def test_codes_typed_loosely_lead_to_the_certificate(client, world, certificate):
    loose = certificate.code.lower().replace("-", "")
    response = client.get(verify_url(loose))
    assert response.status_code == 302 and response.url == verify_url(certificate.code)
    response = client.get(reverse("certificates:verify_form"), {"code": certificate.code.lower()})
    assert response.url == verify_url(certificate.code)


def test_the_check_form(client, db):
    response = client.get(reverse("certificates:verify_form"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_verification_runs_few_queries(client, world, certificate, django_assert_max_num_queries):
    client.get(verify_url(certificate.code))
    with django_assert_max_num_queries(3):
        assert client.get(verify_url(certificate.code)).status_code == 200


# --- Mi aprendizaje -----------------------------------------------------------------------------------------


def test_my_learning_shows_what_is_left(client, world, enrollment):
    set_criteria(world.tree.course, reflections=50)
    complete(enrollment, world.tree.all_lessons[:2])
    client.force_login(world.participant)
    html = client.get(reverse("workspace:my_learning")).content.decode()
    assert translated("What is left for your certificate") in html
    assert 'data-criterion="lessons"' in html and 'data-criterion="reflections"' in html
    lessons = world.tree.all_lessons
    assert f'href="{lessons[2].url}"' in html  # the next lesson still to complete is linked
    assert lessons[4].title in html and lessons[4].url not in html  # a locked one is named, not linked


def test_my_learning_offers_the_download(client, world, qualified):
    services.certificate_issue(cohort=world.cohort, user=world.participant)
    client.force_login(world.participant)
    html = client.get(reverse("workspace:my_learning")).content.decode()
    assert translated("Your certificate is ready.") in html
    assert pdf_url(world.cohort, "es") in html and pdf_url(world.cohort, "en") in html


def test_my_learning_says_when_the_criteria_are_met(client, world, qualified):
    client.force_login(world.participant)
    html = client.get(reverse("workspace:my_learning")).content.decode()
    assert (
        translated("You meet every criterion for the certificate. Your facilitators will issue it soon.")
        in html
    )


def test_facilitators_see_no_certificate_status_on_my_learning(client, world):
    client.force_login(world.facilitator)
    html = client.get(reverse("workspace:my_learning")).content.decode()
    assert "certificate-status" not in html


def test_my_learning_queries_do_not_grow_with_enrolments(
    client, world, qualified, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    set_criteria(world.tree.course, reflections=50, attendance=50)
    client.force_login(world.participant)
    client.get(reverse("workspace:my_learning"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("workspace:my_learning"))
    for _ in range(3):
        other = enrol(world.participant, make_cohort(world.other_tree.course))
        complete(other, world.other_tree.all_lessons)
    enrol(make_user(), world.cohort)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("workspace:my_learning"))
