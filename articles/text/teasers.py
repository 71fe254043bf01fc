"""Teasers: whole sentences from the start of an article's first paragraph."""

import re

from .plain import first_paragraph, plain

TEASER_LENGTH = 300

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
