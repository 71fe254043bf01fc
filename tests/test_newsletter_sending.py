"""Sending through a real SMTP server: exactly once each, refusals, retries, interruptions."""

import os
import signal
import socket
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter import handover, sending, tasks, workers
from newsletter.models import Campaign, Delivery, Subscriber, WorkerHeartbeat
from tests.factories import (
    make_article,
    make_campaign,
    make_issue,
    make_readers,
    make_subscriber,
    make_user,
)
from tests.helpers import delivery_statuses, eventually, unsubscribe_link
from tests.newsletter_fixtures import reserve_port, send_to_port, use_task_backend

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
    with workers.beating() as heartbeat:
        batch = sending.claim_next_batch(campaign, heartbeat.worker_id, 10)
        Subscriber.objects.get(email="reader3@example.org").unsubscribe(via="test")
        sender = sending.Sender(campaign, heartbeat)
        sender.message = sending.CampaignMessage(campaign)
        for delivery in batch:
            sender.deliver(delivery)
        sender.mailer.close()
    assert "reader3@example.org" not in smtp_sink.recipients()
    assert (sender.outcome.sent, sender.outcome.skipped) == (3, 1)


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


def test_a_worker_killed_while_the_server_reads_a_message_counts_it_sent_and_resumes_once(
    smtp_sink, campaign
):
    make_readers(7)
    smtp_sink.hold_message_number = 3  # the server has the third message's end, and waits…
    sender = threading.main_thread().ident
    # …and meanwhile the worker (this thread, waiting for the answer) dies.
    smtp_sink.on_hold = lambda: signal.pthread_kill(sender, signal.SIGALRM)

    def kill(signum, frame):
        smtp_sink.loop.call_soon_threadsafe(smtp_sink.release.set)  # the server keeps it
        raise Killed

    previous = signal.signal(signal.SIGALRM, kill)
    try:
        with pytest.raises(Killed):
            sending.send_campaign(campaign, batch_size=5)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert smtp_sink.held
    # Recorded as the end went out: the server has it, so no later run sends it again.
    assert delivery_statuses(campaign)["reader2@example.org"] == Delivery.Status.SENT
    # The rest of the dead worker's batch is still claimed: a new run leaves it alone…
    assert campaign.deliveries.filter(status=Delivery.Status.SENDING).count() == 2
    # …until a worker's sweep finds no heartbeat behind the claims, and queues the campaign.
    call_command("sweep_stalled_sends")
    assert sorted(smtp_sink.recipients()) == [f"reader{n}@example.org" for n in range(7)]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT


def test_claims_stay_with_a_worker_while_it_beats_and_come_back_once_it_stops(campaign):
    make_readers(3)
    sending.list_recipients(campaign)
    heartbeat = workers.Heartbeat()
    heartbeat.register()
    sending.claim_next_batch(campaign, heartbeat.worker_id, 10)
    assert workers.release_stalled_deliveries() == (0, set())
    silent_for = workers.STALE_AFTER + timedelta(seconds=1)
    WorkerHeartbeat.objects.update(beat_at=Now() - silent_for)
    assert workers.release_stalled_deliveries() == (3, {campaign.pk})
    assert set(delivery_statuses(campaign).values()) == {"pending"}


def test_the_rows_of_workers_silent_for_a_day_are_forgotten(campaign):
    gone, alive = workers.Heartbeat(), workers.Heartbeat()
    gone.register()
    alive.register()
    WorkerHeartbeat.objects.filter(worker_id=gone.worker_id).update(
        beat_at=Now() - workers.FORGET_AFTER - timedelta(seconds=1)
    )
    call_command("sweep_stalled_sends")
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == [alive.worker_id]


def test_a_worker_sweeps_only_once_its_own_beats_have_come_steadily(campaign):
    heartbeat = workers.Heartbeat()
    assert not heartbeat.steady
    heartbeat.register()
    assert not heartbeat.steady  # just back: the others get time to beat again first
    heartbeat.steady_since -= workers.STALE_AFTER.total_seconds()
    assert heartbeat.steady


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


