"""What tests do through HTTP and the admin in more than one module: forms, links, actions."""

import re
import signal
import time

from django.core.management import call_command
from django.urls import reverse

from newsletter import tokens


def article_form(section, author, **fields):
    """The admin's article form as an editor would send it, with one author."""
    data = {
        "title": "A new analysis",
        "slug": "a-new-analysis",
        "section": section.pk,
        "issue": "",
        "issue_position": 0,
        "teaser": "",
        "body": "",
        "background": "",
        "implications": "",
        "conclusions": "",
        "bio": "",
        "image_alt": "",
        "image_caption": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "authorships-TOTAL_FORMS": 1,
        "authorships-INITIAL_FORMS": 0,
        "authorships-MIN_NUM_FORMS": 0,
        "authorships-MAX_NUM_FORMS": 1000,
        "authorships-0-author": author.pk,
        "authorships-0-position": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        "attachments-MIN_NUM_FORMS": 0,
        "attachments-MAX_NUM_FORMS": 1000,
    }
    return data | fields


def sign_up(client, email, address="203.0.113.9", **data):
    """Submit the newsletter's signup box from `address`."""
    return client.post(
        reverse("newsletter:subscribe"),
        {"email": email, "website": "", "source": "footer", **data},
        REMOTE_ADDR=address,
    )


def confirm_link(message):
    """The confirmation link in a confirmation email."""
    return re.search(r"http://\S+/newsletter/confirm/\S+/", message.body).group(0)


def unsubscribe_link(subscriber):
    return reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber.pk)])


def campaign_url(campaign):
    """The campaign's page in the admin."""
    return reverse("admin:newsletter_campaign_change", args=[campaign.pk])


def run_action(client, campaign, action, **extra):
    """Press one of the campaign page's buttons."""
    return client.post(
        campaign_url(campaign),
        {"CHANGE_FORM-action": action, "_selected_action": campaign.pk, **extra},
        follow=True,
    )


def delivery_statuses(campaign):
    """{address: delivery status} of the campaign."""
    return dict(campaign.deliveries.values_list("subscriber__email", "status"))


def run_worker():
    """Run the background worker until no task is ready, as `manage.py db_worker` would."""
    # The worker installs its own SIGINT and SIGTERM handlers; give pytest its own back.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0",
            verbosity=0,
        )  # fmt: skip
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def eventually(condition, timeout):
    """Whether `condition()` holds within `timeout` seconds: a bound on a stuck process only."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
