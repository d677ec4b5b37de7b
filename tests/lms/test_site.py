"""Site-wide behaviour: health check, error pages, static files served by the app, no CDN."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_cohort, make_course, site_home

EXTERNAL_ASSET = re.compile(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)


def test_healthz(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_not_found_page_uses_the_site_layout(client, db):
    site_home()
    response = client.get("/no-existe/")
    assert response.status_code == 404
    assert '<html lang="es">' in response.text
    assert 'id="main"' in response.text


def test_stylesheet_is_served_by_the_application(client, db, settings, tmp_path):
    """As `make run` does: collectstatic, then the ASGI app itself (WhiteNoise) serves the files."""
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    site_home()
    html = client.get("/").text
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    response = client.get(href)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


@pytest.mark.parametrize("path", ["/", "/cursos/", "course"])
def test_nothing_is_loaded_from_another_site(client, db, path):
    tree = make_course(modules=1, lessons=1)
    make_cohort(tree.course)
    html = client.get(tree.course.url if path == "course" else path).text
    assert not EXTERNAL_ASSET.search(html)


def test_pages_have_landmarks_and_a_skip_link(client, db):
    site_home()
    html = client.get("/").text
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html


def test_catalogue_address_leads_to_the_catalogue_page(client, db):
    make_course(modules=1, lessons=1)  # creates the catalogue page "Cursos" at /cursos/
    response = client.get(reverse("courses:catalogue"))
    assert response.status_code == 302 and response.url == "/cursos/"
