"""The envelope sender of each campaign message: the bounce address, naming its delivery, signed.

A mail server that cannot deliver a message reports it to the envelope sender, so each message
goes out from `bounces+<delivery id>-<signature>@<domain>` (VERP) and the address a report comes
back to says which delivery it is about. The signature is a keyed hash of the id (SECRET_KEY),
so no one can make up the address of a delivery, or turn one into another's. It is lowercase
hex because some mail servers change the case of the part before the @.
"""

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SIGNATURE_LENGTH = 24  # hex digits: 96 bits
_SALT = "newsletter.return-path"


def bounce_address():
    """The address without a delivery: where test sends and feedback-loop reports go."""
    return f"{settings.NEWSLETTER_BOUNCE_LOCAL_PART}@{settings.NEWSLETTER_BOUNCE_DOMAIN}"


def return_path(delivery_id):
    """The envelope sender of the message of this delivery."""
    local, domain = settings.NEWSLETTER_BOUNCE_LOCAL_PART, settings.NEWSLETTER_BOUNCE_DOMAIN
    return f"{local}+{delivery_id}-{_signature(delivery_id)}@{domain}"


def is_bounce_address(address):
    """Whether mail to this address is ours to take: the bounce address, with or without a token."""
    local, domain = _split(address)
    base = settings.NEWSLETTER_BOUNCE_LOCAL_PART.lower()
    return domain == settings.NEWSLETTER_BOUNCE_DOMAIN.lower() and (
        local == base or local.startswith(f"{base}+")
    )


def delivery_of(address):
    """The delivery id a return path names, or None if it names none or its signature is wrong."""
    if not is_bounce_address(address):
        return None
    local, _ = _split(address)
    token = local.partition("+")[2]
    match = re.fullmatch(r"([1-9][0-9]{0,18})-([0-9a-f]+)", token)
    if match is None:
        return None
    delivery_id, signature = int(match[1]), match[2]
    if not constant_time_compare(signature, _signature(delivery_id)):
        return None
    return delivery_id


def find_return_paths(text):
    """Every signed return path of ours that appears in a text (headers of a report, its parts)."""
    base = re.escape(settings.NEWSLETTER_BOUNCE_LOCAL_PART)
    domain = re.escape(settings.NEWSLETTER_BOUNCE_DOMAIN)
    pattern = rf"(?i)(?<![\w.+-]){base}\+[0-9]+-[0-9a-f]+@{domain}(?![\w-])"
    return [found.group(0) for found in re.finditer(pattern, text)]


def _signature(delivery_id):
    digest = salted_hmac(_SALT, str(delivery_id), algorithm="sha256").hexdigest()
    return digest[:SIGNATURE_LENGTH]


def _split(address):
    local, _, domain = address.strip().strip("<>").rpartition("@")
    return local.lower(), domain.lower()
