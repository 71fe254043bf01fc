"""Who is asking: the client's network address, by one rule for the counter and every limit."""

from django.conf import settings


def client_address(request):
    """The client's address; behind a trusted proxy, the one the proxy appended.

    The left-most entries of X-Forwarded-For are whatever the client sent, so only the last
    one, written by our own proxy, is believed.
    """
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
