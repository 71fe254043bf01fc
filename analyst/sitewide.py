"""What every page shows around its content: settings, sections, partners, staff publications.

It is read once and kept in the cache until an editor changes one of them.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from articles.models import PartnerSite, Section, StaffPublication

from .models import SiteSettings

CACHE_KEY = "sitewide:v1"


def sitewide_content():
    """Return the settings, partner sites and latest staff publications, from the cache."""
    content = cache.get(CACHE_KEY)
    if content is None:
        content = _load()
        cache.set(CACHE_KEY, content, timeout=None)
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


def forget_sitewide_content(**kwargs):
    cache.delete(CACHE_KEY)


for model in (SiteSettings, Section, PartnerSite, StaffPublication):
    post_save.connect(forget_sitewide_content, sender=model, dispatch_uid=f"sitewide-{model}")
    post_delete.connect(forget_sitewide_content, sender=model, dispatch_uid=f"sitewide-d-{model}")
