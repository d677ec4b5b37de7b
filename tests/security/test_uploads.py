"""Uploaded images and documents are checked for kind, content and size, through the Wagtail admin's own
forms (single and multiple upload), and documents are served so that a browser never runs them."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def png(size=(16, 16), noise=False) -> bytes:
    image = PILImage.new("RGB", size, "teal")
    if noise:
        image = PILImage.effect_noise(size, 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a directory of their own, removed after the test."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(client):
    if Collection.get_first_root_node() is None:  # a transactional test may have flushed it
        Collection.add_root(name="Root")
    user = get_user_model().objects.create_superuser("editora", "editora@example.org", "x")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload_image(client, name: str, content: bytes):
    root = Collection.get_first_root_node()
    return client.post(
        "/admin/images/add/",
        {"title": "Imagen", "file": SimpleUploadedFile(name, content), "collection": root.pk},
    )


def upload_document(client, name: str, content: bytes):
    root = Collection.get_first_root_node()
    return client.post(
        "/admin/documents/add/",
        {"title": "Documento", "file": SimpleUploadedFile(name, content), "collection": root.pk},
    )


def errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(e) for e in form.errors.get("file", []))


# --- images --------------------------------------------------------------------------------------------


def test_a_real_image_is_accepted(editor):
    response = upload_image(editor, "foto.png", png())
    assert response.status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [("pagina.png", HTML), ("dibujo.png", SVG), ("foto.jpg", png())],
    ids=["HTML named .png", "SVG named .png", "PNG named .jpg"],
)
def test_an_image_whose_content_is_not_its_name_is_refused(editor, name, content):
    response = upload_image(editor, name, content)
    assert response.status_code == 200
    assert errors(response)
    assert Image.objects.count() == 0


@pytest.mark.parametrize("name", ["dibujo.svg", "pagina.html", "programa.exe"])
def test_image_kinds_outside_the_list_are_refused(editor, name):
    response = upload_image(editor, name, SVG)
    assert response.status_code == 200
    assert "Not a supported image format" in errors(response) or "extension" in errors(response).lower()
    assert Image.objects.count() == 0


def test_an_oversize_image_is_refused_with_a_clear_message(editor):
    content = png((200, 200), noise=True)
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=len(content) - 1):
        response = upload_image(editor, "grande.png", content)
    assert response.status_code == 200
    assert "too big" in errors(response)
    assert Image.objects.count() == 0


def test_svg_is_not_an_allowed_image_kind():
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


# --- documents -----------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content"), [("guia.pdf", PDF), ("guia.docx", DOCX), ("notas.txt", b"Hola")]
)
def test_real_documents_are_accepted(editor, name, content):
    response = upload_document(editor, name, content)
    assert response.status_code == 302, errors(response)
    assert Document.objects.count() == 1


@pytest.mark.parametrize("name", ["programa.exe", "pagina.html", "dibujo.svg", "script.js", "sin-extension"])
def test_document_kinds_outside_the_list_are_refused(editor, name):
    response = upload_document(editor, name, b"MZ\x90\x00 not a document")
    assert response.status_code == 200
    assert "extension" in errors(response).lower()
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [("guia.pdf", HTML), ("guia.docx", HTML), ("guia.doc", PDF), ("notas.txt", b"MZ\x90\x00\x03\x00")],
    ids=["HTML named .pdf", "HTML named .docx", "PDF named .doc", "binary named .txt"],
)
def test_a_document_whose_content_is_not_its_name_is_refused(editor, name, content):
    response = upload_document(editor, name, content)
    assert response.status_code == 200
    assert "no es un documento ." in errors(response)  # the admin speaks Spanish by default
    assert Document.objects.count() == 0


def test_an_oversize_document_is_refused_with_a_clear_message(editor):
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=len(PDF) - 1):
        response = upload_document(editor, "guia.pdf", PDF)
    assert response.status_code == 200
    message = f"This file is too big ({len(PDF)}\xa0bytes). Maximum filesize {len(PDF) - 1}\xa0bytes."
    assert message in errors(response)
    assert Document.objects.count() == 0


def test_the_multiple_uploader_checks_too(editor):
    root = Collection.get_first_root_node()
    response = editor.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("guia.pdf", HTML), "collection": root.pk},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert Document.objects.count() == 0


def test_documents_are_served_so_that_browsers_never_run_them(editor, client):
    upload_document(editor, "guia.pdf", PDF)
    upload_document(editor, "notas.txt", b"<script>alert(1)</script>")
    pdf, txt = Document.objects.order_by("pk")
    client.logout()
    for document, disposition in ((pdf, "inline"), (txt, "attachment")):
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith(disposition), document.filename
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        for _ in getattr(response, "streaming_content", []):
            pass
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
