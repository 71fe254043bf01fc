"""Reading what comes back by mail: delivery status notifications and feedback-loop complaints.

A report is worth acting on only when it names one of our deliveries by its signed return
path (`returnpath.py`) and says what happened: a DSN (RFC 3464) or another bounce format GNU
Mailman's detectors know (flufl.bounce), or a complaint in the Abuse Reporting Format (RFC
5965). Anything else — too big, not UTF-8, cut short, a return path altered or of another
delivery, a report about another address — is `Unusable`, with the reason, and changes nothing.
"""

import email
import email.errors
import email.policy
import hashlib
import re
from dataclasses import dataclass

from flufl.bounce import all_failures

from . import returnpath
from .models import DeliveryReport

MAX_SIZE = 1024 * 1024
Kind = DeliveryReport.Kind
# Where a report names the address it was sent to, which is the return path of the delivery.
_ADDRESSED_TO = ("Delivered-To", "X-Original-To", "Envelope-To", "To")
_CUT_SHORT = (email.errors.StartBoundaryNotFoundDefect, email.errors.CloseBoundaryNotFoundDefect)
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# Complaints a feedback loop sends; "not-spam" is the opposite of a complaint.
_NOT_COMPLAINTS = {"not-spam"}


class Unusable(Exception):
    """A message that is not a report we can act on; the reason is its text."""


@dataclass(frozen=True)
class Report:
    kind: str
    delivery_id: int
    status: str
    diagnostic: str
    recipients: frozenset  # the addresses the report says failed (lowercase), if it names any
    raw: str
    digest: str


def parse(raw, envelope_recipients=()):
    """The report in these bytes, addressed to these envelope recipients; Unusable if none."""
    if len(raw) > MAX_SIZE:
        raise Unusable(f"over {MAX_SIZE // 1024} KB ({len(raw)} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unusable(f"not UTF-8 (byte {error.start})") from error
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    _refuse_cut_short(message)
    delivery_id = _delivery(message, envelope_recipients)
    kind, status, diagnostic, recipients = _what_happened(message)
    return Report(
        kind=kind,
        delivery_id=delivery_id,
        status=status,
        diagnostic=diagnostic[:2000],
        recipients=recipients,
        raw=text,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def _refuse_cut_short(message):
    for part in message.walk():
        if any(isinstance(defect, _CUT_SHORT) for defect in part.defects):
            raise Unusable("cut short: a part of it is missing its boundary")


def _delivery(message, envelope_recipients):
    """The one delivery the report's return paths name; Unusable if none, or any is forged."""
    found = set(returnpath.find_return_paths(" ".join(envelope_recipients)))
    for name in _ADDRESSED_TO:
        for value in message.get_all(name, []):
            found.update(returnpath.find_return_paths(str(value)))
    for original in _original_headers(message):
        found.update(returnpath.find_return_paths(str(original.get("Return-Path", ""))))
    feedback = _feedback_report(message) or {}
    found.update(returnpath.find_return_paths(feedback.get("original-mail-from", "")))
    deliveries = {returnpath.delivery_of(address) for address in found}
    if None in deliveries:
        raise Unusable("a return path in it is not one we signed (altered or made up)")
    if not deliveries:
        raise Unusable("it names none of our deliveries")
    if len(deliveries) > 1:
        raise Unusable(f"it names more than one delivery ({sorted(deliveries)})")
    return deliveries.pop()


def _original_headers(message):
    """The headers of the message the report is about, as it quotes them."""
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type in ("message/rfc822", "message/global") and part.is_multipart():
            yield part.get_payload(0)
        elif content_type in ("text/rfc822-headers", "text/global-headers"):
            payload = part.get_payload(decode=True) or b""
            yield email.message_from_bytes(payload, policy=email.policy.compat32)


def _what_happened(message):
    """(kind, status, diagnostic, recipients) of a complaint or a bounce; Unusable if neither."""
    feedback = _feedback_report(message)
    if feedback is not None:
        return _complaint(feedback)
    blocks = list(_recipient_blocks(message))
    temporary, permanent = all_failures(message)
    recipients = frozenset(address.decode("ascii").lower() for address in (*temporary, *permanent))
    if blocks:
        return (*_classify_dsn(blocks), recipients | _block_recipients(blocks))
    if permanent:
        return Kind.HARD, *_status_in_text(message), recipients
    if temporary:
        return Kind.DELAYED, *_status_in_text(message), recipients
    raise Unusable("neither a bounce nor a complaint that we can read")


def _status_in_text(message):
    """The first status code in a bounce of another format than DSN, with its line."""
    for part in message.walk():
        if part.get_content_type() != "text/plain":
            continue
        text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
        for line in text.splitlines():
            if match := _STATUS.search(line):
                return match.group(0), " ".join(line.split())
        return "", ""  # only the first text: the notice, not the quoted message
    return "", ""


def _feedback_report(message):
    for part in message.walk():
        if part.get_content_type() == "message/feedback-report":
            return _fields(part)
    return None


def _complaint(fields):
    feedback_type = fields.get("feedback-type", "").strip().lower()
    if feedback_type in _NOT_COMPLAINTS:
        raise Unusable(f"a feedback report of type {feedback_type!r}, not a complaint")
    recipient = _bare_address(fields.get("original-rcpt-to", ""))
    detail = f"Feedback-Type: {feedback_type or 'unknown'}"
    if fields.get("user-agent"):
        detail += f"; from {fields['user-agent'].strip()}"
    return Kind.COMPLAINT, "", detail, frozenset({recipient} if recipient else ())


def _fields(part):
    """A feedback report's fields, lowercased names, whether parsed as headers or left as text."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the email package parses it as header blocks
        return {name.lower(): str(value) for block in payload for name, value in block.items()}
    fields = email.message_from_string(str(payload), policy=email.policy.compat32)
    return {name.lower(): str(value) for name, value in fields.items()}


def _recipient_blocks(message):
    """The per-recipient fields of every message/delivery-status part (RFC 3464, section 2.3)."""
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status" or not part.is_multipart():
            continue
        for block in part.get_payload()[1:]:  # the first block is about the reporting server
            if block.get("Action"):
                yield block


def _classify_dsn(blocks):
    """Delayed if the server still tries; hard if it gave up on a permanent error; soft if not."""
    failed = [block for block in blocks if _action(block).startswith(("fail", "error"))]
    if not failed:
        delayed = [block for block in blocks if _action(block).startswith("delayed")]
        if not delayed:
            raise Unusable("a delivery status notification that reports no failure or delay")
        return (Kind.DELAYED, *_status_and_diagnostic(delayed[0]))
    status, diagnostic = _status_and_diagnostic(failed[0])
    return _failure_kind(status), status, diagnostic


def _failure_kind(status):
    # A full mailbox (X.2.2) may be emptied: only a permanent error of another kind is hard.
    if status.startswith("5.") and not status.startswith("5.2.2"):
        return Kind.HARD
    return Kind.SOFT


def _action(block):
    return str(block.get("Action", "")).strip().lower()


def _status_and_diagnostic(block):
    match = _STATUS.search(str(block.get("Status", "")))
    diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
    if match is None:
        match = _STATUS.search(diagnostic)
    return (match.group(0) if match else ""), diagnostic


def _block_recipients(blocks):
    addresses = set()
    for block in blocks:
        for name in ("Original-Recipient", "Final-Recipient"):
            address = _bare_address(str(block.get(name, "")).partition(";")[2])
            if address:
                addresses.add(address)
    return frozenset(addresses)


def _bare_address(value):
    return value.strip().strip("<>").strip().lower()
