"""The article editor's configuration and the one sanitizer built from it.

Stored HTML is cleaned on save and cleaned again wherever it leaves the site (feeds, email),
so that nothing an editor pastes from Word, or an import brings, can run in a reader's browser.
"""

import nh3
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "Figure": True,
        "Caption": True,
        "Image": True,
    }
}

_allowlist = allowlist_from_extensions(expand_extensions(EDITOR_CONFIG["extensions"]))
_allowlist["url_schemes"] = {"http", "https", "mailto"}
_allowlist["attributes"]["a"] = _allowlist["attributes"]["a"] - {"rel", "target"}
_allowlist["link_rel"] = "noopener noreferrer"
_cleaner = nh3.Cleaner(**_allowlist)


def sanitize_html(html):
    """Return `html` with only the editor's tags and attributes, and safe link schemes."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


def render_html(html):
    """Mark stored article HTML safe for a template, cleaning it once more on the way out."""
    return mark_safe(sanitize_html(html))  # sanitized just above
