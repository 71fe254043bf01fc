"""Files of the old site an item brings along: K2's attachments, and PDFs its text links to.

They are looked for under the site's folder given with --media, and never outside it.
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .item import ImportAttachment

K2_ATTACHMENT_FOLDERS = ("media/k2/attachments", "attachments", "")
PDF_LINK = re.compile(r"""href\s*=\s*(["'])([^"']+?\.pdf)(?:[?#][^"']*)?\1""", re.IGNORECASE)


def k2_attachments(rows, media):
    """(attachments, warnings) for the k2_attachments rows of one item."""
    found, warnings = [], []
    if rows and media is None:
        warnings.append(f"has {len(rows)} attachment(s) in K2; give --media to bring them")
        return found, warnings
    for row in rows:
        name = PurePosixPath(row["filename"] or "").name
        path = _first_file(
            media, [f"{folder}/{name}".lstrip("/") for folder in K2_ATTACHMENT_FOLDERS]
        )
        if path is None:
            warnings.append(f"its attachment {name} is not under --media; not brought")
            continue
        title = (row.get("title") or "").strip() or name
        found.append(
            ImportAttachment(name, path.read_bytes(), title, found_at=f"k2_attachments/{name}")
        )
    return found, warnings


def linked_pdfs(html, media):
    """(attachments, warnings) for the PDFs of the old site that the text links to."""
    found, warnings = {}, []
    for href in dict.fromkeys(match.group(2) for match in PDF_LINK.finditer(html)):
        relative = unquote(urlsplit(href).path).lstrip("/")
        if relative in found:  # the same file, linked again (by its full address, say)
            found[relative].hrefs.append(href)
            continue
        path = _first_file(media, [relative])
        if path is None:
            warnings.append(f"the PDF {href} linked in the text was not found under --media")
            continue
        name = PurePosixPath(relative).name
        found[relative] = ImportAttachment(
            name, path.read_bytes(), Path(name).stem, found_at=relative, hrefs=[href]
        )
    return list(found.values()), warnings


def _first_file(media, relatives):
    if media is None:
        return None
    root = media.resolve()
    for relative in relatives:
        path = (root / relative).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path
    return None
