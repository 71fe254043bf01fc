"""Shaping imported text: intro and full text, the three parts, the bio line, the byline."""

import html as html_module
import re

from django.utils.html import escape

from ..text.plain import plain
from .bylines import read_byline
from .doubles import intro_repeats_text

PART_NAMES = ("background", "implications", "conclusions")
_INLINE = r"(?:strong|b|em|i|span|u|font)"
# What may come before a part's heading in its paragraph: spaces, inline tags, an image glued
# to it (<img …>BACKGROUND:), perhaps linked, a line break.
_IMAGE = r"<img\b[^>]*>|<a\b[^>]*>\s*<img\b[^>]*>\s*</a>"
_IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.I)
_BEFORE_HEADING = rf"(?:\s|&nbsp;|</?{_INLINE}\b[^>]*>|<br\s*/?>|{_IMAGE})*"
# A paragraph that opens with a part's heading: <p><strong>BACKGROUND:</strong> During …; in
# text typed without paragraphs, the heading opens the text or follows a line break.
_PART_PARAGRAPH = re.compile(
    rf"(?P<open><p\b[^>]*>|<div\b[^>]*>|<br\s*/?>|^)(?P<lead>{_BEFORE_HEADING})"
    rf"(?P<name>BACKGROUND|IMPLICATIONS|CONCLUSIONS)(?P<mid>(?:\s|</{_INLINE}>)*):\s*"
    rf"(?P<close>(?:</{_INLINE}>\s*)*)",
    re.I,
)
# Or a heading of its own: <h3>BACKGROUND</h3>
_PART_HEADING = re.compile(
    r"<h[1-6]\b[^>]*>\s*(?:<[^>]+>\s*)*(?P<name>BACKGROUND|IMPLICATIONS|CONCLUSIONS)\s*:?"
    r"\s*(?:</[^>]+>\s*)*</h[1-6]>",
    re.I,
)
_EMPTY_INLINE = re.compile(rf"<(?P<tag>{_INLINE})\b[^>]*>\s*</(?P=tag)>", re.I)
_LEADING_SPACE = re.compile(r"(<p\b[^>]*>)\s+")
_EDGE_BREAKS = re.compile(r"^(?:\s|<br\s*/?>)+|(?:\s|<br\s*/?>)+$")
_BIO = re.compile(r"^\s*AUTHOR(?:S['’]|['’]S|S)?\s+BIO\s*:\s*", re.I)
# K2's split between intro and full text, as its editor and older Joomla wrote it.
_READ_MORE = re.compile(r"<hr\b[^>]*\bsystem-readmore\b[^>]*>|\{readmore\}", re.I)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&#?\w+;")
_WORD = re.compile(r"\w")
_LINE_END = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|td|th|tr|figcaption|div)>|<br\s*/?>", re.IGNORECASE
)
_BLOCK = re.compile(
    r"<(?P<tag>p|h[1-6]|blockquote|ul|ol|table|div|figure)\b.*?</(?P=tag)>", re.I | re.S
)


def paragraphs_html(lines):
    """Plain paragraphs as escaped HTML paragraphs."""
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())


def split_parts(html):
    """Return the text as {background, implications, conclusions} if it has all three, or None."""
    markers = sorted(
        [(match.start(), match) for match in _PART_PARAGRAPH.finditer(html)]
        + [(match.start(), match) for match in _PART_HEADING.finditer(html)],
        key=lambda pair: pair[0],
    )
    names = [match.group("name").lower() for _, match in markers]
    if names != list(PART_NAMES):
        return None
    parts = {}
    for index, (start, match) in enumerate(markers):
        end = markers[index + 1][0] if index + 1 < len(markers) else len(html)
        chunk = html[start:end]
        if match.re is _PART_PARAGRAPH:
            chunk = match.expand(r"\g<open>\g<lead>\g<mid>\g<close>") + chunk[match.end() - start :]
        else:
            chunk = chunk[match.end() - start :]
        chunk = _LEADING_SPACE.sub(r"\1", _without_empty_inline(chunk))
        parts[names[index]] = _EDGE_BREAKS.sub("", chunk)
    # Anything before the first heading belongs to the background.
    parts["background"] = html[: markers[0][0]].strip() + parts["background"]
    return parts


def _without_empty_inline(html):
    """Drop the inline tags a heading taken out leaves empty, nested ones too."""
    while (emptied := _EMPTY_INLINE.sub("", html)) != html:
        html = emptied
    return html


def take_byline(html, dates=()):
    """Return (byline, rest) if the text opens with a byline, else (None, html).

    The byline is the first paragraph, with the date line under it in the same paragraph or
    the next; `dates` are the item's own, to read an ambiguous date by.
    """
    blocks = _opening_blocks(html or "")
    for count in (2, 1):  # with the next paragraph, if the date line is all of it
        lines = [line for _, block_lines in blocks[:count] for line in block_lines]
        byline, used = read_byline(lines, dates=dates)
        if byline is not None and used == len(lines):
            for block, _ in reversed(blocks[:count]):
                html = html[: block.start()] + html[block.end() :]
            return byline, html.strip()
    return None, html


def _opening_blocks(html, count=2):
    """The first `count` blocks with text, each with its lines, if short enough for a byline."""
    blocks = []
    for block in _BLOCK.finditer(html):
        if len(block.group(0)) > 1000:
            break
        if lines := quick_lines(block.group(0)):
            blocks.append((block, lines))
        if len(blocks) == count:
            break
    return blocks


def has_words(html):
    """Whether HTML holds any word, tags and entities aside (quicker than plain() on a text)."""
    return bool(_WORD.search(_ENTITY.sub("", _TAG.sub(" ", html))))


def quick_lines(html):
    """A short piece of HTML as lines of plain text, split where blocks end and lines break."""
    pieces = (html_module.unescape(_TAG.sub("", piece)) for piece in _LINE_END.split(html))
    return [line for line in (" ".join(piece.split()) for piece in pieces) if line]


def take_bio(html):
    """Return (bio, rest): the AUTHOR'S / AUTHORS' BIO paragraph and what follows, taken out."""
    for block in _BLOCK.finditer(html or ""):
        if "BIO" not in block.group(0).upper():  # plain() is slow; most blocks are not the bio
            continue
        text = plain(block.group(0))
        if _BIO.match(text):
            after = [plain(later.group(0)) for later in _BLOCK.finditer(html, block.end())]
            bio = " ".join(filter(None, [_BIO.sub("", text, count=1), *after]))
            return bio.strip(), html[: block.start()].strip()
    return "", html


def join_intro(intro, full):
    """K2's text as its item page printed it: the intro, then the full text.

    An intro that only repeats the start of the full text is dropped; a lede of its own stays
    as the first paragraph. Read-more markers go: readers of the article page never saw them.
    """
    intro, full = _READ_MORE.sub("", intro or "").strip(), _READ_MORE.sub("", full or "").strip()
    if not has_words(full):
        return intro
    if has_words(intro) and not intro_repeats_text(intro, full):
        return intro + full
    # The copy goes, but not the pictures K2 printed with it.
    images = [image for image in _IMAGE_TAG.findall(intro) if image not in full]
    return (f"<p>{''.join(images)}</p>" if images else "") + full
