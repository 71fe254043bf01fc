"""Signed links in newsletter email: confirm (expires after 7 days) and unsubscribe (never).

Tokens carry the subscriber's id only, so no address appears in a link or a server log.
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
    return _confirm_signer.sign(str(subscriber.pk))


def read_confirm_token(token):
    """Return the subscriber id a confirmation token stands for, or raise Expired or Invalid."""
    try:
        return int(_confirm_signer.unsign(token, max_age=CONFIRM_MAX_AGE))
    except signing.SignatureExpired:
        return _raise_expired(token)
    except (signing.BadSignature, ValueError) as error:
        raise Invalid from error


def _raise_expired(token):
    subscriber_id = int(_confirm_signer.unsign(token))
    raise Expired(subscriber_id)


def unsubscribe_token(subscriber_id):
    return _unsubscribe_signer.sign(str(subscriber_id))


def read_unsubscribe_token(token):
    try:
        return int(_unsubscribe_signer.unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise Invalid from error
