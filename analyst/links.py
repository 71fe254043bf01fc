"""Absolute addresses on this site, for feeds, email and metadata: from SITE_URL, not the host."""

import unicodedata
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def absolute_url(target):
    """The absolute address of a path (“/issues/”) or of an object with get_absolute_url()."""
    path = target if isinstance(target, str) else target.get_absolute_url()
    if path.startswith(("https://", "http://")):
        return path  # already absolute: media on object storage, say
    return f"{settings.SITE_URL}{path}"


# Characters a browser drops or reads as a separator inside an address: controls, invisible
# format characters, line and paragraph separators, and the backslash it takes for a slash.
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def site_path(address):
    """The path of `address` on this site, or None if a browser could take it anywhere else.

    A path (“/issues/?page=2”) or an absolute address on SITE_URL's own origin, which gives its
    path. Refused: other hosts, scheme-relative (“//host”, “/\\host”) and scheme-only
    (“https:host”) addresses, backslashes, control and invisible characters, in the address or
    in its percent-decoded form.
    """
    address = address.strip()
    own_origin = settings.SITE_URL.rstrip("/")
    if address.lower().startswith(own_origin.lower() + "/"):
        address = address[len(own_origin) :]
    if all(_stays_on_this_site(form) for form in (address, unquote(address))):
        return address
    return None


def _stays_on_this_site(address):
    return (
        address.startswith("/")
        and "\\" not in address
        and not any(unicodedata.category(character) in _UNSAFE_CATEGORIES for character in address)
        and url_has_allowed_host_and_scheme(address, allowed_hosts=None)
        and not urlsplit(address).netloc
    )
