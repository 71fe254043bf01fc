"""Reports reach us through a real SMTP server of ours and a real IMAP mailbox (Dovecot).

A campaign goes to a local SMTP sink; then real-format DSNs (hard, soft, delayed) and an ARF
complaint come back through `receive_bounces`' server and through `fetch_bounces`, and the
subscribers' states and the next campaign's recipients follow.
"""

import io
import signal
import smtplib
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from newsletter import bounces, inbound, receivers
from newsletter.models import DeliveryReport, Subscriber
from tests import bounce_reports, dovecot
from tests.factories import make_readers
from tests.newsletter_fixtures import free_port
from tests.test_newsletter_bounces import send_issue

# The SMTP server acts on reports in its own thread, which must see the test's rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def bounce_server():
    server = receivers.smtp_server("127.0.0.1", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def imap_server():
    reason = dovecot.missing()
    if reason:
        pytest.skip(reason)
    server = dovecot.Dovecot.start()
    yield server
    server.stop()


@pytest.fixture
def campaign(smtp_sink):
    make_readers(5)
    return send_issue(smtp_sink)


def send_report(server, raw, to, sender=""):
    """Hand a report to our SMTP server as a mail server does (bounces come from <>)."""
    with smtplib.SMTP(server.hostname, server.port, timeout=60) as client:
        return client.sendmail(sender, [to], raw)


def statuses():
    return dict(Subscriber.objects.values_list("email", "status"))


def reports_for(paths):
    """Hard for reader0, soft for reader1, delayed for reader2, a complaint about reader3."""
    return [
        (paths[address], build(paths[address], address))
        for address, build in (
            ("reader0@example.org", lambda path, to: bounce_reports.dsn("hard", path, to)),
            ("reader1@example.org", lambda path, to: bounce_reports.dsn("soft", path, to)),
            ("reader2@example.org", lambda path, to: bounce_reports.dsn("delayed", path, to)),
            ("reader3@example.org", bounce_reports.complaint),
        )
    ]


def check_the_outcome(smtp_sink, settings):
    assert statuses() == {
        "reader0@example.org": "suspended",
        "reader1@example.org": "confirmed",  # one soft bounce: not yet
        "reader2@example.org": "confirmed",
        "reader3@example.org": "unsubscribed",
        "reader4@example.org": "confirmed",
    }
    kinds = sorted(DeliveryReport.objects.values_list("kind", flat=True))
    assert kinds == ["complaint", "delayed", "hard", "soft"]
    _, later = send_issue(smtp_sink)
    assert sorted(later) == [f"reader{n}@example.org" for n in (1, 2, 4)]


def test_reports_through_the_smtp_server_change_the_subscribers(
    bounce_server, campaign, smtp_sink, settings
):
    _, paths = campaign
    for return_path, raw in reports_for(paths):
        assert send_report(bounce_server, raw, return_path) == {}
    assert {report.received_via for report in DeliveryReport.objects.all()} == {"smtp"}
    check_the_outcome(smtp_sink, settings)


def test_reports_through_the_mailbox_change_the_subscribers(
    imap_server, campaign, smtp_sink, settings
):
    _, paths = campaign
    for _, raw in reports_for(paths):
        imap_server.deliver(raw)
    imap_server.deliver(b"Subject: not a report\r\n\r\nHello\r\n")
    output = io.StringIO()
    call_command("fetch_bounces", url=imap_server.url, stdout=output)
    assert "5 read: 4 acted on, 1 ignored." in output.getvalue()
    assert all("\\Seen" in flags for flags in imap_server.flags())
    check_the_outcome(smtp_sink, settings)
    output = io.StringIO()
    call_command("fetch_bounces", url=imap_server.url, stdout=output)  # nothing unread is left
    assert "0 read" in output.getvalue()


def test_fetching_with_delete_empties_the_mailbox(imap_server, campaign, settings):
    _, paths = campaign
    settings.NEWSLETTER_BOUNCE_IMAP_URL = imap_server.url
    imap_server.deliver(
        bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org")
    )
    call_command("fetch_bounces", delete=True, stdout=io.StringIO())
    assert imap_server.count() == 0
    assert statuses()["reader0@example.org"] == "suspended"


def test_a_huge_message_in_the_mailbox_is_marked_read_without_being_acted_on(imap_server, campaign):
    _, paths = campaign
    genuine = bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org")
    imap_server.deliver(genuine + b"x" * (bounces.MAX_SIZE + 1))
    output = io.StringIO()
    call_command("fetch_bounces", url=imap_server.url, stdout=output)
    assert "1 read: 0 acted on, 1 ignored." in output.getvalue()
    assert statuses()["reader0@example.org"] == "confirmed"
    assert "\\Seen" in imap_server.flags()[0]


def test_a_wrong_password_says_so_and_changes_nothing(imap_server, campaign):
    url = imap_server.url.replace(dovecot.PASSWORD, "wrong")
    with pytest.raises(CommandError, match="the mailbox at 127.0.0.1"):
        call_command("fetch_bounces", url=url, stdout=io.StringIO())


def test_fetch_bounces_without_a_mailbox_says_what_to_set(settings):
    settings.NEWSLETTER_BOUNCE_IMAP_URL = ""
    with pytest.raises(CommandError, match="NEWSLETTER_BOUNCE_IMAP_URL"):
        call_command("fetch_bounces")
    with pytest.raises(CommandError, match="imaps://user:password@host"):
        call_command("fetch_bounces", url="http://example.org/")


def test_the_smtp_server_is_not_a_relay(bounce_server, campaign, smtp_sink):
    for address in ("someone@example.org", "bounces@elsewhere.example.org", "postmaster@localhost"):
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            send_report(bounce_server, b"Subject: relay me\r\n\r\nplease\r\n", address, "a@b.org")
        code, reply = refused.value.recipients[address]
        assert code == 550 and b"Relaying denied" in reply
    assert DeliveryReport.objects.count() == 0


def test_the_smtp_server_refuses_messages_over_a_megabyte(bounce_server, campaign):
    _, paths = campaign
    path = paths["reader0@example.org"]
    huge = bounce_reports.dsn("hard", path, "reader0@example.org") + b"x" * bounces.MAX_SIZE
    with pytest.raises((smtplib.SMTPSenderRefused, smtplib.SMTPDataError)) as refused:
        send_report(bounce_server, huge, path)
    assert refused.value.smtp_code == 552
    assert statuses()["reader0@example.org"] == "confirmed"


def test_the_smtp_server_takes_garbage_and_forgeries_and_goes_on(bounce_server, campaign):
    _, paths = campaign
    path = paths["reader0@example.org"]
    altered = path.replace("-", "-0", 1)
    send_report(bounce_server, b"\x00\xff\xfe not a report at all", path)
    send_report(bounce_server, bounce_reports.dsn("hard", altered, "reader0@example.org"), altered)
    assert statuses()["reader0@example.org"] == "confirmed"
    send_report(bounce_server, bounce_reports.dsn("hard", path, "reader0@example.org"), path)
    assert statuses()["reader0@example.org"] == "suspended"


def test_receive_bounces_refuses_a_bad_listen_address():
    with pytest.raises(CommandError, match="not a host:port"):
        call_command("receive_bounces", listen="nowhere")


def test_receive_bounces_serves_until_stopped_and_takes_only_the_bounce_address():
    port = free_port()
    command = [sys.executable, "manage.py", "receive_bounces", "--listen", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert "Taking mail for bounces@analyst.localhost" in server.stdout.readline()
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            client.ehlo()
            assert client.mail("")[0] == 250
            assert client.rcpt("bounces+1-abc@analyst.localhost")[0] == 250
            assert client.rcpt("someone@example.org")[0] == 550
            client.rset()
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        assert "Stopped." in server.stdout.read()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def database_away(monkeypatch):
    """Recording any report fails as it does while the database is down."""

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(inbound, "record", unreachable)


def test_while_the_database_is_away_the_smtp_server_asks_to_try_again_later(
    bounce_server, campaign, monkeypatch
):
    _, paths = campaign
    path = paths["reader0@example.org"]
    raw = bounce_reports.dsn("hard", path, "reader0@example.org")
    with monkeypatch.context() as patch:
        database_away(patch)
        with pytest.raises(smtplib.SMTPDataError) as deferred:
            send_report(bounce_server, raw, path)
        assert deferred.value.smtp_code == 451
    send_report(bounce_server, raw, path)  # the mail server's next try
    assert statuses()["reader0@example.org"] == "suspended"


def test_while_the_database_is_away_the_mailbox_keeps_its_messages_unread(
    imap_server, campaign, monkeypatch
):
    _, paths = campaign
    imap_server.deliver(
        bounce_reports.dsn("hard", paths["reader0@example.org"], "reader0@example.org")
    )
    with monkeypatch.context() as patch:
        database_away(patch)
        with pytest.raises(CommandError, match="unread messages stay unread"):
            call_command("fetch_bounces", url=imap_server.url, stdout=io.StringIO())
    assert "\\Seen" not in imap_server.flags()[0]
    call_command("fetch_bounces", url=imap_server.url, stdout=io.StringIO())
    assert statuses()["reader0@example.org"] == "suspended"
