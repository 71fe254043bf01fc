"""Reports that come back after a campaign: what each changes, and what changes nothing."""

import itertools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from newsletter import inbound, sending
from newsletter.models import DeliveryReport, Subscriber
from tests import bounce_reports
from tests.factories import make_article, make_campaign, make_issue, make_readers, make_user

pytestmark = pytest.mark.django_db
_issue_numbers = itertools.count(1)


def send_issue(sink):
    """Send a new campaign to every confirmed subscriber; reader address → return path."""
    issue = make_issue()
    make_article(f"Sent to everyone, number {next(_issue_numbers)}", issue=issue)
    campaign = make_campaign(issue)
    campaign.start_sending(by=make_user(f"sender{issue.pk}"))
    already = len(sink.received)
    sending.send_campaign(campaign)
    return campaign, {received.to: received.sender for received in sink.received[already:]}


@pytest.fixture
def sent(smtp_sink):
    make_readers(3)
    return send_issue(smtp_sink)


def status_of(email):
    return Subscriber.objects.get(email=email).status


def test_a_hard_bounce_suspends_the_address_at_once_and_keeps_the_report(sent):
    campaign, paths = sent
    raw = bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org")
    outcome = inbound.receive(raw, via="smtp")
    assert outcome.accepted
    reader = Subscriber.objects.get(email="reader0@example.org")
    assert reader.status == Subscriber.Status.SUSPENDED
    assert "5.1.1" in reader.suspension_reason and "User unknown" in reader.suspension_reason
    report = reader.reports.get()
    assert report.kind == DeliveryReport.Kind.HARD and report.status == "5.1.1"
    assert report.delivery == campaign.deliveries.get(subscriber=reader)
    assert report.raw.encode() == raw
    assert reader.events.filter(kind="suspended").exists()
    assert status_of("reader1@example.org") == Subscriber.Status.CONFIRMED


def test_a_bounce_in_exims_own_format_is_read_as_hard(sent):
    _, paths = sent
    raw = bounce_reports.exim_bounce(paths["reader0@example.org"], "reader0@example.org")
    assert inbound.receive(raw).accepted
    assert status_of("reader0@example.org") == Subscriber.Status.SUSPENDED
    report = DeliveryReport.objects.get()
    assert (report.kind, report.status) == (DeliveryReport.Kind.HARD, "5.1.1")
    assert report.diagnostic == "550 5.1.1 User unknown"


def test_a_bounce_in_exims_format_about_another_address_is_ignored(sent):
    _, paths = sent
    raw = bounce_reports.exim_bounce(paths["reader0@example.org"], "reader1@example.org")
    assert not inbound.receive(raw).accepted
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}


