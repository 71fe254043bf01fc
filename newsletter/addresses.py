"""Email addresses we accept for the newsletter, and header text we are willing to send.

Django's own validator takes what RFC 5322 allows, which is more than a mail server will take
from us: quoted local parts holding control characters (`"pois\\x0bon"@…`), `localhost`, and
address literals (`user@[192.0.2.1]`). Such an address, once stored, fails at every send. So
every way in (the signup form, the CSV import, the admin's model forms) goes through
`validate_address`, which takes only the plain `name@domain.tld` form that mail is really sent
to. Header text built from settings and site settings (a publication's name with a stray line
separator) goes through `header_text`, because one bad header stops every message.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_LENGTH = 254
MAX_LOCAL_LENGTH = 64
# The dot-atom of RFC 5322 in ASCII: no quoted strings, no comments.
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
# Names that never reach a mailbox on the internet (RFC 6761, RFC 6762).
_LOCAL_ONLY = ("localhost", "localdomain", "local", "invalid")


def printable(text):
    """Whether text has no control, format, line or paragraph separator characters."""
    return all(character.isprintable() for character in text)


def validate_address(value):
    """Accept only an address a mail server will take: plain name@domain.tld, no oddities."""
    if not printable(value) or any(character.isspace() for character in value):
        raise ValidationError(
            "An email address cannot contain spaces or invisible characters.", code="characters"
        )
    if len(value) > MAX_LENGTH:
        raise ValidationError("This address is too long to be an email address.", code="length")
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        raise ValidationError("Enter a complete email address.", code="invalid")
    check_local_part(local)
    check_domain(domain)
    validate_email(value)


def check_local_part(local):
    if len(local) > MAX_LOCAL_LENGTH or not _LOCAL_PART.fullmatch(local):
        raise ValidationError(
            "The part before the @ can hold only letters, digits, dots and - _ + signs "
            "(no quotes, no accented letters).",
            code="local_part",
        )


def check_domain(domain):
    if domain.startswith("["):
        raise ValidationError(
            "Enter an address with a domain name, not a network address in brackets.",
            code="address_literal",
        )
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise ValidationError("The domain of this address is not valid.", code="domain") from error
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValidationError(
            "The domain of this address is not valid: it needs a name and an ending, "
            "like example.org.",
            code="domain",
        )
    if labels[-1].isdigit():
        raise ValidationError(
            "Enter an address with a domain name, not a network address.", code="address_literal"
        )
    if labels[-1] in _LOCAL_ONLY:
        raise ValidationError(
            f"Addresses at “{domain}” cannot receive mail from the internet.", code="local_domain"
        )


def is_valid_address(value):
    try:
        validate_address(value)
    except ValidationError:
        return False
    return True


def header_text(value):
    """Text for a mail header: every control or separator character becomes one space."""
    text = "".join(
        character if character.isprintable() and not character.isspace() else " "
        for character in str(value)
    )
    return " ".join(text.split())
