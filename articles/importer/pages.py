"""Saved article pages, as plain text: what a reader of the old site saw, top to bottom.

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
from .bylines import is_date_line, parse_byline, parse_dateline
from .doubles import drop_doubled_opening
from .item import ImportAuthor, ImportItem, ItemError
from .parts import paragraphs_html
from .repair import repair, repair_title

_SECTION = re.compile(r"^Published in\s+(?P<section>\S.*?)\s*$", re.I)
_READS = re.compile(r"^Read\s+(?P<count>\d[\d,.]*)\s+times?\s*$", re.I)
_BIO = re.compile(r"^AUTHOR(?:S['’]|['’]S|S)?\s+BIO\s*:\s*(?P<bio>.*)$", re.I)
# Where the article ends and the sidebar begins, on pages that print no read count.
_SIDEBAR = re.compile(r"^(?:Visit also|Staff Publications|Newsletter)\s*$", re.I)
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
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 4:
        raise ItemError(label, "too short to be an article page")
    published = parse_dateline(lines[0])
    if published is None:
        raise ItemError(label, f"the first line should be a dateline, not {lines[0][:60]!r}")
    title = repair_title(lines[1])
    section = _SECTION.match(lines[2])
    if section is None:
        found = lines[2][:60]
        raise ItemError(label, f"the third line should read 'Published in …', not {found!r}")
    item = ImportItem(
        source="pages",
        key=f"{published.isoformat()}/{slugify(title)[:200]}",
        label=label,
        title=title,
        slug=slugify(title)[:200],
        section=section.group("section"),
        status=ArticleStatus.PUBLISHED,
        published_at=published,
    )
    _read_text(item, lines[3:], published)
    return item


def _read_text(item, lines, published):
    text_start = 0
    byline = parse_byline(lines[0], dateline=published)
    if byline is not None:
        text_start = 1
        if not byline.issue_date and len(lines) > 1 and is_date_line(lines[1]):
            byline = parse_byline(f"{lines[0]} {lines[1]}", dateline=published)
            text_start = 2
        item.authors = [ImportAuthor(name) for name in byline.authors]
        item.issue_date = byline.issue_date
    else:
        item.warnings.append("no byline: imported without authors")
    if not item.issue_date:
        item.issue_date = published
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
