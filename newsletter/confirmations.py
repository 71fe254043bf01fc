"""The double opt-in email: sent by the worker, and tried again when the server is briefly unable.

A confirmation that fails for a temporary reason (the mail server unreachable, busy or
answering 4xx, a dropped connection) is tried again after 1, 5, 15 and 60 minutes, five
attempts in all; one refused for good (5xx, or an address no server takes) is not. Either way
the subscriber's row says what happened and why, and the admin shows it.
"""

import smtplib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import content
from .addresses import validate_address

RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60)  # seconds, after the 1st, 2nd, … attempt
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def send(subscriber, attempt):
    """Send the confirmation email; when to try again (None: sent, or not worth trying)."""
    try:
        validate_address(subscriber.email)
        content.confirmation_message(subscriber).send()
    except ValidationError as error:
        reason, temporary = f"Not an address we can send to: {' '.join(error.messages)}", False
    except (smtplib.SMTPException, OSError) as error:
        reason, temporary = describe(error)
    else:
        subscriber.confirmation_sent(attempt)
        return None
    retry_at = None
    if temporary and attempt < MAX_ATTEMPTS:
        retry_at = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
    elif temporary:
        reason = f"Gave up after {attempt} attempts: {reason}"
    subscriber.confirmation_failed(attempt, reason, retry_at)
    return retry_at


def describe(error):
    """What went wrong, in the server's words, and whether it may pass."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, reply = error.smtp_code, error.smtp_error
    else:  # unreachable, refused or dropped connection, timeout
        return f"{type(error).__name__}: {error}", True
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return f"{code} {reply}", code < 500
