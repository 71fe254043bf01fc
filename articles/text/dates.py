"""Times as editors read them: in the publication's zone, with the zone named."""

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date


def publication_time(moment):
    """“16 July 2003, 09:00 (CEST, Europe/Stockholm)”; a dash for no time."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    zone = settings.TIME_ZONE
    abbreviation = format_date(local, "T")
    named = zone if abbreviation == zone else f"{abbreviation}, {zone}"
    return f"{format_date(local, 'j F Y, H:i')} ({named})"
