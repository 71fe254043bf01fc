"""Signing up: one answer for every address, a rate limit, and a cap on confirmation emails.

Whatever the address's state (new, pending, confirmed, unsubscribed), the visitor sees the same
answer, so the form cannot be used to find out who subscribes. The limits live in the cache
(Redis in production), keyed by keyed hashes so that no address is stored there in clear.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from analyst.clients import client_address

from . import tasks

SIGNUPS_PER_ADDRESS_PER_HOUR = 5
SIGNUPS_PER_IP_PER_HOUR = 20
CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3
HOUR = 60 * 60
DAY = 24 * HOUR


def keyed_hash(purpose, value):
    return salted_hmac(f"analyst.newsletter.{purpose}", value, algorithm="sha256").hexdigest()


def over_rate_limit(request, email):
    """Count this attempt; True once the address or the network address tried too often."""
    ip = client_address(request)
    # `|`, not `or`: both counters count every attempt.
    return _over(f"nl:ip:{keyed_hash('ip', ip)}", SIGNUPS_PER_IP_PER_HOUR, HOUR) | _over(
        f"nl:addr:{keyed_hash('email', email)}", SIGNUPS_PER_ADDRESS_PER_HOUR, HOUR
    )


def _over(key, limit, window):
    """Increment a counter that lives `window` seconds from its first hit."""
    if cache.add(key, 1, timeout=window):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return False


def sign_up(request, email, source):
    """Queue the request to subscribe for the worker, which records it and mails the link.

    The answer then costs the same whatever the address's state (new, pending, confirmed,
    unsubscribed): the same counters in the cache and one task queued, with no look at the
    subscriber at all. A signup that read or wrote the subscriber before answering would take
    longer for some states than for others, and so tell them apart; the worker does that
    work afterwards, and skips the email for an address with nothing to confirm.
    """
    address_hash = keyed_hash("consent-address", client_address(request))
    tasks.record_signup.enqueue(email, source, address_hash, confirm=may_send_confirmation(email))


def may_send_confirmation(email):
    """Count one confirmation email to this address; False past the day's cap."""
    key = f"nl:confirm:{keyed_hash('email', email)}"
    return not _over(key, CONFIRMATIONS_PER_ADDRESS_PER_DAY, DAY)
