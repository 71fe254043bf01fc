from django.conf import settings

from .sitewide import sitewide_content


def site(request):
    """Put the site-wide content and the canonical site address in every template."""
    return {**sitewide_content(), "SITE_URL": settings.SITE_URL}
