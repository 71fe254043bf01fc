"""An SMTP server for the bounce address: the mail server forwards bounces and complaints here."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from newsletter import receivers, returnpath


class Command(BaseCommand):
    help = (
        "Listen for bounces and feedback-loop complaints by SMTP, for the bounce address only "
        "(NEWSLETTER_BOUNCE_LOCAL_PART[+token]@NEWSLETTER_BOUNCE_DOMAIN), until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--listen", default="127.0.0.1:2525", help="host:port to listen on (127.0.0.1:2525)"
        )

    def handle(self, listen, **options):
        try:
            host, port = receivers.parse_listen(listen)
        except ValueError as error:
            raise CommandError(str(error)) from error
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        server = receivers.smtp_server(host, port)
        try:
            server.start()
        except (OSError, RuntimeError) as error:
            raise CommandError(f"cannot listen on {host}:{port}: {error}") from error
        self.stdout.write(f"Taking mail for {returnpath.bounce_address()} on {host}:{port}")
        try:
            stop.wait()
        finally:
            server.stop()
        self.stdout.write("Stopped.")
