"""A campaign's message made into bytes once; each reader's copy fills in what differs.

Building and encoding a whole MIME message for each of ten thousand readers costs more than
sending it. The message is built once for a placeholder reader and encoded as the mail server
gets it; a reader's copy is those bytes with their address, their unsubscribe link and mailto,
a Message-ID and a Date of its own. The bodies are 8-bit text, so a placeholder is found whole;
where one is not (an encoded body), each message is built in full as before.
"""

import email.policy
import re
from email.utils import format_datetime, make_msgid

from django.conf import settings
from django.core.mail.utils import DNS_NAME
from django.utils import timezone

from . import returnpath
from .content import UNSUBSCRIBE_PLACEHOLDER, unsubscribe_mailto, unsubscribe_url

ADDRESS = "reader@newsletter-placeholder.invalid"
MAILTO = "mailto:newsletter-unsubscribe-placeholder"
_MESSAGE_ID = re.compile(rb"^Message-ID: [^\r\n]*", re.MULTILINE)
_DATE = re.compile(rb"^Date: [^\r\n]*", re.MULTILINE)


class PreparedMessage:
    """The bytes of a campaign's message, ready for any reader (see `for_reader`)."""

    def __init__(self, campaign_message):
        self.source = campaign_message
        text, html = campaign_message.text, campaign_message.html
        # The envelope sender (each delivery's return path) is not in the bytes: any will do.
        message = campaign_message.message_to(
            ADDRESS, text, html, UNSUBSCRIBE_PLACEHOLDER, MAILTO, returnpath.bounce_address()
        )
        content = message.message(policy=email.policy.SMTP).as_bytes()
        self.head, _, self.body = content.partition(b"\r\n\r\n")
        in_bodies = campaign_message.text.count(UNSUBSCRIBE_PLACEHOLDER)
        in_bodies += campaign_message.html.count(UNSUBSCRIBE_PLACEHOLDER)
        self.usable = (
            self.body.count(UNSUBSCRIBE_PLACEHOLDER.encode()) == in_bodies
            and self.head.count(ADDRESS.encode()) == 1
            and self.head.count(MAILTO.encode()) == 1
            and _MESSAGE_ID.search(self.head) is not None
            and _DATE.search(self.head) is not None
        )

    def for_reader(self, subscriber_id, address):
        """The bytes of this reader's message, or None where it must be built in full."""
        if not (self.usable and address.isascii()):
            return None
        link = unsubscribe_url(subscriber_id).encode()
        head = self.head.replace(UNSUBSCRIBE_PLACEHOLDER.encode(), link)
        head = head.replace(MAILTO.encode(), unsubscribe_mailto(subscriber_id).encode())
        head = head.replace(ADDRESS.encode(), address.encode())
        head = _MESSAGE_ID.sub(f"Message-ID: {make_msgid(domain=DNS_NAME)}".encode(), head, 1)
        now = timezone.localtime() if settings.EMAIL_USE_LOCALTIME else timezone.now()
        head = _DATE.sub(f"Date: {format_datetime(now)}".encode(), head, 1)
        return head + b"\r\n\r\n" + self.body.replace(UNSUBSCRIBE_PLACEHOLDER.encode(), link)
