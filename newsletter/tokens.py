"""Signed links in newsletter email: confirm (expires after 7 days) and unsubscribe (never).

Tokens carry the subscriber's id only, so no address appears in a link or a server log; a
confirmation token also carries the signup round it was sent in (the subscriber's token
generation), so that a link mailed before an unsubscribe does not confirm a later signup.
Unsubscribe links do not expire: an old issue in someone's inbox must still let them leave.
"""

from datetime import timedelta

from django.core import signing

CONFIRM_MAX_AGE = timedelta(days=7)
_confirm_signer = signing.TimestampSigner(salt="newsletter.confirm")
_unsubscribe_signer = signing.Signer(salt="newsletter.unsubscribe")


class Expired(Exception):
    """A genuine confirmation link that is too old; `subscriber_id` says whose it was."""

    def __init__(self, subscriber_id):
        super().__init__("The confirmation link has expired.")
        self.subscriber_id = subscriber_id


class Invalid(Exception):
    """A link that was not made by us, or was changed on the way."""


def confirm_token(subscriber):
    return _confirm_signer.sign(f"{subscriber.pk}-{subscriber.token_generation}")


def read_confirm_token(token):
    """(subscriber id, token generation) of a confirmation token; Expired or Invalid if not."""
    try:
        return _parse(_confirm_signer.unsign(token, max_age=CONFIRM_MAX_AGE))
    except signing.SignatureExpired:
        return _raise_expired(token)
    except (signing.BadSignature, ValueError) as error:
        raise Invalid from error


def _parse(value):
    """ "12-3": subscriber 12, generation 3; "12" (links sent before generations): generation 1."""
    subscriber_id, _, generation = value.partition("-")
    return int(subscriber_id), int(generation or 1)


def _raise_expired(token):
    subscriber_id, _ = _parse(_confirm_signer.unsign(token))
    raise Expired(subscriber_id)


def unsubscribe_token(subscriber_id):
    return _unsubscribe_signer.sign(str(subscriber_id))


def read_unsubscribe_token(token):
    try:
        return int(_unsubscribe_signer.unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise Invalid from error
