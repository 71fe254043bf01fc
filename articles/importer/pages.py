"""Saved article pages, as plain text: what a reader of the old site saw, top to bottom.

Print this page · CACI Analyst · Home · …      (what is above the dateline, left out)
Wednesday, 16 July 2003                       the dateline
THE KAZAKH MILITARY LOOKS WEST                the title
Published in Analytical Articles              the section
By Roger N. McDermott (7/16/2003 issue …)     the byline (a date may follow on its own line)
BACKGROUND: … / IMPLICATIONS: … / …           the text, the first paragraph perhaps doubled
AUTHORS' BIO: …                               the bio line
Read 5182 times                               the old read count; the sidebar follows
"""

import re
from pathlib import Path

from django.utils.text import slugify

from ..models import ArticleStatus
from .bylines import import_authors, parse_dateline, read_byline
from .doubles import drop_doubled_opening
from .item import ImportItem, ItemError
from .parts import paragraphs_html
from .repair import repair, repair_title

_SECTION = re.compile(r"^Published in\s+(?P<section>\S.*?)\s*$", re.I)
_READS = re.compile(r"^Read\s+(?P<count>\d[\d,.]*)\s+times?\s*$", re.I)
_BIO = re.compile(r"^AUTHOR(?:S['’]|['’]S|S)?\s+BIO\s*:\s*(?P<bio>.*)$", re.I)
# Where the article ends and the sidebar begins, on pages that print no read count.
_SIDEBAR = re.compile(r"^(?:Visit also|Staff Publications|Newsletter)\s*$", re.I)
# How far down a page its article may start, below the site's name, menu and print links.
_HEADER_LINES = 60
PAGE_SUFFIXES = (".txt", ".text")


def page_files(paths):
    """The page files named, and those inside the folders named, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES)
        else:
            yield path


def read_page(path):
    """Return the text of a saved page: UTF-8, or the Windows code page older tools wrote."""
    content = Path(path).read_bytes()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    return repair(text)


def parse_page(text, label):
    """Return the ImportItem a saved page describes; ItemError says what is missing."""
    lines = page_lines(text)
    published = parse_dateline(lines[0]) if lines else None
    if published is None:
        raise ItemError(label, _no_dateline(lines))
    if len(lines) > 1 and _SECTION.match(lines[1]):
        raise ItemError(
            label, f"no title: the line after the dateline is already {lines[1][:60]!r}"
        )
    if len(lines) < 3 or not _SECTION.match(lines[2]):
        found = lines[2][:60] if len(lines) > 2 else "nothing"
        raise ItemError(label, f"the third line should read 'Published in …', not {found!r}")
    if len(lines) < 4:
        raise ItemError(label, "ends after its 'Published in …' line: no byline, no text")
    title = repair_title(lines[1])
    item = ImportItem(
        source="pages",
        key=f"{published.isoformat()}/{slugify(title)[:200]}",
        label=label,
        title=title,
        slug=slugify(title)[:200],
        section=_SECTION.match(lines[2]).group("section"),
        status=ArticleStatus.PUBLISHED,
        published_at=published,
    )
    _read_text(item, lines[3:], published)
    return item


def page_lines(text):
    """The page's lines with text, from its dateline on.

    What a page prints above the article (a print view's "Print this page", the site's name and
    menu) goes: the article starts at the first dateline with a "Published in" line just below.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    for start, line in enumerate(lines[:_HEADER_LINES]):
        below = lines[start + 1 : start + 3]
        if parse_dateline(line) and any(_SECTION.match(each) for each in below):
            return lines[start:]
    return lines


def _no_dateline(lines):
    """Why a page does not open with its dateline, in the words that say what to do."""
    if not lines:
        return "empty: no text at all"
    if any(_SECTION.match(line) for line in lines[:4]):
        return f"the first line should be a dateline, not {lines[0][:60]!r}"
    return (
        f"it starts mid-page, at {lines[0][:60]!r}: a saved page opens with its dateline "
        "(such as 'Wednesday, 16 July 2003'), title and 'Published in …' line; save the whole page"
    )


def _read_text(item, lines, published):
    byline, text_start = read_byline(lines, dateline=published)
    if byline is not None:
        item.authors = import_authors(byline)
        item.issue_date, item.date_source = byline.issue_date, byline.date_source
        item.warnings += byline.notes
    else:
        item.warnings.append("no byline: imported without authors")
    if not item.issue_date:
        item.issue_date, item.date_source = published, "dateline"
    paragraphs = []
    for line in lines[text_start:]:
        if reads := _READS.match(line):
            item.legacy_reads = int(re.sub(r"\D", "", reads.group("count")))
            break
        if _SIDEBAR.match(line):
            break
        if bio := _BIO.match(line):
            item.bio = bio.group("bio")
            continue
        if item.bio:
            item.bio = f"{item.bio} {line}"
        else:
            paragraphs.append(line)
    if not paragraphs:
        raise ItemError(item.label, "no text between the byline and the read count")
    item.body = paragraphs_html(drop_doubled_opening(paragraphs))
