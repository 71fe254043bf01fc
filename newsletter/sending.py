"""Sending a campaign: exactly one message per confirmed subscriber, however often interrupted.

Every recipient has a Delivery row. A worker claims a batch of due rows with a conditional
UPDATE (only rows still pending change hands, so two workers never claim the same row), sends
each message on its own over one reused SMTP connection (Django's SMTP backend hides partial
refusals, so one recipient per message), and records the row sent as the message's end goes
to the server (`handover.py`). Before each message the row is checked once more, so an
unsubscribe that lands mid-send is honoured.

The claims of a worker stay its own while its heartbeat comes (`workers.py`); a worker killed
mid-send stops beating, and within seconds another worker gives its rows back to pending and
queues the campaign again. A worker that loses its database connection waits for the
database, records what it owes (messages the server took while the database was away), gives
back the rest of its claims, and goes on.

Refusals (5xx) fail the row and the others go on; temporary failures of one message (4xx, or
a connection dropped while the server still answers a new one) are retried with backoff up to
MAX_ATTEMPTS. Anything else that goes wrong with one recipient (an address the server cannot be
sent to, a message that cannot be built) fails that row alone, with the reason. A server that
cannot be reached at all says nothing about any recipient: the send pauses, every row stays
pending with no attempt counted, the pause is written to the campaign's history, and the next
run waits longer after each pause in a row (RETRY_DELAYS again).
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import mailers
from django.db import DatabaseError, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from . import handover, workers
from .addresses import validate_address
from .content import CampaignMessage
from .models import Campaign, Delivery, Subscriber
from .prepared import PreparedMessage

BATCH_SIZE = 100
MAX_ATTEMPTS = 5
RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60)  # seconds, after the 1st, 2nd, … attempt
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
    interrupted: bool = False
    finished: bool = False
    counts: dict = field(default_factory=dict)

    def summary(self):
        return (
            f"{self.sent} sent, {self.failed} failed, {self.deferred} deferred, "
            f"{self.skipped} skipped{' — campaign finished' if self.finished else ''}"
            f"{f' — paused: {self.unreachable}' if self.unreachable else ''}"
            f"{' — stopped with the worker' if self.interrupted else ''}"
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
    with workers.beating() as heartbeat:
        sender = Sender(campaign, heartbeat)
        while True:
            try:
                return sender.send(batch_size, on_batch)
            except DatabaseError as error:
                logger.warning("Campaign %s: lost the database (%s)", campaign.pk, error)
                if not workers.wait_for_database(workers.stopping.is_set):
                    raise
                sender.recover()


class Sender:
    """One worker's pass over a campaign: claim, hand over, record, until nothing is due."""

    def __init__(self, campaign, heartbeat):
        self.campaign = campaign
        self.heartbeat = heartbeat
        self.worker = heartbeat.worker_id
        self.mailer = mailers.default
        self.outcome = Outcome()
        self.message = None
        self._prepared = None
        # Delivery id → what its row must become; kept while the database cannot be told.
        self.owed = {}

    def send(self, batch_size, on_batch):
        list_recipients(self.campaign)
        self.message = self.message or CampaignMessage(self.campaign)
        try:
            while not workers.stopping.is_set() and (
                batch := claim_next_batch(self.campaign, self.worker, batch_size)
            ):
                for delivery in batch:
                    self.deliver(delivery)
                if on_batch:
                    on_batch(self.campaign.progress())
        except ServerUnavailable as error:
            self.outcome.unreachable = str(error)
            pause(self.campaign, self.worker, self.outcome.unreachable)
        finally:
            self.mailer.close()
        return self.wrap_up()

    @property
    def prepared(self):
        """The message encoded once (see prepared), for the campaign message now in use."""
        if self._prepared is None or self._prepared.source is not self.message:
            self._prepared = PreparedMessage(self.message)
        return self._prepared

    def wrap_up(self):
        outcome, campaign = self.outcome, self.campaign
        outcome.interrupted = workers.stopping.is_set()
        if outcome.sent and not outcome.unreachable and paused_streak(campaign):
            campaign.log(BACK, detail="The mail server answered again; sending resumed.")
        skip_unreachable(campaign)
        outcome.finished = campaign.finish()
        outcome.retry_at = None if outcome.finished else next_retry_at(campaign)
        outcome.counts = campaign.progress()
        return outcome

    def recover(self):
        """After a database outage: record what is owed, give back every other claim."""
        for delivery_id, changes in list(self.owed.items()):
            settled(delivery_id, self.worker).update(**changes)
            del self.owed[delivery_id]
        Delivery.objects.filter(claimed_by=self.worker, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.PENDING, claimed_by=""
        )

    def deliver(self, delivery):
        """Send one claimed delivery and record how it went."""
        mine = Delivery.objects.filter(
            pk=delivery.pk, claimed_by=self.worker, status=Delivery.Status.SENDING
        )
        connect(self.mailer)  # before counting an attempt: an unreachable server is no one's fault
        started = mine.filter(subscriber__status=Subscriber.Status.CONFIRMED).update(
            attempts=F("attempts") + 1
        )
        if not started:  # unsubscribed or erased since the claim, or taken back by a sweep
            self.outcome.skipped += mine.update(status=Delivery.Status.SKIPPED, claimed_by="")
            return
        mark = handover.SentMark(delivery.pk, self.worker)
        changes = self.hand_over(delivery, mark, attempts=delivery.attempts + 1)
        if changes is not None:
            self.record(delivery.pk, changes)

    def hand_over(self, delivery, mark, attempts):
        """Send it; the changes its row still needs (None once the mark recorded it sent)."""
        subscriber = delivery.subscriber
        try:
            validate_address(subscriber.email)
            email = self.message.for_subscriber(subscriber.pk, subscriber.email, delivery.pk)
            content = self.prepared.for_reader(subscriber.pk, subscriber.email)
            handover.hand_over(self.mailer, email, mark, self.heartbeat.ensure_fresh, content)
        except DatabaseError:
            raise  # nothing was handed over: the claim goes back once the database answers
        except ValidationError as error:
            return self.failed(f"Not an address we can send to: {' '.join(error.messages)}")
        except smtplib.SMTPServerDisconnected as error:
            self.reconnect(delivery)
            return self.temporary_failure(attempts, f"Connection dropped: {error}")
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            return self.refusal(attempts, code, reply)
        except smtplib.SMTPResponseException as error:
            return self.refusal(attempts, error.smtp_code, error.smtp_error)
        except (smtplib.SMTPException, OSError) as error:
            self.reconnect(delivery)
            return self.temporary_failure(attempts, f"{type(error).__name__}: {error}")
        except Exception as error:  # this one message cannot be sent; the others still can
            self.mailer.close()
            logger.exception("Delivery %s could not be sent", delivery.pk)
            return self.failed(f"Could not be sent: {type(error).__name__}: {error}")
        self.outcome.sent += 1
        if mark.recorded:
            return None
        if mark.error is None:
            logger.warning("Delivery %s was sent after its claim was taken back", delivery.pk)
        return {"status": Delivery.Status.SENT, "sent_at": timezone.now(), "error": ""}

    def reconnect(self, delivery):
        """After a lost connection, tell a server gone down from one that dropped one message."""
        self.mailer.close()
        try:
            connect(self.mailer)
        except ServerUnavailable:
            # Not a refusal, so not its attempt; still claimed, the pause gives it back.
            Delivery.objects.filter(pk=delivery.pk, claimed_by=self.worker).update(
                attempts=F("attempts") - 1, status=Delivery.Status.SENDING, sent_at=None
            )
            raise

    def record(self, delivery_id, changes):
        """Give the row its new state; owe it until the database answers."""
        try:
            settled(delivery_id, self.worker).update(**changes)
        except DatabaseError:
            self.owed[delivery_id] = changes
            raise

    def refusal(self, attempts, code, reply):
        if isinstance(reply, bytes):
            reply = reply.decode("utf-8", "replace")
        error = f"{code} {reply}"
        if 400 <= code < 500:
            return self.temporary_failure(attempts, error)
        return self.failed(error)

    def temporary_failure(self, attempts, error):
        """Try again later, a little later each time; give up after MAX_ATTEMPTS."""
        if attempts >= MAX_ATTEMPTS:
            return self.failed(f"Gave up: {error}")
        self.outcome.deferred += 1
        return {
            "status": Delivery.Status.PENDING,
            "claimed_by": "",
            "next_attempt_at": timezone.now() + timedelta(seconds=retry_delay(attempts)),
            "sent_at": None,
            "error": error,
        }

    def failed(self, error):
        self.outcome.failed += 1
        return {"status": Delivery.Status.FAILED, "claimed_by": "", "sent_at": None, "error": error}


def settled(delivery_id, worker):
    """The row, unless another worker holds it now (a sweep gave it back while we were away)."""
    return Delivery.objects.filter(pk=delivery_id).filter(
        Q(claimed_by=worker) | Q(status=Delivery.Status.PENDING)
    )


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


def connect(mailer):
    """Open (or keep) the SMTP connection; ServerUnavailable if the server cannot be reached."""
    try:
        mailer.open()
    except (OSError, smtplib.SMTPException) as error:
        mailer.close()
        raise ServerUnavailable(describe(error, mailer)) from error


def describe(error, mailer):
    where = f"{getattr(mailer, 'host', '?')}:{getattr(mailer, 'port', '?')}"
    return f"the mail server at {where} could not be reached ({type(error).__name__}: {error})"


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
