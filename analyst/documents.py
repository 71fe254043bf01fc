"""What an uploaded document must be: a kind we accept, known by its content, and not too big.

The file's name and the browser's word are not trusted: a PDF starts with `%PDF-`, an Office or
OpenDocument file is a ZIP archive holding that format's own parts.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF = "application/pdf"
KINDS = {
    PDF: ("PDF", ".pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("Word", ".docx"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("Excel", ".xlsx"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint",
        ".pptx",
    ),
    "application/vnd.oasis.opendocument.text": ("OpenDocument text", ".odt"),
}
OFFICE_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}


def kind_label(content_type):
    return KINDS.get(content_type, ("file", ""))[0]


def document_type(file):
    """The content type of a document by what it holds, or None for a kind we do not accept."""
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        if file.read(5) == b"%PDF-":
            return PDF
        file.seek(0)
        return _zipped_type(file)
    finally:
        if position is not None:
            file.seek(position)


def _zipped_type(file):
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in KINDS else None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)


def validate_document(file):
    """Refuse files too large, or of a kind we do not accept whatever their name says."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            "This file is %(size)s; attachments may be at most %(limit)s.",
            code="document_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if document_type(file) is None:
        accepted = ", ".join(label for label, _ in KINDS.values())
        raise ValidationError(
            "This file is not a document we accept (%(accepted)s), whatever its name says.",
            code="document_kind",
            params={"accepted": accepted},
        )
