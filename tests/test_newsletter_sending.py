"""Sending through a real SMTP server: exactly once each, refusals, retries, interruptions."""

import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from newsletter import sending
from newsletter.models import Campaign, Delivery, Subscriber
from tests.factories import (
    make_article,
    make_campaign,
    make_issue,
    make_readers,
    make_subscriber,
    make_user,
)
from tests.helpers import delivery_statuses, unsubscribe_link
from tests.newsletter_fixtures import reserve_port, send_to_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(settings, monkeypatch):
    monkeypatch.setattr(sending, "RETRY_DELAYS", (0, 0, 0, 0))
    issue = make_issue()
    make_article("Sent to everyone", issue=issue)
    campaign = make_campaign(issue)
    campaign.start_sending(by=make_user())
    return campaign


def test_each_confirmed_subscriber_receives_exactly_one_message(smtp_sink, campaign):
    everyone = make_readers(12)
    Subscriber.objects.create(email="pending@example.org")
    make_subscriber("gone@example.org", "confirmed").unsubscribe(via="test")
    outcome = sending.send_campaign(campaign, batch_size=5)
    assert sorted(smtp_sink.recipients()) == sorted(reader.email for reader in everyone)
    assert outcome.finished
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert set(delivery_statuses(campaign).values()) == {"sent"}
    assert campaign.deliveries.count() == 12


