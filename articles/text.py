"""Plain-text views of article HTML: the first paragraph, a teaser, a word count."""

import html
import re

from django.utils.html import strip_tags

TEASER_LENGTH = 300

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")
_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|td|th|tr|figcaption|div)>|<br\s*/?>", re.IGNORECASE
)
# A sentence ends at . ! or ? followed by space and a capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9“\"‘(])")
# Words whose full stop does not end a sentence: initialisms (U.S., E.U.) and titles.
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.)+$")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "gov",
    "sen", "rep", "pres", "st", "mt", "no", "nos", "vol", "vols", "pp", "ed", "eds", "etc",
    "vs", "cf", "approx", "est", "inc", "ltd", "co", "corp", "dept", "univ", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip


def plain(fragment):
    """Return an HTML fragment as one line of plain text, a space where a block ends."""
    spaced = _BLOCK_END.sub(" ", fragment)
    return _SPACE.sub(" ", html.unescape(strip_tags(spaced))).strip()


def has_text(fragment):
    return bool(plain(fragment or ""))


def first_paragraph(fragment):
    """Return the first non-empty paragraph of an HTML fragment, as HTML."""
    for match in _PARAGRAPH.finditer(fragment or ""):
        if has_text(match.group(1)):
            return match.group(0)
    return fragment or ""


def count_words(fragment):
    return len(plain(fragment or "").split())


def sentences(paragraph):
    """Split plain text into sentences without breaking after an abbreviation."""
    result, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start : match.start()].rstrip('"”’)')
        if _ends_with_abbreviation(candidate):
            continue
        result.append(paragraph[start : match.start()].strip())
        start = match.end()
    result.append(paragraph[start:].strip())
    return [sentence for sentence in result if sentence]


def _ends_with_abbreviation(text):
    last_word = text.rsplit(" ", 1)[-1]
    if _INITIALISM.search(last_word):
        return True
    return last_word.rstrip(".").lower() in _ABBREVIATIONS


def derive_teaser(fragment, limit=TEASER_LENGTH):
    """Return whole sentences from the start of `fragment`'s first paragraph, up to `limit`.

    A first sentence longer than the limit is cut at a word boundary and marked with an ellipsis.
    """
    paragraph = plain(first_paragraph(fragment))
    if len(paragraph) <= limit:
        return paragraph
    teaser = ""
    for sentence in sentences(paragraph):
        if teaser and len(teaser) + 1 + len(sentence) > limit:
            break
        teaser = f"{teaser} {sentence}".strip()
    if len(teaser) > limit:
        teaser = teaser[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return teaser
