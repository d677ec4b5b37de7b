"""The certificate as a PDF (ReportLab): A4 landscape, in Spanish or English, accents included.

The text is built first (`certificate_text`), in the requested language, then drawn. Fonts are the
Bitstream Vera TrueType fonts that ship inside ReportLab, embedded in the PDF: Latin letters with
accents (á, ñ, ü, ¿…) render without network or system fonts.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import reportlab
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from certificates.models import Certificate

FONT = "TertuliaSans"
FONT_BOLD = "TertuliaSans-Bold"
_FONT_FILES = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf"}
BRAND = colors.HexColor("#1f5f5b")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#555555")


@functools.cache
def _fonts() -> dict[str, set[int]]:
    """Register the fonts once per process; font name → the code points it can draw."""
    folder = Path(reportlab.__file__).parent / "fonts"
    covered = {}
    for name, filename in _FONT_FILES.items():
        font = TTFont(name, str(folder / filename))
        pdfmetrics.registerFont(font)
        covered[name] = set(font.face.charToGlyph)
    return covered


def printable(text: str, font: str = FONT) -> str:
    """`text` with any letter the font lacks replaced by its unaccented form (or '?')."""
    covered = _fonts()[font]
    out = []
    for char in text:
        if ord(char) in covered or char in "\n\t":
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) in covered)
        out.append(base or "?")
    return "".join(out)


@dataclass(frozen=True)
class CertificateText:
    """Everything the certificate says, in one language."""

    language: str
    heading: str
    certifies: str
    name: str
    completed: str
    course: str
    cohort: str
    hours: str
    facilitators: str
    issued: str
    code: str
    url: str

    def lines(self) -> list[str]:
        return [
            line
            for line in (
                self.heading,
                self.certifies,
                self.name,
                self.completed,
                self.course,
                self.cohort,
                self.hours,
                self.facilitators,
                self.issued,
                self.code,
                self.url,
            )
            if line
        ]


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def certificate_text(certificate: Certificate, language: str) -> CertificateText:
    with translation.override(language):
        facilitators = certificate.facilitators or []
        return CertificateText(
            language=language,
            heading=_("Certificate of completion"),
            certifies=_("This certifies that"),
            name=certificate.full_name,
            completed=_("has completed the course"),
            course=certificate.course_title,
            cohort=_("%(cohort)s, from %(start)s to %(end)s")
            % {
                "cohort": certificate.cohort_name,
                "start": _date(certificate.starts_on),
                "end": _date(certificate.ends_on),
            },
            hours=(
                ngettext("%(hours)d hour of study", "%(hours)d hours of study", certificate.hours)
                % {"hours": certificate.hours}
                if certificate.hours
                else ""
            ),
            facilitators=(
                ngettext("Facilitator: %(names)s", "Facilitators: %(names)s", len(facilitators))
                % {"names": ", ".join(facilitators)}
                if facilitators
                else ""
            ),
            issued=_("Issued on %(date)s") % {"date": _date(timezone.localdate(certificate.issued_at))},
            code=_("Verification code: %(code)s") % {"code": certificate.code},
            url=_("Check that it is genuine at %(url)s") % {"url": certificate.verification_url()},
        )


def _centred(pdf: canvas.Canvas, text: str, y: float, font: str, size: float, max_width: float) -> float:
    """Draw `text` centred at height `y`, shrinking it to fit one line. Returns the size used."""
    text = printable(text, font)
    while size > 8 and pdfmetrics.stringWidth(text, font, size) > max_width:
        size -= 1
    pdf.setFont(font, size)
    pdf.drawCentredString(pdf._pagesize[0] / 2, y, text)
    return size


def _wrapped(pdf: canvas.Canvas, text: str, y: float, font: str, size: float, max_width: float) -> float:
    """Draw `text` centred on up to two lines from height `y` down. Returns the height of the last line."""
    text = printable(text, font)
    lines = simpleSplit(text, font, size, max_width)
    while len(lines) > 2 and size > 10:
        size -= 1
        lines = simpleSplit(text, font, size, max_width)
    pdf.setFont(font, size)
    for line in lines:
        pdf.drawCentredString(pdf._pagesize[0] / 2, y, line)
        y -= size * 1.25
    return y + size * 1.25


def render_certificate_pdf(certificate: Certificate, *, language: str) -> bytes:
    """The certificate as PDF bytes, in `language` ("es" or "en")."""
    _fonts()
    text = certificate_text(certificate, language)
    width, height = landscape(A4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(printable(f"{text.heading} — {text.name}"))
    pdf.setAuthor("Tertulia")
    pdf.setSubject(printable(text.course))
    pdf.setCreator("Tertulia")

    # Frame.
    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(4)
    pdf.rect(24, 24, width - 48, height - 48)
    pdf.setLineWidth(0.8)
    pdf.rect(34, 34, width - 68, height - 68)

    content = width - 160
    pdf.setFillColor(BRAND)
    _centred(pdf, "Tertulia", height - 80, FONT_BOLD, 16, content)
    _centred(pdf, text.heading, height - 130, FONT_BOLD, 30, content)
    pdf.setFillColor(MUTED)
    _centred(pdf, text.certifies, height - 175, FONT, 14, content)
    pdf.setFillColor(INK)
    _centred(pdf, text.name, height - 218, FONT_BOLD, 30, content)
    pdf.setFillColor(MUTED)
    _centred(pdf, text.completed, height - 255, FONT, 14, content)
    pdf.setFillColor(INK)
    y = _wrapped(pdf, text.course, height - 292, FONT_BOLD, 20, content)
    pdf.setFillColor(MUTED)
    y -= 36
    _centred(pdf, text.cohort, y, FONT, 12, content)
    if text.hours:
        y -= 20
        _centred(pdf, text.hours, y, FONT, 12, content)
    if text.facilitators:
        y -= 20
        _wrapped(pdf, text.facilitators, y, FONT, 12, content)

    # Footer: issue date, the verification code and where to check it.
    pdf.setFillColor(INK)
    _centred(pdf, text.issued, 96, FONT, 10, content)
    _centred(pdf, text.code, 78, FONT_BOLD, 11, content)
    pdf.setFillColor(MUTED)
    _centred(pdf, text.url, 60, FONT, 9, content)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
