"""Undo the damage twenty years of an old CMS leave in text: escapes, mojibake, lost spaces."""

import html
import re

import ftfy

from .plugins import strip_plugin_tags

# Magic quotes and careless exports escaped every quote with a backslash, sometimes twice.
_ESCAPED_QUOTE = re.compile(r"\\+(['\"])")
# A heading whose space was lost on the way: "BACKGROUND:This".
_HEADING_RUN_ON = re.compile(
    r"\b(BACKGROUND|IMPLICATIONS|CONCLUSIONS|AUTHORS?['’]S?\s+BIO|AUTHORS['’]\s+BIO):(?=[^\s<])"
)
# A closing quote ” is E2 80 9D in UTF-8; read as cp1252, 9D is no character and drops out,
# leaving "â€" that no decoder can restore. Nothing else leaves it bare.
_LOST_CLOSING_QUOTE = "â€"
# When a space (or no-break space) followed it, "â€ " reads as the mojibake of a dagger, and
# ftfy makes it one, space and all: “last resort†and. A dagger that closes an opening quote is
# that lost quote.
_DAGGER_CLOSING_QUOTE = re.compile(
    r"(“(?:(?!</?(?:p|div|li|td|h[1-6])\b)[^“”†]){1,1000}?)†(?P<glued>(?=\w))?", re.I
)
_NBSP = re.compile(r"[\u00a0\u202f]")


def repair(text, notes=None):
    """Return `text` (plain or HTML) mended: escapes, mojibake, run-on headings, plugin tags.

    Where characters had to be mended, or plugin tags taken out, `notes` (a list) says so.
    """
    if not text:
        return ""
    text = strip_plugin_tags(_ESCAPED_QUOTE.sub(r"\1", text), notes)
    if text.isascii():  # nothing for ftfy to mend, and it is the slow part
        return _HEADING_RUN_ON.sub(r"\1: ", text)
    mended = _mend_characters(text)
    if notes is not None and mended != _NBSP.sub(" ", text):
        notes.append("mis-decoded characters mended (mojibake)")
    return _HEADING_RUN_ON.sub(r"\1: ", mended)


def repair_title(text, notes=None):
    """A title mended, with its HTML entities decoded once: "Oil &amp; Gas" reads "Oil & Gas"."""
    return html.unescape(repair(text, notes)).strip()


def _mend_characters(text):
    # Only mojibake and broken characters: quotes and dashes stay as the writers typed them.
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        unescape_html=False,
        normalization="NFC",
    )
    text = _DAGGER_CLOSING_QUOTE.sub(_closing_quote, text.replace(_LOST_CLOSING_QUOTE, "”"))
    return _NBSP.sub(" ", text)


def _closing_quote(match):
    return match.group(1) + ("” " if match.group("glued") is not None else "”")
