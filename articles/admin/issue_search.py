"""Finding an issue as editors name it: by date words (“18 November 2026”, “Nov 2026”,
“2026-11-18”), by its number (“no. 22”, “22”) or volume (“vol. 28”)."""

import re
from datetime import date

from django.db.models import Q

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_VOLUME = re.compile(r"^vol\.?$", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:no|number|nr)\.?$", re.IGNORECASE)


def matching(queryset, search_term):
    """The issues whose date, volume and number fit every word, or None if a word is not one."""
    condition, after = Q(), None
    for word in search_term.replace(",", " ").split():
        lowered = word.lower().rstrip(".")
        if after is not None and word.isdigit():
            condition &= Q(**{after: int(word)})
            after = None
        elif _VOLUME.match(word):
            after = "volume"
        elif _NUMBER.match(word):
            after = "number"
        elif lowered in MONTHS:
            condition &= Q(date__month=MONTHS[lowered])
        elif _ISO_DATE.match(word):
            condition &= _on_day(word)
        elif word.isdigit() and len(word) == 4:
            condition &= Q(date__year=int(word))
        elif word.isdigit() and int(word) <= 31:
            condition &= Q(date__day=int(word)) | Q(number=int(word))
        else:
            return None
    return queryset.filter(condition) if condition else None


def _on_day(word):
    try:
        return Q(date=date.fromisoformat("-".join(part.zfill(2) for part in word.split("-"))))
    except ValueError:
        return Q(pk__in=[])
