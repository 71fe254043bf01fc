"""Send a campaign from a shell, in the foreground, with a progress bar."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsletter import sending, workers
from newsletter.models import Campaign

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Send campaign ID to every confirmed subscriber (starting it if it is a draft), "
        "or resume one already sending. Safe to run alongside the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("campaign_id", type=int)
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="Stop after one pass instead of waiting for deliveries deferred by a retry.",
        )

    def handle(self, campaign_id, no_wait=False, **options):
        campaign = Campaign.objects.select_related("issue").filter(pk=campaign_id).first()
        if campaign is None:
            raise CommandError(f"No campaign {campaign_id}.")
        if campaign.status == Campaign.Status.SENT:
            raise CommandError(f"Campaign {campaign_id} was sent already.")
        if campaign.status == Campaign.Status.DRAFT:
            campaign.start_sending(by=None)
        # Beats while it sends, so that the workers' sweeps leave its claims alone.
        heartbeat = workers.Heartbeat()
        heartbeat.start()
        try:
            with workers.running(heartbeat):
                outcome = self.send(campaign, no_wait)
        finally:
            heartbeat.stop()
        self.stdout.write(self.style.SUCCESS(self.summary(campaign, outcome)))

    def send(self, campaign, no_wait):
        while True:
            outcome = sending.send_campaign(campaign, on_batch=self.show)
            self.show(outcome.counts)
            self.stdout.write("")
            if outcome.finished or no_wait or outcome.retry_at is None:
                break
            wait = max(0.0, (outcome.retry_at - timezone.now()).total_seconds())
            self.stdout.write(f"Some deliveries will be retried in {wait:.0f} s; waiting.")
            time.sleep(wait)
        return outcome

    def show(self, counts):
        total = sum(counts.values()) or 1
        done = counts["sent"] + counts["failed"] + counts["skipped"]
        filled = round(BAR_WIDTH * done / total)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(
            f"\r[{bar}] {done}/{total}  sent {counts['sent']}  failed {counts['failed']}  "
            f"pending {counts['pending'] + counts['sending']}",
            ending="",
        )
        self.stdout.flush()

    def summary(self, campaign, outcome):
        counts = outcome.counts
        state = "finished" if outcome.finished else "not finished yet"
        return (
            f"Campaign {campaign.pk} {state}: {counts['sent']} sent, {counts['failed']} failed, "
            f"{counts['skipped']} skipped, {counts['pending'] + counts['sending']} pending."
        )
