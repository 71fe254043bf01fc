"""Background work of the newsletter, run by `manage.py db_worker` (django-tasks-db).

The worker does not retry a task; exactly-once sending lives in the Delivery rows, so running
a task twice, or two at once, is always safe. Our `db_worker` (management/commands) takes back,
from its heartbeat thread, what workers that stopped beating left behind.
"""

import logging

from django.db import transaction
from django.tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from . import confirmations, sending, workers
from .forms import CONSENT_LINE
from .models import Campaign, Subscriber

logger = logging.getLogger(__name__)


def start_sending(campaign, by):
    """Start sending a draft campaign in the background; False if it had been started."""
    with transaction.atomic():
        if not campaign.start_sending(by):
            return False
        transaction.on_commit(lambda: send_campaign.enqueue(campaign.pk))
    return True


@task()
def send_campaign(campaign_id):
    """Send the campaign's due deliveries; queue a later run for those deferred by a retry."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or campaign.status != Campaign.Status.SENDING:
        return "not sending"
    outcome = sending.send_campaign(campaign)
    if outcome.interrupted:
        send_campaign.enqueue(campaign_id)  # the worker is stopping: another goes on
    elif outcome.retry_at is not None:
        send_campaign.using(run_after=outcome.retry_at).enqueue(campaign_id)
    return outcome.summary()


def take_back_stalled():
    """Give back what stopped workers held, fail their tasks, and queue their campaigns again."""
    released, campaigns = workers.release_stalled_deliveries()
    workers.fail_lost_tasks()
    workers.forget_dead_workers()
    campaigns |= campaigns_without_a_task()
    for campaign_id in sorted(campaigns):
        send_campaign.enqueue(campaign_id)
    if released or campaigns:
        logger.warning(
            "Took back %d deliveries from stopped workers; campaigns %s queued again",
            released,
            sorted(campaigns),
        )
    return released, sorted(campaigns)


@task()
def record_signup(email, source, address_hash, confirm=True):
    """Record a request to subscribe, and send the confirmation email if there is one to send."""
    subscriber = Subscriber.objects.record_request(email, source, CONSENT_LINE, address_hash)
    if not confirm:
        return "recorded; no more confirmation emails to this address today"
    return send_confirmation.call(subscriber.pk)


@task()
def send_confirmation(subscriber_id, attempt=1):
    """Send the double opt-in email to a subscriber still waiting to confirm; retry if need be."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
        return "not pending"
    if attempt > 1 and subscriber.confirmation_retry_at is None:
        return "sent meanwhile"  # a later signup's email went out
    retry_at = confirmations.send(subscriber, attempt)
    if retry_at is None:
        return subscriber.confirmation_error or "sent"
    if send_confirmation.get_backend().supports_defer:
        send_confirmation.using(run_after=retry_at).enqueue(subscriber_id, attempt + 1)
    return f"not sent, trying again at {retry_at:%H:%M:%S}: {subscriber.confirmation_error}"


def campaigns_without_a_task():
    """Campaigns sending that no task is queued or running for: their task died with a worker."""
    in_hand = DBTaskResult.objects.filter(
        task_path=send_campaign.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    queued = {args_kwargs["args"][0] for args_kwargs in in_hand if args_kwargs.get("args")}
    return set(Campaign.objects.sending().values_list("pk", flat=True)) - queued
