"""Who is asking: the client's network address, by one rule for the counter and every limit."""

import ipaddress

from django.conf import settings


def client_address(request):
    """The client's address; behind a trusted proxy, the one the proxy appended.

    The left-most entries of X-Forwarded-For are whatever the client sent, so only the last
    one, written by our own proxy, is believed, and only when it is an address: anything else
    reached us around the proxy, which is then the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        appended = request.headers.get("X-Forwarded-For", "").rsplit(",", 1)[-1].strip()
        if is_address(appended):
            return appended
    return remote


def is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
