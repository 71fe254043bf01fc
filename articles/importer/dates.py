"""Dates as the publication wrote them: "7/16/2003", "08/05/13", "March 15th, 2016", "16 July
2003", and in a date line under a byline, "November 19th, the X" with the year left out.

An ambiguous numeric date (08/05/13: 5 August or 8 May) is decided by the item's own dates
first: the reading within two weeks of one of them wins. Where they leave a tie, the reading on
their weekday wins (issues appear on a fixed weekday); where that ties too, month first.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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
# "November 19th" with no year: only in a date line, where the item's date gives the year.
_NO_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?!,?\s*\d)", re.I)
_WEEKDAY = re.compile(r"^\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", re.I)
# After the date, a date line holds at most the publication's name: ", The CACI Analyst".
_DATE_LINE_REST = re.compile(r"^(?:\s*[,.;:–—-]\s*(?:\S+\s*){0,6})?\s*$")
DECIDING_DISTANCE = timedelta(days=14)


@dataclass
class FoundDate:
    day: date
    start: int
    end: int
    notes: list[str] = field(default_factory=list)


def find_date(text, dates=()):
    """Return the first date written in `text` as a FoundDate, or None."""
    candidates = []
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        if (match := pattern.search(text)) and (day := _named_month_date(match)):
            candidates.append(FoundDate(day, match.start(), match.end()))
    if (match := _NUMERIC.search(text)) and (found := _numeric_date(match, dates)):
        candidates.append(found)
    return min(candidates, key=lambda found: found.start, default=None)


def date_line(text, dates=()):
    """The date of a line that is only a date (and the publication's name), or None.

    "November 16th, 2015, The CACI Analyst", "July 8, 2022", "November 19th, the X".
    """
    text = _WEEKDAY.sub("", text or "")
    if len(text) > 100:
        return None
    found = find_date(text, dates) or _date_without_year(text, dates)
    if found is None or text[: found.start].strip() or not _DATE_LINE_REST.match(text[found.end :]):
        return None
    return found


def _date_without_year(text, dates):
    match = _NO_YEAR.search(text)
    if match is None or not dates:
        return None
    month = MONTHS_BY_PREFIX[match.group("month").lower()[:3]]
    near = _as_date(dates[-1])  # the date the item appeared on
    readings = [
        day
        for year in (near.year - 1, near.year, near.year + 1)
        if (day := _date(year, month, int(match.group("day"))))
    ]
    if not readings:
        return None
    day = min(readings, key=lambda day: abs(day - near))
    return FoundDate(day, match.start(), match.end())


def _named_month_date(match):
    month = MONTHS_BY_PREFIX[match.group("month").lower()[:3]]
    return _date(int(match.group("year")), month, int(match.group("day")))


def _numeric_date(match, dates):
    """Read "08/05/13": month first unless only day first is a date, or the item's dates say."""
    year = int(match.group("year"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    first, second = int(match.group("first")), int(match.group("second"))
    readings = list(
        dict.fromkeys(filter(None, [_date(year, first, second), _date(year, second, first)]))
    )
    if not readings:
        return None
    day, note = decide(readings, [_as_date(known) for known in dates if known], match.group(0))
    return FoundDate(day, match.start(), match.end(), [note] if note else [])


def decide(readings, dates, written):
    """Return (reading, note): the item's dates decide, then their weekday, then month first."""
    if len(readings) == 1:
        return readings[0], ""
    near = [
        day for day in readings if any(abs(day - known) <= DECIDING_DISTANCE for known in dates)
    ]
    if len(near) == 1:
        return near[0], ""
    # The last of the item's dates is the one it appeared on.
    on_weekday = [day for day in readings if dates and day.weekday() == dates[-1].weekday()]
    if len(on_weekday) == 1:
        return on_weekday[0], (
            f"ambiguous date {written} read as {on_weekday[0]:%-d %B %Y}, "
            f"the {on_weekday[0]:%A} its issues appeared on"
        )
    return readings[0], f"ambiguous date {written} read month first, as {readings[0]:%-d %B %Y}"


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


def _date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None
