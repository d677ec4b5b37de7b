"""The PDF's text, language and font coverage, without a web request."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from certificates.models import Certificate
from certificates.pdf import FONT, certificate_text, printable, render_certificate_pdf
from tests.certificates.pdftext import pdf_text


def unsaved(**extra) -> Certificate:
    values = {
        "code": "7KQ2-M9XD-A1B2-C3D4-E5F6",
        "full_name": "María Ñahui Quispe",
        "course_title": "Innovación en Educación y Comunidades de Aprendizaje",
        "cohort_name": "Cohorte 2026 · Perú",
        "starts_on": dt.date(2026, 4, 6),
        "ends_on": dt.date(2026, 9, 28),
        "hours": 120,
        "facilitators": ["Rosa Quispe", "Martín Huamán"],
        "issued_at": timezone.now(),
        "language": "es",
    }
    return Certificate(**{**values, **extra})


def test_text_in_both_languages():
    spanish = certificate_text(unsaved(), "es")
    english = certificate_text(unsaved(), "en")
    assert "6 de abril de 2026" in spanish.cohort and "28 de septiembre de 2026" in spanish.cohort
    assert "April 6, 2026" in english.cohort
    assert english.heading == "Certificate of completion"
    assert "120" in spanish.hours and "Martín Huamán" in spanish.facilitators
    assert spanish.url.endswith("/certificates/7KQ2-M9XD-A1B2-C3D4-E5F6/")


def test_optional_lines_are_left_out():
    text = certificate_text(unsaved(hours=0, facilitators=[]), "es")
    assert text.hours == "" and text.facilitators == ""
    assert "" not in text.lines()


def test_one_facilitator_is_named_in_the_singular():
    assert certificate_text(unsaved(facilitators=["Rosa"]), "en").facilitators == "Facilitator: Rosa"


def test_the_pdf_carries_every_line_with_accents():
    certificate = unsaved()
    lines = pdf_text(render_certificate_pdf(certificate, language="es"))
    for line in certificate_text(certificate, "es").lines():
        assert line in lines or any(line.startswith(part) for part in lines), line
    assert "María Ñahui Quispe" in lines


def test_a_very_long_course_title_is_wrapped_not_cut():
    title = "Innovación " * 30
    lines = pdf_text(render_certificate_pdf(unsaved(course_title=title.strip()), language="es"))
    assert " ".join(line for line in lines if line.startswith("Innovación")).split() == title.split()


def test_letters_the_font_lacks_fall_back_to_their_base_letter():
    assert printable("Ŝebastián ǅ 漢") == "Sebastián Dz ?"
    assert printable("Ñandú ¿sí? «no» – …") == "Ñandú ¿sí? «no» – …"
    assert printable("Ŝ", FONT) == "S"
