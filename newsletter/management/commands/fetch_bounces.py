"""Read bounces and complaints from a mailbox, for hosts where only a mailbox is possible."""

import imaplib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from newsletter import receivers


class Command(BaseCommand):
    help = (
        "Act on every unread message in the bounce mailbox (NEWSLETTER_BOUNCE_IMAP_URL, "
        "imaps://user:password@host[:port]/folder) and mark it read. Run it from a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="", help="the mailbox, instead of the setting")
        parser.add_argument(
            "--delete", action="store_true", help="delete the messages read instead of keeping them"
        )

    def handle(self, url, delete, **options):
        url = url or settings.NEWSLETTER_BOUNCE_IMAP_URL
        if not url:
            raise CommandError("Set NEWSLETTER_BOUNCE_IMAP_URL, or pass --url.")
        try:
            mailbox = receivers.Mailbox.from_url(url)
            fetched = receivers.fetch(mailbox, delete=delete)
        except ValueError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"the database: {error}; unread messages stay unread") from error
        except (OSError, imaplib.IMAP4.error) as error:
            raise CommandError(f"the mailbox at {mailbox.host}:{mailbox.port}: {error}") from error
        self.stdout.write(
            f"{fetched.read} read: {fetched.accepted} acted on, {fetched.ignored} ignored."
        )
