"""Confirmation emails the mail server turns away for now are retried; the admin says why."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber
from tests.helpers import run_worker, sign_up
from tests.newsletter_fixtures import reserve_port, send_to_port, use_task_backend

# The worker closes connections left in a transaction, as a test's own would be.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBSCRIBERS = reverse("admin:newsletter_subscriber_changelist")


@pytest.fixture(autouse=True)
def queued(settings):
    """Tasks go to the database queue and run when the worker runs, as in production."""
    use_task_backend(settings, "django_tasks_db.DatabaseBackend")


def later(time_machine, seconds):
    time_machine.move_to(timezone.now() + timedelta(seconds=seconds))


def confirmations_to(smtp_sink, address):
    return [received for received in smtp_sink.received if received.to == address]


def test_a_busy_server_gets_the_confirmation_again_after_1_then_5_minutes(
    admin_client, smtp_sink, time_machine
):
    smtp_sink.busy["new@example.org"] = 2
    sign_up(admin_client, "new@example.org")
    run_worker()
    page = admin_client.get(SUBSCRIBERS).content.decode()
    assert "Not sent yet (451 4.7.1 Busy, try again later); trying again at" in page
    run_worker()  # not due yet
    assert confirmations_to(smtp_sink, "new@example.org") == []
    later(time_machine, 61)
    run_worker()
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmation_attempts == 2
    assert timedelta(minutes=4) < subscriber.confirmation_retry_at - timezone.now()
    later(time_machine, 5 * 60 + 1)
    run_worker()
    assert len(confirmations_to(smtp_sink, "new@example.org")) == 1
    assert "Sent " in admin_client.get(SUBSCRIBERS).content.decode()
    assert not DBTaskResult.objects.ready().exists()


def test_a_confirmation_refused_for_good_is_not_retried_and_the_admin_shows_why(
    admin_client, smtp_sink
):
    smtp_sink.refuse["gone@example.org"] = "550 5.1.1 No such user here"
    sign_up(admin_client, "gone@example.org")
    run_worker()
    assert not DBTaskResult.objects.ready().exists()
    page = admin_client.get(SUBSCRIBERS, {"confirmation": "failed"}).content.decode()
    assert "gone@example.org" in page
    assert "Not sent: 550 5.1.1 No such user here" in page
    detail = admin_client.get(
        reverse("admin:newsletter_subscriber_change", args=[Subscriber.objects.get().pk])
    )
    assert b"No such user here" in detail.content


def test_a_confirmation_waits_for_a_mail_server_that_is_down_and_goes_once_it_is_back(
    admin_client, settings, smtp_sink, time_machine
):
    with reserve_port() as nothing_listens:
        send_to_port(settings, nothing_listens.getsockname()[1])
        sign_up(admin_client, "new@example.org")
        run_worker()
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmation_error.startswith("ConnectionRefusedError")
    assert subscriber.confirmation_retry_at is not None
    page = admin_client.get(SUBSCRIBERS, {"confirmation": "retrying"}).content.decode()
    assert "new@example.org" in page
    send_to_port(settings, smtp_sink.port)
    later(time_machine, 61)
    run_worker()
    assert len(confirmations_to(smtp_sink, "new@example.org")) == 1
    subscriber.refresh_from_db()
    assert (subscriber.confirmation_error, subscriber.confirmation_retry_at) == ("", None)
