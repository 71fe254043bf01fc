"""What every page shows around its content: settings, sections, partners, staff publications.

It is read once and kept in the cache until one of them changes (the version every page shows,
see analyst.versions).
"""

from django.core.cache import cache

from analyst import versions
from analyst.fragments import remember
from analyst.models import SiteSettings

from ..models import PartnerSite, Section, StaffPublication

SITEWIDE_NAMES = ("site_settings", "sections", "partner_sites", "staff_publications")


def sitewide_content(request=None):
    """Return the settings, sections, partner sites and latest staff publications.

    Kept in this process's memory for the content version, and in the shared cache for the
    other processes.
    """
    return remember(request, ("sitewide",), lambda: _shared(request))


def _shared(request):
    key = f"sitewide:{versions.current([versions.SITE])[versions.SITE]}"
    content = cache.get(key)
    if content is None:
        content = _load()
        cache.set(key, content, timeout=24 * 60 * 60)
    return content


def _load():
    settings = SiteSettings.load()
    return {
        "site_settings": settings,
        "sections": list(Section.objects.listed()),
        "partner_sites": list(PartnerSite.objects.all()),
        "staff_publications": list(
            StaffPublication.objects.all()[: settings.staff_publications_shown]
        ),
    }
