"""Spanish first, English second: the interface language and its switcher."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from courses.models import CoursePage
from tests.factories import make_cohort, make_course, make_user, site_home

COURSES_LINK = f'<a href="{reverse("courses:catalogue")}">'


@pytest.fixture
def home(db):
    tree = make_course("Curso bilingüe", modules=1, lessons=1)
    make_cohort(tree.course)
    return site_home()


def switch_to(client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_home_is_spanish_by_default(client, home):
    html = client.get("/").text
    assert '<html lang="es">' in html
    assert COURSES_LINK + "Cursos</a>" in html
    assert "Iniciar sesión" in html
    # The switcher offers English, in English.
    assert 'name="language" value="en" lang="en"' in html
    assert 'value="es"' not in html


def test_switch_to_english_and_back(client, home):
    response = switch_to(client, "en")
    assert response.status_code == 302 and response.url == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/").text
    assert '<html lang="en">' in html
    assert COURSES_LINK + "Courses</a>" in html
    assert "Sign in" in html
    assert 'name="language" value="es" lang="es"' in html

    switch_to(client, "es")
    html = client.get("/").text
    assert '<html lang="es">' in html and COURSES_LINK + "Cursos</a>" in html


def test_switch_keeps_the_page(client, home):
    course = CoursePage.objects.get(title="Curso bilingüe")
    response = switch_to(client, "en", next_url=course.url)
    assert response.url == course.url
    assert '<html lang="en">' in client.get(course.url).text


def test_unknown_language_is_ignored(client, home):
    switch_to(client, "fr")
    assert '<html lang="es">' in client.get("/").text


def test_only_an_explicit_choice_changes_the_language(client, home):
    """Shared computers often have English browsers: Accept-Language alone keeps Spanish."""
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="es">' in response.text
    assert response["Content-Language"] == "es"
    switch_to(client, "en")
    response = client.get("/", headers={"accept-language": "es-PE,es;q=0.9"})
    assert '<html lang="en">' in response.text
    assert response["Content-Language"] == "en"


def test_signed_in_menu_is_translated(client, home):
    client.force_login(make_user())
    assert "Mi aprendizaje" in client.get("/").text
    switch_to(client, "en")
    html = client.get(reverse("workspace:my_learning")).text
    assert "<h1>My learning</h1>" in html


def test_dates_follow_the_language(client, db):
    tree = make_course("Fechas", modules=1, lessons=1)
    cohort = make_cohort(tree.course)
    year = cohort.starts_on.year + 1  # a run that has not ended, so the course page features it
    cohort.starts_on, cohort.ends_on = dt.date(year, 4, 6), dt.date(year, 9, 30)
    cohort.save()
    html = client.get(tree.course.url).text
    assert "6 abril" in html and "30 septiembre" in html
    switch_to(client, "en")
    html = client.get(tree.course.url).text
    assert "6 April" in html and "30 September" in html


def test_course_content_declares_its_own_language(client, db):
    tree = make_course("Leading communities", modules=1, lessons=1)
    CoursePage.objects.filter(pk=tree.course.pk).update(language="en")
    html = client.get(tree.course.url).text
    assert '<html lang="es">' in html  # the interface
    assert 'class="course-header" lang="en"' in html  # the content


def test_admin_is_offered_in_both_languages():
    assert dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES).keys() == {"es", "en"}
    assert settings.LANGUAGE_CODE == "es"
