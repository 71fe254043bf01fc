"""Pick up campaign sends whose worker died: run it at worker start and every few minutes."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from newsletter import sending, tasks


class Command(BaseCommand):
    help = (
        "Give deliveries claimed by a worker that stopped back to pending, and queue a send "
        "for every campaign still sending."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=int(sending.STALE_AFTER.total_seconds()),
            help="Seconds after which a claimed delivery counts as stalled (default %(default)s).",
        )

    def handle(self, older_than, **options):
        released, campaigns = sending.sweep_stalled(timedelta(seconds=older_than))
        for campaign in campaigns:
            tasks.send_campaign.enqueue(campaign.pk)
        self.stdout.write(
            f"{released} stalled deliveries released; {len(campaigns)} campaigns queued to resume."
        )
