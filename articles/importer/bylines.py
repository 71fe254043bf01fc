"""Bylines in every form the publication used, and the dates inside them.

    By A (7/16/2003 issue of the X)        By A & B (…)        By A and B (…)
    by A (the 08/21/13 issue of the X)     By A (March 15th, 2016, The X)
    By A                                   (with the date on its own line:)
    November 30, 2023

Numeric dates were written month first, mostly: where day-first reads as a date too, the one
that falls on the dateline's weekday (issues appear on a fixed weekday) wins.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTHS_BY_PREFIX = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_FIRST = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})\b", re.I
)
_DAY_FIRST = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.I)
_NUMERIC = re.compile(r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4}|\d{2})\b")
_BY = re.compile(r"^\s*by\s+(?P<rest>\S.*)$", re.I | re.S)
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:&|,|;|\band\b)\s*", re.I)
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


def is_placeholder(name):
    return " ".join(name.split()).lower() in PLACEHOLDER_NAMES


def split_authors(names):
    """Split "A & B", "A and B" or "A, B and C" into names, leaving out placeholders."""
    parts = (" ".join(part.split()) for part in _AUTHOR_SEPARATOR.split(names or ""))
    return [part for part in parts if not is_placeholder(part)]


def parse_byline(text, dateline=None):
    """Return the authors and issue date of a byline, or None if `text` is not one."""
    match = _BY.match(" ".join((text or "").split()))
    if not match:
        return None
    rest = match.group("rest")
    found = find_date(rest, near=dateline)
    names = rest[: found[1]] if found else rest.split("(", 1)[0]
    names = re.sub(r"[\s,(–—-]*(?:\bthe)?[\s,(–—-]*$", "", names, flags=re.I)
    return Byline(authors=split_authors(names), issue_date=found[0] if found else None)


def is_date_line(text):
    """Whether a line is only a date, as in "November 30, 2023" or "March 15th, 2016, The X"."""
    found = find_date(text)
    return bool(found) and found[1] <= 6 and len(text) < 100


def find_date(text, near=None):
    """Return (date, start) of the first date written in `text`, or None."""
    candidates = []
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        if (match := pattern.search(text)) and (day := _named_month_date(match)):
            candidates.append((match.start(), day))
    if (match := _NUMERIC.search(text)) and (day := numeric_date(match, near)):
        candidates.append((match.start(), day))
    if not candidates:
        return None
    start, day = min(candidates, key=lambda candidate: candidate[0])
    return day, start


def _named_month_date(match):
    month = MONTHS_BY_PREFIX[match.group("month").lower()[:3]]
    return _date(int(match.group("year")), month, int(match.group("day")))


def numeric_date(match, near=None):
    """Read "08/05/13": month first unless only day first is a date, or it fits `near` better."""
    year = int(match.group("year"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    first, second = int(match.group("first")), int(match.group("second"))
    readings = [day for day in (_date(year, first, second), _date(year, second, first)) if day]
    if not readings:
        return None
    if near is None or len(readings) == 1:
        return readings[0]
    same_weekday = [day for day in readings if day.weekday() == near.weekday()]
    if len(same_weekday) == 1:
        return same_weekday[0]
    return min(readings, key=lambda day: abs((day - near).days))


def _date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


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
    return found[0] if found else None
