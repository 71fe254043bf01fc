"""What every page shows around its content: settings, sections, partners, staff publications.

It is read once and kept in the cache until the site's content changes (see pagecache).
"""

from django.core.cache import cache

from articles.models import PartnerSite, Section, StaffPublication

from .models import SiteSettings
from .pagecache import content_version

SITEWIDE_NAMES = ("site_settings", "sections", "partner_sites", "staff_publications")


def sitewide_content():
    """Return the settings, sections, partner sites and latest staff publications."""
    content = cache.get(f"sitewide:{content_version()}")
    if content is None:
        content = _load()
        # Loading may itself create the settings row, which changes the version.
        cache.set(f"sitewide:{content_version()}", content, timeout=24 * 60 * 60)
    return content


def _load():
    settings = SiteSettings.load()
    return {
        "site_settings": settings,
        "sections": list(Section.objects.all()),
        "partner_sites": list(PartnerSite.objects.all()),
        "staff_publications": list(
            StaffPublication.objects.all()[: settings.staff_publications_shown]
        ),
    }
