"""Undo the damage twenty years of an old CMS leave in text: escapes, mojibake, lost spaces."""

import re

import ftfy

# Magic quotes and careless exports escaped every quote with a backslash, sometimes twice.
_ESCAPED_QUOTE = re.compile(r"\\+(['\"])")
# A heading whose space was lost on the way: "BACKGROUND:This".
_HEADING_RUN_ON = re.compile(
    r"\b(BACKGROUND|IMPLICATIONS|CONCLUSIONS|AUTHORS?['’]S?\s+BIO|AUTHORS['’]\s+BIO):(?=[^\s<])"
)
# A closing quote ” is E2 80 9D in UTF-8; read as cp1252, 9D is no character and drops out,
# leaving "â€" that no decoder can restore. Nothing else leaves it bare.
_LOST_CLOSING_QUOTE = "â€"
_NBSP = re.compile(r"[\u00a0\u202f]")


def repair(text):
    """Return `text` (plain or HTML) with escapes, mojibake and run-on headings mended."""
    if not text:
        return ""
    text = _ESCAPED_QUOTE.sub(r"\1", text)
    if text.isascii():  # nothing for ftfy to mend, and it is the slow part
        return _HEADING_RUN_ON.sub(r"\1: ", text)
    # Only mojibake and broken characters: quotes and dashes stay as the writers typed them.
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        unescape_html=False,
        normalization="NFC",
    )
    text = _NBSP.sub(" ", text.replace(_LOST_CLOSING_QUOTE, "”"))
    return _HEADING_RUN_ON.sub(r"\1: ", text)
