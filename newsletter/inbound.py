"""What a report that came back changes: kept on its delivery and subscriber, then the rules.

A hard bounce suspends the address at once; soft bounces suspend it once the last
NEWSLETTER_SOFT_BOUNCE_LIMIT campaigns it was sent (since an editor last reactivated it) have
all bounced; a complaint unsubscribes it at once; a delay is only kept. Both receivers (the
SMTP server and the mailbox poller) hand every message here. A message that is not a usable
report, or whose report was received before, changes nothing and is logged; while the
database cannot be reached, DatabaseError goes up, so that the message is received again later.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Exists, OuterRef

from . import bounces
from .models import Delivery, DeliveryReport, Subscriber

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    detail: str


def receive(raw, envelope_recipients=(), via="smtp"):
    """Act on one message that came back; what happened to it (never raises for bad input)."""
    try:
        report = bounces.parse(raw, envelope_recipients)
        outcome = record(report, via)
    except bounces.Unusable as error:
        outcome = Outcome(False, f"ignored: {error}")
    except DatabaseError:
        raise  # not the report's fault: it is to be received again, later
    except Exception as error:  # a report we cannot read must not stop the next one
        logger.exception("A message that came back (%d bytes) could not be read", len(raw))
        outcome = Outcome(False, f"ignored: could not be read ({type(error).__name__})")
    level = logging.INFO if outcome.accepted else logging.WARNING
    logger.log(
        level, "Via %s, %d bytes to %s: %s", via, len(raw), envelope_recipients, outcome.detail
    )
    return outcome


def record(report, via):
    """Keep the report on its delivery and subscriber, and apply the rules."""
    with transaction.atomic():
        delivery = Delivery.objects.filter(pk=report.delivery_id).first()
        # Locked, so that two reports about one reader are counted one after the other.
        subscriber = (
            Subscriber.objects.select_for_update().filter(pk=delivery.subscriber_id).first()
            if delivery
            else None
        )
        if subscriber is None:
            raise bounces.Unusable(f"delivery {report.delivery_id} is gone or its reader erased")
        if report.recipients and subscriber.email.lower() not in report.recipients:
            raise bounces.Unusable(f"it is about another address than delivery {delivery.pk}'s")
        stored = store(report, delivery, subscriber, via)
        if stored is None:
            return Outcome(False, f"ignored: this {report.kind} report was received before")
        change = apply_rules(stored, subscriber)
    return Outcome(True, f"{stored.get_kind_display()} for delivery {delivery.pk}: {change}")


def store(report, delivery, subscriber, via):
    try:
        with transaction.atomic():
            return DeliveryReport.objects.create(
                delivery=delivery,
                subscriber=subscriber,
                kind=report.kind,
                status=report.status,
                diagnostic=report.diagnostic,
                received_via=via,
                raw=report.raw,
                digest=report.digest,
            )
    except IntegrityError:  # the same report twice: from the mailbox and the server, say
        return None


def apply_rules(report, subscriber):
    """Change the subscriber as the report requires; say what changed."""
    reason = f"{report.get_kind_display()} {report.status} {report.diagnostic}".strip()[:300]
    if report.kind == DeliveryReport.Kind.COMPLAINT:
        done = subscriber.unsubscribe(via=f"complaint: {report.diagnostic}"[:300])
        return "unsubscribed" if done else "already unsubscribed"
    if report.kind == DeliveryReport.Kind.HARD:
        return "suspended" if subscriber.suspend(reason) else f"kept {subscriber.status}"
    if report.kind == DeliveryReport.Kind.SOFT:
        if not bounced_every_recent_campaign(subscriber):
            return "kept, below the soft bounce limit"
        limit = settings.NEWSLETTER_SOFT_BOUNCE_LIMIT
        done = subscriber.suspend(f"{limit} soft bounces in a row; the last: {reason}"[:300])
        return "suspended" if done else f"kept {subscriber.status}"
    return "kept (the server is still trying)"


def bounced_every_recent_campaign(subscriber):
    """Whether the last N campaigns sent to this address (since its reactivation) all bounced."""
    limit = settings.NEWSLETTER_SOFT_BOUNCE_LIMIT
    bounced = DeliveryReport.objects.filter(
        delivery=OuterRef("pk"), kind__in=DeliveryReport.BOUNCES
    )
    sent = subscriber.deliveries.filter(status=Delivery.Status.SENT)
    if subscriber.reactivated_at:
        sent = sent.filter(sent_at__gt=subscriber.reactivated_at)
    recent = list(
        sent.annotate(bounced=Exists(bounced))
        .order_by("-sent_at", "-pk")
        .values_list("bounced", flat=True)[:limit]
    )
    return len(recent) >= limit and all(recent)