def test_suspended_addresses_are_left_out_of_every_later_campaign(smtp_sink, sent):
    _, paths = sent
    inbound.receive(bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org"))
    _, later = send_issue(smtp_sink)
    assert sorted(later) == ["reader1@example.org", "reader2@example.org"]


def test_a_delay_is_kept_and_changes_nothing(sent):
    _, paths = sent
    outcome = inbound.receive(
        bounce_reports.dsn("delayed", paths["reader1@example.org"], "reader1@example.org")
    )
    assert outcome.accepted
    reader = Subscriber.objects.get(email="reader1@example.org")
    assert reader.status == Subscriber.Status.CONFIRMED
    assert reader.reports.get().kind == DeliveryReport.Kind.DELAYED


def test_soft_bounces_suspend_only_after_the_limit_of_campaigns_in_a_row(smtp_sink, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 3
    make_readers(2)
    for number in range(3):
        _, paths = send_issue(smtp_sink)
        assert status_of("reader0@example.org") == Subscriber.Status.CONFIRMED
        soft = bounce_reports.dsn(
            "soft", paths["reader0@example.org"], "reader0@example.org", queue_id=f"Q{number}"
        )
        assert inbound.receive(soft).accepted
    reader = Subscriber.objects.get(email="reader0@example.org")
    assert reader.status == Subscriber.Status.SUSPENDED
    assert reader.suspension_reason.startswith("3 soft bounces in a row")
    assert reader.reports.filter(kind=DeliveryReport.Kind.SOFT).count() == 3


def test_a_campaign_that_did_not_bounce_breaks_the_run_of_soft_bounces(smtp_sink, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 2
    make_readers(1)
    _, first = send_issue(smtp_sink)
    _, second = send_issue(smtp_sink)  # delivered: nothing comes back
    _, third = send_issue(smtp_sink)
    address = "reader0@example.org"
    inbound.receive(bounce_reports.dsn("soft", first[address], address, queue_id="A"))
    inbound.receive(bounce_reports.dsn("soft", third[address], address, queue_id="B"))
    assert status_of(address) == Subscriber.Status.CONFIRMED


def test_two_soft_bounces_of_one_campaign_count_once(smtp_sink, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 2
    make_readers(1)
    _, paths = send_issue(smtp_sink)
    address = "reader0@example.org"
    inbound.receive(bounce_reports.dsn("soft", paths[address], address, queue_id="A"))
    inbound.receive(bounce_reports.dsn("soft", paths[address], address, queue_id="B"))
    assert status_of(address) == Subscriber.Status.CONFIRMED


def test_a_complaint_unsubscribes_at_once(sent):
    campaign, paths = sent
    address = "reader2@example.org"
    raw = bounce_reports.complaint(paths[address], address, to="bounces@analyst.localhost")
    outcome = inbound.receive(raw, ["bounces@analyst.localhost"])
    assert outcome.accepted, outcome.detail
    reader = Subscriber.objects.get(email=address)
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert reader.reports.get().kind == DeliveryReport.Kind.COMPLAINT
    assert reader.events.filter(kind="unsubscribed", detail__startswith="complaint").exists()
    assert campaign.deliveries.get(subscriber=reader).unsubscribed_at is not None


def test_a_not_spam_feedback_report_changes_nothing(sent):
    _, paths = sent
    address = "reader2@example.org"
    raw = bounce_reports.complaint(paths[address], address, feedback_type="not-spam")
    assert not inbound.receive(raw).accepted
    assert status_of(address) == Subscriber.Status.CONFIRMED


def test_the_same_report_received_twice_is_kept_once(sent):
    _, paths = sent
    raw = bounce_reports.dsn("delayed", paths["reader1@example.org"], "reader1@example.org")
    assert inbound.receive(raw, via="smtp").accepted
    again = inbound.receive(raw, via="imap")
    assert not again.accepted and "received before" in again.detail
    assert DeliveryReport.objects.count() == 1


def forged_cases(paths):
    genuine = paths["reader0@example.org"]
    local, domain = genuine.split("@")
    altered = f"{local[:-1]}{'0' if local[-1] != '0' else '1'}@{domain}"
    hard = bounce_reports.dsn
    genuine_report = hard("hard", genuine, "reader0@example.org")
    return {
        "altered by one character": hard("hard", altered, "reader0@example.org"),
        "an altered copy beside the genuine one": genuine_report.replace(
            f"Delivered-To: {genuine}".encode(), f"Delivered-To: {altered}".encode()
        ),
        # reader1's own return path, used to report reader0's address as dead
        "another delivery's token": hard(
            "hard", paths["reader1@example.org"], "reader0@example.org"
        ),
        "made up": hard(
            "hard", f"bounces+{local.split('+')[1].split('-')[0]}-0@{domain}", "x@y.org"
        ),
        "no token": hard("hard", "bounces@analyst.localhost", "reader0@example.org"),
    }


def assert_each_is_ignored_and_logged(cases, caplog):
    """Each message is ignored, with its reason in the log, and no subscriber changes."""
    for name, raw in cases.items():
        with caplog.at_level(logging.WARNING, logger="newsletter.inbound"):
            outcome = inbound.receive(raw)
        assert not outcome.accepted, name
        assert outcome.detail.startswith("ignored") and outcome.detail in caplog.text, name
    assert DeliveryReport.objects.count() == 0
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}


def test_forged_reports_change_nothing_and_are_logged(sent, caplog):
    _, paths = sent
    assert_each_is_ignored_and_logged(forged_cases(paths), caplog)


def bad_inputs(paths):
    genuine = bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org")
    return {
        "over 1 MB": genuine + b"x" * (1024 * 1024),
        "not UTF-8": genuine.replace(b"User unknown", b"Usu\xe1rio desconhecido"),
        "cut short": genuine[: len(genuine) * 2 // 3],
        "malformed": b"\x00\x01garbage\r\n\r\n--\r\n" + paths["reader0@example.org"].encode(),
        "empty": b"",
        "a plain reply": (
            f"To: {paths['reader0@example.org']}\r\nSubject: Re: the issue\r\n\r\nThanks!"
        ).encode(),
    }


def test_bad_input_changes_nothing_and_says_why_in_the_log(sent, caplog):
    _, paths = sent
    assert_each_is_ignored_and_logged(bad_inputs(paths), caplog)
    assert "over 1024 KB" in caplog.text
    assert "not UTF-8" in caplog.text
    assert "cut short" in caplog.text


def test_a_report_about_an_erased_reader_keeps_nothing_about_them(sent):
    _, paths = sent
    Subscriber.objects.get(email="reader0@example.org").erase()
    raw = bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org")
    assert not inbound.receive(raw).accepted
    assert DeliveryReport.objects.count() == 0


def test_erasing_a_reader_keeps_the_counts_but_not_the_reports_text(sent):
    campaign, paths = sent
    inbound.receive(bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org"))
    Subscriber.objects.get(email="reader0@example.org").erase()
    report = DeliveryReport.objects.get()
    assert (report.raw, report.diagnostic, report.subscriber) == ("", "", None)
    assert report.delivery.campaign == campaign


@pytest.mark.postgres
def test_soft_bounces_of_two_campaigns_arriving_at_once_both_count(smtp_sink, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 2
    make_readers(1)
    address = "reader0@example.org"
    reports = [
        bounce_reports.dsn("soft", send_issue(smtp_sink)[1][address], address, queue_id=name)
        for name in ("A", "B")
    ]
    start = threading.Barrier(len(reports))

    def receive(raw):
        start.wait(timeout=60)
        try:
            return inbound.receive(raw)
        finally:
            connection.close()

    with ThreadPoolExecutor(len(reports)) as pool:
        outcomes = list(pool.map(receive, reports))
    assert all(outcome.accepted for outcome in outcomes)
    assert status_of(address) == Subscriber.Status.SUSPENDED
