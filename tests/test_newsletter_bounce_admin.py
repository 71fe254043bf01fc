"""What editors see of what came back: suspended addresses, reactivation, each campaign's report."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from newsletter import inbound
from newsletter.models import Subscriber
from tests import bounce_reports
from tests.factories import make_readers, make_user
from tests.test_newsletter_bounces import send_issue

pytestmark = pytest.mark.django_db
SUSPENDED = reverse("admin:newsletter_suspendedaddress_changelist")


@pytest.fixture
def bounced(smtp_sink):
    """A campaign to four readers: reader0 bounced hard, reader1 soft, reader2 complained."""
    make_readers(4)
    campaign, paths = send_issue(smtp_sink)
    for kind, address in (("hard", "reader0"), ("soft", "reader1"), ("delayed", "reader1")):
        address = f"{address}@example.org"
        inbound.receive(bounce_reports.dsn(kind, paths[address], address, queue_id=kind))
    address = "reader2@example.org"
    inbound.receive(bounce_reports.complaint(paths[address], address))
    return campaign, paths


def report_url(campaign):
    return reverse("admin:newsletter_campaignreport_change", args=[campaign.pk])


def test_editors_see_suspended_addresses_with_their_reason(editor_client, bounced):
    page = editor_client.get(SUSPENDED)
    assert page.status_code == 200
    text = page.content.decode()
    assert "reader0@example.org" in text and "5.1.1" in text
    for other in ("reader1@", "reader2@", "reader3@"):
        assert other not in text


def test_the_suspended_address_page_shows_the_raw_report(editor_client, bounced):
    reader = Subscriber.objects.get(email="reader0@example.org")
    page = editor_client.get(reverse("admin:newsletter_suspendedaddress_change", args=[reader.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hard bounce" in text
    assert "Recipient address rejected: User unknown" in text
    assert "X-Postfix-Queue-ID: 3F2A01C0B5" in text  # the raw report, as it arrived
    assert "deletelink" not in text


def test_an_editor_reactivates_an_address_and_the_next_campaign_goes_to_it(
    editor_client, editor, bounced, smtp_sink
):
    reader = Subscriber.objects.get(email="reader0@example.org")
    url = reverse("admin:newsletter_suspendedaddress_change", args=[reader.pk])
    page = editor_client.post(
        url, {"CHANGE_FORM-action": "reactivate", "_selected_action": reader.pk}, follow=True
    )
    assert "Reactivated 1 address" in page.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    event = reader.events.get(kind="reactivated")
    assert "edith" in event.detail and "5.1.1" in event.detail
    assert LogEntry.objects.filter(object_id=str(reader.pk), user=editor).exists()
    assert reader.reports.count() == 1  # nothing deleted
    _, later = send_issue(smtp_sink)
    assert "reader0@example.org" in later


def test_reactivating_from_the_list_takes_only_suspended_addresses(editor_client, bounced):
    everyone = list(Subscriber.objects.values_list("pk", flat=True))
    editor_client.post(SUSPENDED, {"action": "reactivate", "_selected_action": everyone})
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses["reader0@example.org"] == "confirmed"
    assert statuses["reader2@example.org"] == "unsubscribed"  # a complaint stays unsubscribed


def test_a_contributor_sees_neither_page(contributor_client, bounced):
    campaign, _ = bounced
    assert contributor_client.get(SUSPENDED).status_code == 403
    assert contributor_client.get(report_url(campaign)).status_code == 403


def totals_on(page):
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td>(\d+)</td></tr>", page)
    return {label: int(value) for label, value in rows}


def test_the_report_counts_what_was_sent_and_what_came_back(editor_client, bounced, smtp_sink):
    campaign, _ = bounced
    page = editor_client.get(report_url(campaign))
    assert page.status_code == 200
    assert totals_on(page.content.decode()) == {
        "Recipients": 4,
        "Sent": 4,
        "Refused by the server": 0,
        "Hard bounces": 1,
        "Soft bounces": 1,
        "Delayed": 1,
        "Complaints": 1,
        "Unsubscribed": 1,
    }
    assert "<svg" in page.content.decode() and "1 hard bounces" in page.content.decode()


def test_staff_who_may_see_the_campaign_get_a_link_to_it_and_others_do_not(
    client, editor_client, bounced
):
    campaign, _ = bounced
    campaign_page = reverse("admin:newsletter_campaign_change", args=[campaign.pk])
    assert campaign_page in editor_client.get(report_url(campaign)).content.decode()
    reader_of_reports = make_user("analyst", is_staff=True)
    reader_of_reports.user_permissions.add(Permission.objects.get(codename="view_campaignreport"))
    client.force_login(reader_of_reports)
    page = client.get(report_url(campaign))
    assert page.status_code == 200
    assert campaign_page not in page.content.decode()  # no link to a page that would refuse


def test_the_report_counts_refusals_and_unsubscribes_on_the_days_they_happened(
    editor_client, smtp_sink, time_machine
):
    make_readers(3)
    smtp_sink.refuse["reader2@example.org"] = "550 5.1.1 No such user here"
    campaign, paths = send_issue(smtp_sink)
    time_machine.move_to(timezone.now() + timedelta(days=2))
    reader = Subscriber.objects.get(email="reader1@example.org")
    reader.unsubscribe(via="link")
    page = editor_client.get(report_url(campaign)).content.decode()
    totals = totals_on(page)
    assert (totals["Sent"], totals["Refused by the server"], totals["Unsubscribed"]) == (2, 1, 1)
    rows = list(csv.reader(io.StringIO(editor_client.get(csv_url(campaign)).content.decode())))
    header, days, everything = rows[0], rows[1:-1], rows[-1]
    assert header[:3] == ["day", "Recipients", "Sent"]
    assert len(days) == 14
    unsubscribed = header.index("Unsubscribed")
    assert [int(day[unsubscribed]) for day in days[:4]] == [0, 0, 1, 0]
    assert int(days[0][header.index("Sent")]) == 2
    assert everything[0] == "all" and int(everything[header.index("Refused by the server")]) == 1


def csv_url(campaign):
    return reverse("admin:newsletter_campaignreport_csv", args=[campaign.pk])


def test_the_csv_download_is_an_attachment_named_after_the_issue(editor_client, bounced):
    campaign, _ = bounced
    response = editor_client.get(csv_url(campaign))
    assert response["Content-Type"].startswith("text/csv")
    assert f"{campaign.issue.date:%Y-%m-%d}.csv" in response["Content-Disposition"]


def test_the_list_of_reports_shows_each_campaigns_numbers_and_exports_them(
    editor_client, bounced, smtp_sink
):
    first, _ = bounced
    second, _ = send_issue(smtp_sink)
    changelist = reverse("admin:newsletter_campaignreport_changelist")
    assert editor_client.get(changelist).status_code == 200
    response = editor_client.post(
        changelist, {"action": "export_csv", "_selected_action": [first.pk, second.pk]}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Hard bounces"] for row in rows] == ["1", "0"]
    assert [row["Sent"] for row in rows] == ["4", "2"]  # reader0 is suspended, reader2 left
    assert [row["Complaints"] for row in rows] == ["1", "0"]
