"""What every template is given: the site-wide content, and the canonical site address."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .sitewide import SITEWIDE_NAMES, sitewide_content


def site(request):
    """Put the site-wide content and the canonical site address in every template.

    Each piece is loaded only by a template that uses it (sitemaps and feeds never do).
    """
    lazy = {name: SimpleLazyObject(_getter(request, name)) for name in SITEWIDE_NAMES}
    return {**lazy, "SITE_URL": settings.SITE_URL}


def _getter(request, name):
    return lambda: sitewide_content(request)[name]
