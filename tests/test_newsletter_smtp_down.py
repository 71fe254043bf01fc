"""The mail server down during a send: nothing fails or is lost, and it all goes out once later."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from lxml import html

from newsletter import sending
from newsletter.models import Campaign, Delivery
from tests.factories import (
    make_article,
    make_campaign,
    make_issue,
    make_readers,
    make_subscriber,
    make_user,
)
from tests.helpers import campaign_url, delivery_statuses, run_action, run_worker
from tests.newsletter_fixtures import SmtpSink, send_to_port, use_task_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def down_server(settings):
    """A port where no mail server listens yet (connections are refused), and a way to start one."""
    sink = SmtpSink()
    send_to_port(settings, sink.port)
    yield sink
    sink.close()


@pytest.fixture
def campaign():
    issue = make_issue()
    make_article("Sent to everyone", issue=issue)
    campaign = make_campaign(issue)
    campaign.start_sending(by=make_user())
    return campaign


def history(admin_client, campaign):
    page = html.fromstring(admin_client.get(campaign_url(campaign)).content)
    return " ".join(page.cssselect("#events-group, [id$='events-group']")[0].text_content().split())


# The worker closes connections left in a transaction, as the test's own would be.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_send_started_while_the_server_is_down_waits_and_then_sends_each_message_once(
    admin_client, down_server, settings, time_machine, monkeypatch
):
    use_task_backend(settings, "django_tasks_db.DatabaseBackend")
    monkeypatch.setattr(sending, "RETRY_DELAYS", (60, 300))
    time_machine.move_to(timezone.now(), tick=False)
    for n in range(5):
        make_subscriber(f"reader{n}@example.org", "confirmed")
    draft = make_campaign()
    run_action(admin_client, draft, "send_to_subscribers", confirmed="yes")
    campaign = Campaign.objects.get(pk=draft.pk)
    run_worker()  # the server refuses the connection

    assert set(delivery_statuses(campaign).values()) == {"pending"}
    assert set(campaign.deliveries.values_list("attempts", flat=True)) == {0}
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENDING
    told = history(admin_client, campaign)
    assert f"Paused: the mail server at 127.0.0.1:{down_server.port} could not be reached" in told
    assert "Every delivery left stays pending; next try in 60 s" in told
    queued = DBTaskResult.objects.filter(status="READY").get()
    assert queued.run_after == timezone.now() + timedelta(seconds=60)

    down_server.start()
    run_worker()  # too early: the queued run waits for its time
    assert down_server.received == []
    time_machine.shift(timedelta(seconds=61))
    run_worker()
    assert sorted(down_server.recipients()) == [f"reader{n}@example.org" for n in range(5)]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert "The mail server answered again; sending resumed." in history(admin_client, campaign)


def test_each_pause_in_a_row_waits_longer_and_counts_no_attempt(
    down_server, campaign, settings, time_machine, monkeypatch
):
    monkeypatch.setattr(sending, "RETRY_DELAYS", (60, 300, 900))
    time_machine.move_to(timezone.now(), tick=False)
    make_readers(3)
    waits = []
    for _ in range(3):
        outcome = sending.send_campaign(campaign)
        assert not outcome.finished and "could not be reached" in outcome.unreachable
        assert "paused: the mail server" in outcome.summary()
        waits.append((outcome.retry_at - timezone.now()).total_seconds())
        time_machine.move_to(outcome.retry_at)
    assert waits == [60, 300, 900]
    assert set(campaign.deliveries.values_list("status", "attempts")) == {("pending", 0)}

    down_server.start()
    outcome = sending.send_campaign(campaign)
    assert outcome.finished
    assert sorted(down_server.recipients()) == [f"reader{n}@example.org" for n in range(3)]
    kinds = list(campaign.events.values_list("kind", flat=True))
    assert kinds == ["started", *["server unreachable"] * 3, "server back", "finished"]


def test_a_server_going_down_mid_batch_stops_the_send_and_loses_no_one(
    smtp_sink, campaign, admin_client, settings, time_machine, monkeypatch
):
    monkeypatch.setattr(sending, "RETRY_DELAYS", (60,))
    time_machine.move_to(timezone.now(), tick=False)
    make_readers(8)
    smtp_sink.refuse["reader1@example.org"] = "550 5.1.1 No such user here"
    smtp_sink.down_after = 3  # three accepted, then it drops the connection and stops listening

    outcome = sending.send_campaign(campaign, batch_size=5)

    assert outcome.unreachable and not outcome.finished
    assert smtp_sink.recipients() == [f"reader{n}@example.org" for n in (0, 2, 3)]
    by_status = {}
    for email, status in delivery_statuses(campaign).items():
        by_status.setdefault(status, set()).add(email)
    assert by_status == {
        "sent": {"reader0@example.org", "reader2@example.org", "reader3@example.org"},
        "failed": {"reader1@example.org"},  # the one real refusal, and only that one
        "pending": {f"reader{n}@example.org" for n in range(4, 8)},
    }
    pending = campaign.deliveries.filter(status=Delivery.Status.PENDING)
    assert set(pending.values_list("attempts", flat=True)) == {0}
    assert pending.first().error.startswith("Not sent yet: the mail server at 127.0.0.1")
    assert "Paused: the mail server" in history(admin_client, campaign)

    smtp_sink.come_back()
    time_machine.shift(timedelta(seconds=61))
    call_command("sweep_stalled_sends")
    assert sorted(smtp_sink.recipients()) == [
        f"reader{n}@example.org" for n in (0, 2, 3, 4, 5, 6, 7)
    ]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
