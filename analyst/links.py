"""Absolute addresses on this site, for feeds, email and metadata: from SITE_URL, not the host."""

from django.conf import settings


def absolute_url(target):
    """The absolute address of a path (“/issues/”) or of an object with get_absolute_url()."""
    path = target if isinstance(target, str) else target.get_absolute_url()
    if path.startswith(("https://", "http://")):
        return path  # already absolute: media on object storage, say
    return f"{settings.SITE_URL}{path}"
