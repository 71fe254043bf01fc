"""Background work of the newsletter, run by `manage.py db_worker` (django-tasks-db).

The worker does not retry a task; exactly-once sending lives in the Delivery rows, so running
a task twice, or two at once, is always safe.
"""

from django.db import transaction
from django.tasks import task

from . import content, sending
from .models import Campaign, Subscriber


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
    if outcome.retry_at is not None:
        send_campaign.using(run_after=outcome.retry_at).enqueue(campaign_id)
    return outcome.summary()


@task()
def send_confirmation(subscriber_id):
    """Send the double opt-in email to a subscriber still waiting to confirm."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
        return "not pending"
    content.confirmation_message(subscriber).send()
    return "sent"