def worker_environment(smtp_sink):
    """The environment of a worker process using the test database and the sink."""
    database = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
        f"{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
    }


def start_worker(smtp_sink, log):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        env=worker_environment(smtp_sink),
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(worker):
    if worker.poll() is None:
        worker.kill()
    worker.wait(timeout=60)


def cut_database_connections():
    """What a failover or a restarted PostgreSQL does to every connection but ours."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def sent_in_the_end(campaign):
    """Whether the campaign is marked sent (a bound on a stuck worker only)."""
    return eventually(
        lambda: Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT, timeout=300
    )


# Marked here, not only by the conftest, so that pytest-django runs them with the other
# transactional tests, after the rest: their flush would empty the seeded sections.
@pytest.mark.postgres
@pytest.mark.real_clock
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_send_is_replaced_and_every_reader_gets_exactly_one(
    smtp_sink, campaign, settings, tmp_path
):
    use_task_backend(settings, "django_tasks_db.DatabaseBackend")
    readers = [reader.email for reader in make_readers(8)]
    smtp_sink.hold_message_number = 4
    log = (tmp_path / "workers.log").open("w")
    first = start_worker(smtp_sink, log)
    tasks.send_campaign.enqueue(campaign.pk)
    try:
        # A bound on a worker that never gets there; a busy machine's takes seconds.
        assert smtp_sink.holding.wait(timeout=300), "the worker never reached the 4th message"
        first.kill()  # SIGKILL: no cleanup of any kind; its task stays RUNNING, its rows claimed
        first.wait(timeout=60)
    finally:
        stop(first)
    smtp_sink.loop.call_soon_threadsafe(smtp_sink.release.set)
    second = start_worker(smtp_sink, log)  # as systemd's Restart=always does
    try:
        assert sent_in_the_end(campaign), (tmp_path / "workers.log").read_text()
    finally:
        stop(second)
    assert sorted(smtp_sink.recipients()) == sorted(readers)
    [lost] = DBTaskResult.objects.filter(status="FAILED")
    assert lost.exception_class_path == "newsletter.workers.WorkerLost"


@pytest.mark.postgres
@pytest.mark.real_clock
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_goes_on_when_its_database_connections_are_cut_mid_send_and_idle(
    smtp_sink, campaign, settings, tmp_path
):
    use_task_backend(settings, "django_tasks_db.DatabaseBackend")
    readers = [reader.email for reader in make_readers(8)]
    smtp_sink.hold_message_number = 4
    log = (tmp_path / "worker.log").open("w")
    worker = start_worker(smtp_sink, log)
    try:
        tasks.send_campaign.enqueue(campaign.pk)
        assert smtp_sink.holding.wait(timeout=300), "the worker never reached the 4th message"
        cut_database_connections()  # while the server reads the 4th message's end
        smtp_sink.loop.call_soon_threadsafe(smtp_sink.release.set)
        assert sent_in_the_end(campaign), (tmp_path / "worker.log").read_text()
        cut_database_connections()  # while it waits for work
        again = make_campaign(campaign.issue, subject="Once more")
        again.start_sending(by=None)
        tasks.send_campaign.enqueue(again.pk)
        assert sent_in_the_end(again), (tmp_path / "worker.log").read_text()
        assert worker.poll() is None, "the worker exited"
    finally:
        stop(worker)
    assert sorted(smtp_sink.recipients()) == sorted(readers * 2)


def test_the_connection_sends_each_write_at_once(smtp_sink, campaign, monkeypatch):
    """The end of a message is a write of its own: held back for the server's acknowledgement
    (Nagle's algorithm), each message would wait on the server's delayed ACK."""
    make_readers(2)
    options = []
    hand_over = handover.hand_over

    def watched(mailer, *args, **kwargs):
        hand_over(mailer, *args, **kwargs)
        sock = mailer.connection.sock
        options.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    monkeypatch.setattr(handover, "hand_over", watched)
    sending.send_campaign(campaign)
    assert len(smtp_sink.received) == 2
    assert len(options) == 2 and all(options), options
