"""Editors build, preview, test and send campaigns, and look after subscribers, in the admin."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from newsletter.models import Campaign, Delivery, Subscriber
from tests.factories import make_article, make_campaign, make_issue, make_subscriber
from tests.helpers import campaign_url, run_action, run_worker
from tests.newsletter_fixtures import use_task_backend

pytestmark = pytest.mark.django_db

CAMPAIGNS = reverse("admin:newsletter_campaign_changelist")
SUBSCRIBERS = reverse("admin:newsletter_subscriber_changelist")


def send(client, campaign):
    """Press Send, then confirm it on the page that asks."""
    return run_action(client, campaign, "send_to_subscribers", confirmed="yes")


@pytest.fixture
def issue():
    issue = make_issue(title="Caspian energy")
    make_article("The Kazakh military looks west", issue=issue)
    return issue


def test_a_new_campaign_from_an_issue_has_its_subject_and_intro_filled_in(admin_client, issue):
    page = admin_client.get(reverse("admin:newsletter_campaign_add") + f"?issue={issue.pk}")
    html = page.content.decode()
    assert f"the {issue.date:%-d %B %Y} issue" in html
    assert "is out, with 1 new article." in html


def test_a_campaign_saved_with_a_blank_subject_takes_the_issues(admin_client, issue):
    admin_client.post(
        reverse("admin:newsletter_campaign_add"),
        {"issue": issue.pk, "subject": "", "intro": "", "full_text": ""},
    )
    campaign = Campaign.objects.get()
    assert campaign.subject == f"Analyst: the {issue.date:%-d %B %Y} issue"
    assert campaign.created_by.username == "boss"
    assert campaign.status == Campaign.Status.DRAFT


def test_the_editor_previews_the_campaign_as_html_and_as_text(admin_client, issue):
    campaign = make_campaign(issue)
    page = admin_client.get(campaign_url(campaign)).content.decode()
    html_url = reverse("admin:newsletter_campaign_preview_html", args=[campaign.pk])
    text_url = reverse("admin:newsletter_campaign_preview_text", args=[campaign.pk])
    assert html_url in page and text_url in page and " KB" in page
    html = admin_client.get(html_url)
    assert b"The Kazakh military looks west" in html.content
    assert b"<style" not in html.content
    text = admin_client.get(text_url)
    assert text["Content-Type"].startswith("text/plain")
    assert b"The Kazakh military looks west" in text.content


def test_previews_are_for_staff_only(client, issue):
    campaign = make_campaign(issue)
    url = reverse("admin:newsletter_campaign_preview_html", args=[campaign.pk])
    assert client.get(url).status_code == 302


def test_a_test_send_goes_to_the_editor_only_with_the_unsubscribe_headers(admin_client, issue):
    make_subscriber("reader@example.org", "confirmed")
    campaign = make_campaign(issue)
    page = run_action(admin_client, campaign, "send_test")
    assert b"Test sent to boss@example.org" in page.content
    [message] = mail.outbox
    assert message.to == ["boss@example.org"]
    assert message.subject.startswith("[Test] ")
    assert "List-Unsubscribe" in message.extra_headers
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert not Delivery.objects.exists()


def test_send_goes_to_every_confirmed_subscriber_and_a_second_click_sends_nothing(
    admin_client, issue, django_capture_on_commit_callbacks
):
    make_subscriber("one@example.org", "confirmed")
    make_subscriber("two@example.org", "confirmed")
    Subscriber.objects.create(email="pending@example.org")
    campaign = make_campaign(issue)
    with django_capture_on_commit_callbacks(execute=True):
        page = send(admin_client, campaign)
    assert b"has started in the background" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        again = send(admin_client, campaign)
    assert b"already sent" in again.content
    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.org", "two@example.org"]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    page = admin_client.get(campaign_url(campaign)).content.decode()
    assert "2 sent" in page


def test_the_admin_shows_progress_while_a_campaign_sends(admin_client, issue):
    readers = [make_subscriber(f"r{n}@example.org", "confirmed") for n in range(4)]
    campaign = make_campaign(issue)
    campaign.start_sending(by=None)
    Delivery.objects.create(
        campaign=campaign, subscriber=readers[0], status="sent", sent_at=campaign.started_at
    )
    Delivery.objects.create(campaign=campaign, subscriber=readers[1], status="failed", error="550")
    Delivery.objects.create(campaign=campaign, subscriber=readers[2])
    Delivery.objects.create(campaign=campaign, subscriber=readers[3])
    listing = admin_client.get(CAMPAIGNS).content.decode()
    assert "1 sent, 1 failed, 2 pending" in listing
    progress = admin_client.get(
        reverse("admin:newsletter_campaign_progress", args=[campaign.pk])
    ).json()
    assert (progress["sent"], progress["failed"], progress["pending"]) == (1, 1, 2)
    assert progress["status"] == "Sending"


def test_a_sending_campaign_can_no_longer_be_edited(admin_client, issue):
    campaign = make_campaign(issue, subject="Before")
    campaign.start_sending(by=None)
    admin_client.post(campaign_url(campaign), {"subject": "After", "intro": "", "issue": issue.pk})
    campaign.refresh_from_db()
    assert campaign.subject == "Before"


# The worker closes connections left in a transaction, as the test's own would be.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_db_worker_sends_a_campaign_queued_from_the_admin_through_smtp(
    admin_client, issue, smtp_sink, settings
):
    use_task_backend(settings, "django_tasks_db.DatabaseBackend")
    for n in range(5):
        make_subscriber(f"reader{n}@example.org", "confirmed")
    campaign = make_campaign(issue)
    send(admin_client, campaign)
    assert smtp_sink.received == []  # queued, not sent in the request
    run_worker()
    assert sorted(smtp_sink.recipients()) == [f"reader{n}@example.org" for n in range(5)]
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT


def test_send_campaign_command_sends_with_a_progress_bar(issue, smtp_sink, capsys):
    for n in range(3):
        make_subscriber(f"reader{n}@example.org", "confirmed")
    campaign = make_campaign(issue)
    call_command("send_campaign", campaign.pk)
    out = capsys.readouterr().out
    assert "[##############################] 3/3" in out
    assert "finished: 3 sent, 0 failed" in out
    assert len(smtp_sink.received) == 3


def test_subscribers_are_filtered_by_state_and_searched(admin_client):
    make_subscriber("alice@example.org", "confirmed")
    Subscriber.objects.create(email="bob@example.org")
    only_confirmed = admin_client.get(SUBSCRIBERS, {"status__exact": "confirmed"})
    assert b"alice@example.org" in only_confirmed.content
    assert b"bob@example.org" not in only_confirmed.content
    found = admin_client.get(SUBSCRIBERS, {"q": "bob"})
    assert b"bob@example.org" in found.content
    assert b"alice@example.org" not in found.content


def test_subscribers_export_as_csv(admin_client):
    alice = make_subscriber("alice@example.org", "confirmed")
    Subscriber.objects.create(email="=cmd|evil@example.org")
    response = admin_client.post(
        SUBSCRIBERS,
        {
            "action": "export_csv",
            "_selected_action": list(Subscriber.objects.values_list("pk", flat=True)),
        },
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["email", "status", "created_at"]
    assert rows[1][:2] == [alice.email, "confirmed"]
    assert any(row[0] == "'=cmd|evil@example.org" for row in rows)


def test_an_import_subscribes_addresses_that_confirmed_elsewhere(admin_client):
    make_subscriber("gone@example.org", "confirmed").unsubscribe(via="test")
    Subscriber.objects.create(email="pending@example.org")
    upload = SimpleUploadedFile(
        "old-list.csv",
        b"name,email\nAnn,ann@example.org\nBob,BOB@example.org\nNo,not-an-address\n"
        b"Gone,gone@example.org\nPending,pending@example.org\n",
        content_type="text/csv",
    )
    page = admin_client.post(
        reverse("admin:newsletter_subscriber_import"),
        {"file": upload, "consent_confirmed": "on", "source": "old list, 2026-11"},
        follow=True,
    )
    assert b"2 added, 1 pending addresses confirmed" in page.content
    assert b"line 4" in page.content
    assert mail.outbox == []  # no confirmation requests in bulk
    status = dict(Subscriber.objects.values_list("email", "status"))
    assert status == {
        "ann@example.org": "confirmed",
        "bob@example.org": "confirmed",
        "gone@example.org": "unsubscribed",
        "pending@example.org": "confirmed",
    }
    ann = Subscriber.objects.get(email="ann@example.org")
    assert ann.consent_source == "import"
    assert "old list, 2026-11" in ann.consent_text and "boss" in ann.consent_text


def test_an_import_needs_the_editor_to_vouch_for_consent(admin_client):
    upload = SimpleUploadedFile("list.csv", b"email\nann@example.org\n")
    page = admin_client.post(
        reverse("admin:newsletter_subscriber_import"), {"file": upload, "source": "somewhere"}
    )
    assert page.status_code == 200
    assert b"This field is required" in page.content
    assert not Subscriber.objects.exists()


def test_erasing_a_subscriber_removes_them_and_what_their_deliveries_said(admin_client, issue):
    reader = make_subscriber("reader@example.org", "confirmed")
    campaign = make_campaign(issue)
    Delivery.objects.create(
        campaign=campaign,
        subscriber=reader,
        status="failed",
        error="550 reader@example.org unknown",
    )
    confirm_page = admin_client.post(
        SUBSCRIBERS, {"action": "delete_selected", "_selected_action": [reader.pk]}
    )
    assert b"Are you sure" in confirm_page.content
    admin_client.post(
        SUBSCRIBERS, {"action": "delete_selected", "_selected_action": [reader.pk], "post": "yes"}
    )
    assert not Subscriber.objects.exists()
    delivery = Delivery.objects.get()
    assert delivery.subscriber is None and delivery.error == ""
    assert "reader@example.org" not in str(list(Delivery.objects.values()))


def test_send_asks_once_more_how_many_will_get_it_and_sends_nothing_until_then(admin_client, issue):
    make_subscriber("one@example.org", "confirmed")
    make_subscriber("two@example.org", "confirmed")
    campaign = make_campaign(issue)
    page = run_action(admin_client, campaign, "send_to_subscribers")
    assert "to 2 confirmed subscribers?" in page.text
    assert 'name="confirmed" value="yes"' in page.text
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT
    assert mail.outbox == []
