"""Take back at once what stopped workers held: the running worker does this by itself."""

from django.core.management.base import BaseCommand

from newsletter import tasks


class Command(BaseCommand):
    help = (
        "Give deliveries claimed by workers whose heartbeat stopped back to pending, fail "
        "their tasks, and queue a send for every campaign still sending without one. "
        "Every db_worker does this every few seconds; this runs it once, now."
    )

    def handle(self, **options):
        released, campaigns = tasks.take_back_stalled()
        self.stdout.write(
            f"{released} stalled deliveries released; {len(campaigns)} campaigns queued to resume."
        )