def test_every_message_received_carries_the_unsubscribe_headers_and_body_link(smtp_sink, campaign):
    make_readers(3)
    sending.send_campaign(campaign)
    for received in smtp_sink.received:
        message = received.message
        web_link = message["List-Unsubscribe"].split(">")[0].lstrip("<")
        assert "mailto:" in message["List-Unsubscribe"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert web_link in message.get_body(("plain",)).get_content()
        assert web_link in message.get_body(("html",)).get_content()
        assert message["To"] == received.to
        # Whole, not folded into encoded words that mail programs cannot follow.
        assert b"\nList-Unsubscribe: <http://127.0.0.1:8000/newsletter/unsubscribe/" in received.raw
        assert b"=?utf-8?" not in received.raw


def test_running_the_send_again_sends_nothing_twice(smtp_sink, campaign):
    make_readers(4)
    sending.send_campaign(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    campaign.refresh_from_db()
    sending.send_campaign(campaign)
    assert len(smtp_sink.received) == 4


def test_a_recipient_refused_with_550_is_marked_failed_and_the_others_still_get_it(
    smtp_sink, campaign
):
    make_readers(5)
    smtp_sink.refuse["reader2@example.org"] = "550 5.1.1 No such user here"
    outcome = sending.send_campaign(campaign, batch_size=2)
    assert sorted(smtp_sink.recipients()) == [f"reader{n}@example.org" for n in (0, 1, 3, 4)]
    failed = campaign.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber.email == "reader2@example.org"
    assert failed.error.startswith("550") and "No such user" in failed.error
    assert failed.attempts == 1
    assert outcome.finished


def test_a_temporary_refusal_is_retried_and_then_delivered_once(smtp_sink, campaign):
    make_readers(3)
    smtp_sink.busy["reader1@example.org"] = 2
    outcome = sending.send_campaign(campaign)
    assert sorted(smtp_sink.recipients()) == [f"reader{n}@example.org" for n in range(3)]
    assert outcome.finished
    assert campaign.deliveries.get(subscriber__email="reader1@example.org").attempts == 3


def test_a_temporary_refusal_waits_with_backoff_before_the_next_attempt(
    smtp_sink, campaign, settings, monkeypatch, time_machine
):
    monkeypatch.setattr(sending, "RETRY_DELAYS", (60, 300))
    time_machine.move_to(timezone.now(), tick=False)  # the wait, not how long sending took
    make_readers(2)
    smtp_sink.busy["reader0@example.org"] = 1
    outcome = sending.send_campaign(campaign)
    assert smtp_sink.recipients() == ["reader1@example.org"]
    assert not outcome.finished
    assert timedelta(seconds=55) < outcome.retry_at - timezone.now() <= timedelta(seconds=60)
    deferred = campaign.deliveries.get(subscriber__email="reader0@example.org")
    assert deferred.status == Delivery.Status.PENDING
    assert deferred.error.startswith("451")


def test_a_recipient_that_keeps_failing_temporarily_is_given_up_after_five_attempts(
    smtp_sink, campaign
):
    make_readers(2)
    smtp_sink.busy["reader0@example.org"] = 100
    outcome = sending.send_campaign(campaign)
    given_up = campaign.deliveries.get(subscriber__email="reader0@example.org")
    assert (given_up.status, given_up.attempts) == (Delivery.Status.FAILED, 5)
    assert given_up.error.startswith("Gave up: 451")
    assert smtp_sink.recipients() == ["reader1@example.org"]
    assert outcome.finished


def test_a_dropped_connection_is_retried_on_a_new_one_without_duplicates(smtp_sink, campaign):
    make_readers(6)
    smtp_sink.drop.add("reader2@example.org")
    outcome = sending.send_campaign(campaign)
    assert sorted(smtp_sink.recipients()) == [f"reader{n}@example.org" for n in range(6)]
    assert outcome.finished


def test_an_unreachable_server_leaves_everything_pending_for_later(settings, campaign):
    make_readers(3)
    with reserve_port() as nothing_listens:
        send_to_port(settings, nothing_listens.getsockname()[1])
        outcome = sending.send_campaign(campaign)
    assert not outcome.finished
    assert outcome.retry_at is not None
    assert set(delivery_statuses(campaign).values()) == {"pending"}


def test_an_unsubscribe_during_the_send_is_honoured(smtp_sink, campaign, client):
    everyone = make_readers(6)
    leaver = everyone[4]

    def after_first_batch(progress):
        if progress["sent"] == 2:
            client.post(unsubscribe_link(leaver))

    sending.send_campaign(campaign, batch_size=2, on_batch=after_first_batch)
    assert leaver.email not in smtp_sink.recipients()
    assert len(smtp_sink.received) == 5
    assert delivery_statuses(campaign)[leaver.email] == Delivery.Status.SKIPPED


def test_an_unsubscribe_after_a_batch_was_claimed_is_still_honoured(smtp_sink, campaign):
    make_readers(4)
    sending.list_recipients(campaign)
    batch = sending.claim_next_batch(campaign, "worker-a", 10)
    Subscriber.objects.get(email="reader3@example.org").unsubscribe(via="test")
    message = sending.CampaignMessage(campaign)
    outcome = sending.Outcome()
    mailer = sending.mailers.default
    sending.send_batch(mailer, message, batch, "worker-a", outcome)
    mailer.close()
    assert "reader3@example.org" not in smtp_sink.recipients()
    assert (outcome.sent, outcome.skipped) == (3, 1)


def test_two_workers_never_claim_the_same_delivery(campaign):
    make_readers(10)
    sending.list_recipients(campaign)
    first = sending.claim_next_batch(campaign, "worker-a", 6)
    second = sending.claim_next_batch(campaign, "worker-b", 6)
    assert len(first) == 6 and len(second) == 4
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert sending.claim_next_batch(campaign, "worker-c", 6) == []


class Killed(BaseException):
    """Stands for the worker being killed: nothing in the sending code catches it."""


def test_a_send_killed_with_a_message_in_flight_resumes_with_no_duplicate_and_none_missed(
    smtp_sink, campaign
):
    make_readers(7)
    smtp_sink.hold_message_number = 3  # the server keeps the third message waiting…
    sender = threading.main_thread().ident
    # …and once it holds it, the worker (this thread, waiting for the answer) dies.
    smtp_sink.on_hold = lambda: signal.pthread_kill(sender, signal.SIGALRM)

    def kill(signum, frame):
        smtp_sink.loop.call_soon_threadsafe(smtp_sink.release.set)  # it never accepts it
        raise Killed

    previous = signal.signal(signal.SIGALRM, kill)
    try:
        with pytest.raises(Killed):
            sending.send_campaign(campaign, batch_size=5)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert smtp_sink.held
    assert len(smtp_sink.received) == 2
    # The dead worker's batch is still claimed: the rest of the list is left alone by a new run.
    assert campaign.deliveries.filter(status=Delivery.Status.SENDING).count() == 3
    call_command("sweep_stalled_sends", "--older-than", "0")  # and the queued send runs
    assert sorted(smtp_sink.recipients()) == [f"reader{n}@example.org" for n in range(7)]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT


def test_the_sweeper_leaves_recent_claims_of_a_live_worker_alone(campaign):
    make_readers(3)
    sending.list_recipients(campaign)
    sending.claim_next_batch(campaign, "worker-a", 10)
    released, _ = sending.sweep_stalled()
    assert released == 0
    later = timezone.now() + sending.STALE_AFTER + timedelta(seconds=1)
    released, campaigns = sending.sweep_stalled(now=later)
    assert released == 3
    assert campaigns == [campaign]


def test_subscribers_who_confirm_after_the_send_started_are_not_added_to_it(smtp_sink, campaign):
    make_readers(2)
    sending.list_recipients(campaign)
    make_subscriber("late@example.org", "confirmed")
    sending.send_campaign(campaign)
    assert "late@example.org" not in smtp_sink.recipients()


def test_an_erased_subscriber_is_skipped_and_their_delivery_forgets_them(smtp_sink, campaign):
    everyone = make_readers(3)
    sending.list_recipients(campaign)
    everyone[1].erase()
    sending.send_campaign(campaign)
    assert "reader1@example.org" not in smtp_sink.recipients()
    assert campaign.deliveries.filter(subscriber=None, status="skipped").count() == 1


# Marked here, not only by the conftest, so that pytest-django runs it with the other
# transactional tests, after the rest: its flush would empty the seeded sections.
@pytest.mark.postgres
@pytest.mark.real_clock
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_process_killed_mid_send_is_resumed_exactly_once(smtp_sink, campaign):
    make_readers(8)
    smtp_sink.hold_message_number = 4
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
        f"{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "send_campaign", str(campaign.pk)],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # A bound on a worker that never gets there; a busy machine's takes seconds.
        assert smtp_sink.holding.wait(timeout=300), "the worker never reached the fourth message"
        worker.kill()  # SIGKILL: no cleanup of any kind
        worker.wait(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
    smtp_sink.loop.call_soon_threadsafe(smtp_sink.release.set)
    assert len(smtp_sink.received) == 3
    call_command("sweep_stalled_sends", "--older-than", "0")
    assert sorted(smtp_sink.recipients()) == [f"reader{n}@example.org" for n in range(8)]
