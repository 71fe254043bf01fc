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

Refusals (5xx) fail the row and the others go on; temporary failures of one message (4xx, or
a connection dropped while the server still answers a new one) are retried with backoff up to
MAX_ATTEMPTS. A server that cannot be reached at all says nothing about any recipient: the send
pauses, every row stays pending with no attempt counted, the pause is written to the campaign's
history, and the next run waits longer after each pause in a row (RETRY_DELAYS again).
"""

import logging
import smtplib
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

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
UNREACHABLE = "server unreachable"
BACK = "server back"

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    skipped: int = 0
    retry_at: object = None
    unreachable: str = ""
    finished: bool = False
    counts: dict = field(default_factory=dict)

    def summary(self):
        return (
            f"{self.sent} sent, {self.failed} failed, {self.deferred} deferred, "
            f"{self.skipped} skipped{' — campaign finished' if self.finished else ''}"
            f"{f' — paused: {self.unreachable}' if self.unreachable else ''}"
        )


class ServerUnavailable(Exception):
    """The mail server could not be reached: stop this run and try again later."""


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
    except ServerUnavailable as error:
        outcome.unreachable = str(error)
        pause(campaign, worker, outcome.unreachable)
    finally:
        mailer.close()
    if outcome.sent and not outcome.unreachable and paused_streak(campaign):
        campaign.log(BACK, detail="The mail server answered again; sending resumed.")
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
    for delivery in batch:
        deliver(mailer, message, delivery, worker, outcome)


def deliver(mailer, message, delivery, worker, outcome):
    """Send one claimed delivery and record how it went."""
    mine = Delivery.objects.filter(
        pk=delivery.pk, claimed_by=worker, status=Delivery.Status.SENDING
    )
    connect(mailer)  # before counting an attempt: an unreachable server is no one's failure
    started = mine.filter(subscriber__status=Subscriber.Status.CONFIRMED).update(
        attempts=F("attempts") + 1
    )
    if not started:  # unsubscribed or erased since the claim, or taken back by the sweeper
        outcome.skipped += mine.update(status=Delivery.Status.SKIPPED, claimed_by="")
        return
    attempts = delivery.attempts + 1
    subscriber = delivery.subscriber
    email = message.for_subscriber(subscriber.pk, subscriber.email)
    try:
        mailer.send_messages([email])
    except smtplib.SMTPServerDisconnected as error:
        mailer.close()
        connect_again(mailer, mine)
        record_temporary_failure(mine, attempts, f"Connection dropped: {error}", outcome)
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        record_refusal(mine, attempts, code, reply, outcome)
    except smtplib.SMTPResponseException as error:
        record_refusal(mine, attempts, error.smtp_code, error.smtp_error, outcome)
    except (smtplib.SMTPException, OSError) as error:
        mailer.close()
        connect_again(mailer, mine)
        record_temporary_failure(mine, attempts, f"{type(error).__name__}: {error}", outcome)
    else:
        mine.update(status=Delivery.Status.SENT, sent_at=timezone.now(), claimed_by="", error="")
        outcome.sent += 1


def connect(mailer):
    """Open (or keep) the SMTP connection; ServerUnavailable if the server cannot be reached."""
    try:
        mailer.open()
    except (OSError, smtplib.SMTPException) as error:
        mailer.close()
        raise ServerUnavailable(describe(error, mailer)) from error


def connect_again(mailer, mine):
    """After a lost connection, tell a server gone down from one that dropped one message."""
    try:
        connect(mailer)
    except ServerUnavailable:
        mine.update(attempts=F("attempts") - 1)  # the message was not refused: not its attempt
        raise


def describe(error, mailer):
    where = f"{getattr(mailer, 'host', '?')}:{getattr(mailer, 'port', '?')}"
    return f"the mail server at {where} could not be reached ({type(error).__name__}: {error})"


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
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def pause(campaign, worker, reason):
    """Stop for now: rows back to pending, the whole campaign waiting longer after each pause."""
    delay = retry_delay(paused_streak(campaign) + 1)
    retry_at = timezone.now() + timedelta(seconds=delay)
    with transaction.atomic():
        campaign.deliveries.filter(claimed_by=worker, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.PENDING, claimed_by="", error=f"Not sent yet: {reason}."
        )
        campaign.deliveries.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lt=retry_at
        ).update(next_attempt_at=retry_at)
        campaign.log(
            UNREACHABLE,
            detail=f"Paused: {reason}. Every delivery left stays pending; "
            f"next try in {delay} s, at {timezone.localtime(retry_at):%H:%M:%S}.",
        )
    logger.warning("Campaign %s paused: %s; next try at %s", campaign.pk, reason, retry_at)


def paused_streak(campaign):
    """How many pauses for an unreachable server in a row, since it last answered."""
    kinds = campaign.events.order_by("-at", "-pk").values_list("kind", flat=True)[:20]
    streak = 0
    for kind in kinds:
        if kind != UNREACHABLE:
            break
        streak += 1
    return streak


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
