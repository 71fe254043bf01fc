"""Bylines in every form the publication used, and the dates inside and under them.

    By A (7/16/2003 issue of the X)        By A & B (…)        By A and B (…)
    by A (the 08/21/13 issue of the X)     By A (March 15th, 2016, The X)
    By A, Tbilisi (…)                      By A, University of X (…)     ByA (…)
    By A                                   A                 (a name alone, above a date line)
    November 30, 2023                      November 19th, the X

The part after a comma is the author's affiliation for that article, unless it is more names.
Numeric dates were written month first, mostly: where day first reads as a date too, the
item's own dates decide; the weekday of its dateline (issues appear on a fixed weekday) breaks
a tie they leave.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .dates import date_line, find_date
from .item import ImportAuthor

# "By A", "by A", "BY A", and "ByA" glued (but not "Byzantium" or "BYPASSING").
_BY = re.compile(r"^\s*(?:(?i:by)\s+|By(?=[A-Z][a-z]))(?P<rest>\S.*)$", re.S)
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:&|,|;|\band\b)\s*", re.I)
_NAME_SUFFIX = re.compile(r"^(?:jr|sr|ph\.?\s?d|m\.?d|ii|iii|iv)\.?$", re.I)
_MORE_NAMES = re.compile(r"&|\band\b", re.I)
_INSTITUTION = re.compile(
    r"\b(?:universit\w*|institut\w*|college|cent(?:er|re)|school|academy|foundation|council|"
    r"department|ministry|program(?:me)?|project|fund|society|agency|office|association|"
    r"initiative|forum|commission|embassy|studies|research|of)\b",
    re.I,
)
# A name alone on its line: two to five words, capitalised or a particle, no digits.
_NAME = re.compile(
    r"^(?:(?:[A-Z][\w'’.-]*|de|van|von|der|al|bin|ibn|la|le|du|da|di)\s+){1,4}[A-Z][\w'’.-]*$"
)
_DATELINE = re.compile(r"^\s*(?P<weekday>[a-z]+day),\s+(?P<date>.+?)\s*$", re.I)
# Names that old systems put where no author was given.
PLACEHOLDER_NAMES = {
    "", "-", "--", "empty", "none", "null", "n/a", "na", "unknown", "anonymous", "admin",
    "administrator", "super user", "superuser", "webmaster", "editor", "staff",
}  # fmt: skip


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    issue_date: date | None = None
    # name → affiliation, for the authors whose byline gave one.
    affiliations: dict[str, str] = field(default_factory=dict)
    date_source: str = ""
    notes: list[str] = field(default_factory=list)


def is_placeholder(name):
    return " ".join(name.split()).lower() in PLACEHOLDER_NAMES


def split_authors(names):
    """Split "A & B", "A and B" or "A, B and C" into names, leaving out placeholders."""
    parts = (" ".join(part.split()) for part in _AUTHOR_SEPARATOR.split(names or ""))
    return [part for part in parts if not is_placeholder(part)]


def parse_byline(text, dateline=None, dates=()):
    """Return the authors and issue date of a byline, or None if `text` is not one.

    `dates` are the item's own dates (created, published), `dateline` the date it appeared.
    """
    match = _BY.match(" ".join((text or "").split()))
    if not match:
        return None
    return parse_names_and_date(match.group("rest"), _known(dates, dateline))


def parse_alias(alias, dates=()):
    """K2's created_by_alias: names, perhaps with "By", an affiliation, the issue parenthesis."""
    dates = _known(dates)
    return parse_byline(alias, dates=dates) or parse_names_and_date(" ".join(alias.split()), dates)


def _known(dates, dateline=None):
    """The item's dates that it has, the one it appeared on last."""
    return [day for day in [*dates, dateline] if day]


def parse_names_and_date(text, dates=()):
    """Read "A, Place (7/16/2003 issue of the X)": names, affiliations and the issue date."""
    found = find_date(text, dates)
    names = text[: found.start] if found else text.split("(", 1)[0]
    names = re.sub(r"[\s,(–—-]*(?:\bthe)?[\s,(–—-]*$", "", names, flags=re.I)
    byline = Byline()
    if found:
        byline.issue_date, byline.date_source = found.day, "byline"
        byline.notes += found.notes
    _read_names(names, byline)
    return byline


def _read_names(names, byline):
    """Fill in the authors and affiliations of "A, X and B", "A, University of X", "A, Osh"."""
    segments = [" ".join(segment.split()) for segment in names.split(",")]
    byline.authors = split_authors(segments[0])
    for segment in segments[1:]:
        if byline.authors and _NAME_SUFFIX.match(segment):
            byline.authors[-1] = f"{byline.authors[-1]}, {segment}"
        elif byline.authors and _is_affiliation(segment, only_one=len(segments) == 2):
            author = byline.authors[-1]
            byline.affiliations[author] = segment
            if not _INSTITUTION.search(segment):  # a place, most likely; or a name after all
                byline.notes.append(f"affiliation “{segment}” of {author} guessed from the byline")
        else:
            byline.authors += split_authors(segment)


def _is_affiliation(segment, only_one):
    """An institution, or a lone place after one name: not names, "B and C" in a list."""
    if _INSTITUTION.search(segment):
        return True
    return only_one and not _MORE_NAMES.search(segment) and bool(segment)


def read_byline(lines, dateline=None, dates=()):
    """Read the byline at the top of an article's lines: return it and how many lines it took.

    The byline may be followed by a date line, or be a name alone above a date line.
    """
    dates = _known(dates, dateline)
    byline = parse_byline(lines[0], dates=dates) if lines else None
    under = date_line(lines[1], dates) if len(lines) > 1 else None
    if byline is None:
        if under is None or not _NAME.match(lines[0]) or is_placeholder(lines[0]):
            return None, 0
        byline = Byline(authors=[lines[0]])
    if under is None:
        return byline, 1
    if byline.issue_date is None:
        byline.issue_date, byline.date_source = under.day, "date line"
        byline.notes += under.notes
    return byline, 2


def import_authors(byline):
    """The byline's authors as the importer hands them on, each with its affiliation."""
    return [
        ImportAuthor(name, affiliation=byline.affiliations.get(name, "")) for name in byline.authors
    ]


def parse_dateline(text):
    """Return the date of a dateline such as "Wednesday, 16 July 2003", or None."""
    match = _DATELINE.match(text or "")
    if not match:
        return None
    for form in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(match.group("date"), form).date()
        except ValueError:
            continue
    found = find_date(match.group("date"))
    return found.day if found else None
