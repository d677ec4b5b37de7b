"""What editors may upload: documents whose content is what their name says. Wagtail itself checks the
kinds (WAGTAILDOCS_EXTENSIONS, WAGTAILIMAGES_EXTENSIONS), the sizes (WAGTAILDOCS_MAX_UPLOAD_SIZE,
WAGTAILIMAGES_MAX_UPLOAD_SIZE) and, for images, that a decoder recognises the declared format; a
document's content is not looked at, hence the check below. Participants upload nothing.

Documents are served by Wagtail's view (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which sends
``X-Content-Type-Options: nosniff``, ``Content-Security-Policy: default-src 'none'`` and
``Content-Disposition: attachment`` for everything but PDF.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04",)  # Office Open XML, OpenDocument and EPUB are ZIP files
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # the older Word and PowerPoint files
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "pptx": ZIP,
    "xlsx": ZIP,
    "odt": ZIP,
    "odp": ZIP,
    "ods": ZIP,
    "epub": ZIP,
    "doc": OLE,
    "ppt": OLE,
}
HEAD_BYTES = 8192


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_document(upload) -> None:
    """Raise ValidationError unless the file's first bytes match its extension."""
    extension = _extension(upload.name)
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(position)
    if extension in SIGNATURES:
        ok = head.startswith(SIGNATURES[extension])
    elif extension == "txt":
        ok = b"\x00" not in head
    else:
        ok = True  # the extension itself is refused by WAGTAILDOCS_EXTENSIONS
    if not ok:
        raise ValidationError(
            _("The content of this file is not a .%(extension)s document. Check the file and try again."),
            code="file_content_mismatch",
            params={"extension": extension},
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload, chooser) with the checks above."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file (editing the title keeps the stored one)
            check_document(upload)
        return upload
