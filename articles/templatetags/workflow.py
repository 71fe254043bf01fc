from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()


@register.filter
def publication_time(moment):
    """A time as editors read it: in the publication's zone, with the zone named."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    zone = settings.TIME_ZONE
    abbreviation = format_date(local, "T")
    named = zone if abbreviation == zone else f"{abbreviation}, {zone}"
    return f"{format_date(local, 'j F Y, H:i')} ({named})"
