"""Sending a campaign: exactly one message per confirmed subscriber, however often interrupted.

Every recipient has a Delivery row. A worker claims a batch of due rows with a conditional
UPDATE (only rows still pending change hands, so two workers never claim the same row), sends
each message on its own over one reused SMTP connection (Django's SMTP backend hides partial
refusals, so one recipient per message), and marks the row sent the moment the server accepts
it. Before each message the row is checked once more, so an unsubscribe that lands mid-send
is honoured.

If the worker is killed, its claimed rows stay "sending"; the sweeper (`sweep_stalled_sends`)
puts rows claimed longer ago than STALE_AFTER back to pending. The message that was in flight
at the kill had not been accepted by the server (a server accepts a message only when it
answers the end of its data, and the row is marked sent right then), so it is sent again once;
only a kill in the instant between that answer and the row's update could repeat one message.

Refusals (5xx) fail the row and the others go on; temporary failures (4xx, a dropped
connection) are retried with backoff up to MAX_ATTEMPTS.
"""

import smtplib
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from .content import CampaignMessage
from .models import Campaign, Delivery, Subscriber

BATCH_SIZE = 100
MAX_ATTEMPTS = 5
RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60)  # seconds, after the 1st, 2nd, … attempt
STALE_AFTER = timedelta(minutes=15)
LIST_BATCH_SIZE = 2000


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    skipped: int = 0
    retry_at: object = None
    finished: bool = False
    counts: dict = field(default_factory=dict)

    def summary(self):
        return (
            f"{self.sent} sent, {self.failed} failed, {self.deferred} deferred, "
            f"{self.skipped} skipped{' — campaign finished' if self.finished else ''}"
        )


class ServerUnavailable(Exception):
    """The mail server could not be reached: stop this run and try again later."""


def start(campaign, by):
    """Start sending a draft campaign in the background; False if it had been started."""
    from . import tasks

    with transaction.atomic():
        if not campaign.start_sending(by):
            return False
        transaction.on_commit(lambda: tasks.send_campaign.enqueue(campaign.pk))
    return True


def list_recipients(campaign):
    """Create one pending Delivery for every confirmed subscriber, once per campaign."""
    if campaign.recipients_listed:
        return
    confirmed = Subscriber.objects.confirmed().order_by("pk").values_list("pk", flat=True)
    batch = []
    for subscriber_id in confirmed.iterator(chunk_size=LIST_BATCH_SIZE):
        batch.append(Delivery(campaign=campaign, subscriber_id=subscriber_id))
        if len(batch) >= LIST_BATCH_SIZE:
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Delivery.objects.bulk_create(batch, ignore_conflicts=True)
    Campaign.objects.filter(pk=campaign.pk).update(recipients_listed=True)
    campaign.recipients_listed = True


def send_campaign(campaign, *, batch_size=BATCH_SIZE, on_batch=None):
    """Send every due delivery of a campaign now sending; say what happened."""
    list_recipients(campaign)
    message = CampaignMessage(campaign)
    worker = uuid.uuid4().hex
    outcome = Outcome()
    mailer = mailers.default
    try:
        while batch := claim_next_batch(campaign, worker, batch_size):
            send_batch(mailer, message, batch, worker, outcome)
            if on_batch:
                on_batch(campaign.progress())
    except ServerUnavailable:
        pass
    finally:
        mailer.close()
    skip_unreachable(campaign)
    outcome.finished = campaign.finish()
    outcome.retry_at = None if outcome.finished else next_retry_at(campaign)
    outcome.counts = campaign.progress()
    return outcome


