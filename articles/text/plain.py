"""Article HTML read as plain text: one line, its paragraphs, its first paragraph, its words."""

import html
import re

from django.utils.html import strip_tags

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")
_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|td|th|tr|figcaption|div)>|<br\s*/?>", re.IGNORECASE
)


def plain(fragment):
    """Return an HTML fragment as one line of plain text, a space where a block ends."""
    spaced = _BLOCK_END.sub(" ", fragment)
    return _SPACE.sub(" ", html.unescape(strip_tags(spaced))).strip()


def paragraphs(fragment):
    """Return an HTML fragment's blocks (paragraphs, items, headings…) as lines of plain text."""
    return [line for line in map(plain, _BLOCK_END.split(fragment or "")) if line]


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
