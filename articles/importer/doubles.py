"""A lead printed twice: K2's intro above the text it repeats, a saved page's cut-off paragraph.

Two copies are compared on their letters and digits alone, so that spacing, markup, entities,
punctuation and a lost space after `BACKGROUND:` do not tell them apart.
"""

import re

from ..text.plain import first_paragraph, plain

_NOT_LETTERS = re.compile(r"[\W_]+")
# How old sites marked a lead cut off: "…", "...", "[…]", "Read more…", "(more)".
_CUT_MARKS = re.compile(
    r"(?:\s*(?:\.{3}|…|\[\s*(?:…|\.{3})?\s*\]|read\s+more\W*|\(more\)))+$", re.I
)
# A shorter lead that happens to open the text is a lede of its own, unless it is the whole
# first paragraph: "Kazakhstan." above "Kazakhstan has…" is no copy.
SHORTEST_CUT = 24


def letters(text):
    """The letters and digits of plain text, in lower case: what two copies share."""
    return _NOT_LETTERS.sub("", text.casefold())


def repeats_opening(lead, text, first=None):
    """Whether plain `lead` is the opening of plain `text` again, whole or cut off.

    `first()` gives the text's first paragraph, where the text has paragraphs.
    """
    lead_letters = letters(_CUT_MARKS.sub("", lead.strip()))
    if not lead_letters or not letters(text).startswith(lead_letters):
        return False
    if len(lead_letters) >= SHORTEST_CUT:
        return True
    return lead_letters == letters(first() if first else text)


def intro_repeats_text(intro, full):
    """Whether K2's intro (HTML) only repeats the start of the full text (HTML)."""
    lead = plain(intro)
    # The opening of the text is enough, and plain() over a whole article is slow.
    opening = plain(full[: 2 * len(intro) + 2000])
    if len(letters(opening)) < len(letters(lead)):
        opening = plain(full)
    return repeats_opening(lead, opening, first=lambda: plain(first_paragraph(full)))


def drop_doubled_opening(paragraphs):
    """Drop the first paragraph where the second one prints it again, cut off or whole."""
    if len(paragraphs) > 1 and repeats_opening(paragraphs[0], paragraphs[1]):
        return paragraphs[1:]
    return paragraphs