def claim_next_batch(campaign, worker, size):
    """Claim up to `size` due rows for this worker; empty when none is left to claim."""
    while True:
        now = timezone.now()
        due = list(
            Delivery.objects.filter(
                campaign=campaign,
                status=Delivery.Status.PENDING,
                next_attempt_at__lte=now,
                subscriber__status=Subscriber.Status.CONFIRMED,
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not due:
            return []
        # The claim: only rows still pending change hands, so another worker's are left alone.
        Delivery.objects.filter(pk__in=due, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_by=worker, claimed_at=now
        )
        claimed = list(
            Delivery.objects.filter(pk__in=due, claimed_by=worker, status=Delivery.Status.SENDING)
            .select_related("subscriber")
            .only("attempts", "subscriber__email")
        )
        if claimed:
            return claimed


def send_batch(mailer, message, batch, worker, outcome):
    for position, delivery in enumerate(batch):
        try:
            deliver(mailer, message, delivery, worker, outcome)
        except ServerUnavailable:
            release(batch[position:], worker)
            raise


def deliver(mailer, message, delivery, worker, outcome):
    """Send one claimed delivery and record how it went."""
    mine = Delivery.objects.filter(
        pk=delivery.pk, claimed_by=worker, status=Delivery.Status.SENDING
    )
    started = mine.filter(subscriber__status=Subscriber.Status.CONFIRMED).update(
        attempts=F("attempts") + 1
    )
    if not started:  # unsubscribed or erased since the claim, or taken back by the sweeper
        outcome.skipped += mine.update(status=Delivery.Status.SKIPPED, claimed_by="")
        return
    attempts = delivery.attempts + 1
    try:
        mailer.open()
    except OSError as error:
        raise ServerUnavailable from error
    subscriber = delivery.subscriber
    email = message.for_subscriber(subscriber.pk, subscriber.email)
    try:
        mailer.send_messages([email])
    except smtplib.SMTPServerDisconnected as error:
        mailer.close()
        record_temporary_failure(mine, attempts, f"Connection dropped: {error}", outcome)
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        record_refusal(mine, attempts, code, reply, outcome)
    except smtplib.SMTPResponseException as error:
        record_refusal(mine, attempts, error.smtp_code, error.smtp_error, outcome)
    except (smtplib.SMTPException, OSError) as error:
        mailer.close()
        record_temporary_failure(mine, attempts, f"{type(error).__name__}: {error}", outcome)
    else:
        mine.update(status=Delivery.Status.SENT, sent_at=timezone.now(), claimed_by="", error="")
        outcome.sent += 1


def record_refusal(mine, attempts, code, reply, outcome):
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    error = f"{code} {reply}"
    if 400 <= code < 500:
        record_temporary_failure(mine, attempts, error, outcome)
    else:
        mine.update(status=Delivery.Status.FAILED, claimed_by="", error=error)
        outcome.failed += 1


def record_temporary_failure(mine, attempts, error, outcome):
    """Try again later, a little later each time; give up after MAX_ATTEMPTS."""
    if attempts >= MAX_ATTEMPTS:
        mine.update(status=Delivery.Status.FAILED, claimed_by="", error=f"Gave up: {error}")
        outcome.failed += 1
        return
    mine.update(
        status=Delivery.Status.PENDING,
        claimed_by="",
        next_attempt_at=timezone.now() + timedelta(seconds=retry_delay(attempts)),
        error=error,
    )
    outcome.deferred += 1


def retry_delay(attempts):
    delays = getattr(settings, "NEWSLETTER_RETRY_DELAYS", RETRY_DELAYS)
    return delays[min(attempts, len(delays)) - 1]


def release(deliveries, worker):
    """Give back claimed rows not sent because the server was unreachable."""
    Delivery.objects.filter(
        pk__in=[delivery.pk for delivery in deliveries],
        claimed_by=worker,
        status=Delivery.Status.SENDING,
    ).update(
        status=Delivery.Status.PENDING,
        claimed_by="",
        next_attempt_at=timezone.now() + timedelta(seconds=retry_delay(1)),
        error="The mail server could not be reached.",
    )


def skip_unreachable(campaign):
    """Close the rows of subscribers who left (or were erased) before their turn."""
    campaign.deliveries.filter(status=Delivery.Status.PENDING).exclude(
        subscriber__status=Subscriber.Status.CONFIRMED
    ).update(status=Delivery.Status.SKIPPED)


def next_retry_at(campaign):
    return campaign.deliveries.filter(status=Delivery.Status.PENDING).aggregate(
        at=Min("next_attempt_at")
    )["at"]


def sweep_stalled(older_than=STALE_AFTER, now=None):
    """Put rows claimed by a worker that died back to pending; say how many, and what to resume."""
    cutoff = (now or timezone.now()) - older_than
    released = Delivery.objects.filter(
        status=Delivery.Status.SENDING,
        claimed_at__lt=cutoff,
        campaign__status=Campaign.Status.SENDING,
    ).update(status=Delivery.Status.PENDING, claimed_by="", next_attempt_at=timezone.now())
    return released, list(Campaign.objects.sending())
