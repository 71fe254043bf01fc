"""The newsletter is prepared from the issue's page and sent by those who may send it."""

from datetime import date

import pytest
from django.test import TestCase
from django.urls import reverse

from newsletter.models import Campaign
from tests.factories import make_article, make_campaign, make_issue, make_subscriber
from tests.helpers import campaign_url, run_action

pytestmark = pytest.mark.django_db


def issue_page(issue):
    return reverse("admin:articles_issue_change", args=[issue.pk])


def test_the_issue_page_prepares_its_newsletter_with_subject_and_intro(managing_editor_client):
    issue = make_issue()
    make_article("In The Issue", issue=issue)
    page = managing_editor_client.get(issue_page(issue)).text
    add = f"{reverse('admin:newsletter_campaign_add')}?issue={issue.pk}"
    assert f'href="{add}">Prepare the newsletter for this issue</a>' in page
    form = managing_editor_client.get(add).context["adminform"].form
    assert str(form["issue"].value()) == str(issue.pk)
    assert form["subject"].value()
    assert form["intro"].value()


def test_once_prepared_the_issue_page_leads_to_its_newsletter(managing_editor_client):
    campaign = make_campaign()
    page = managing_editor_client.get(issue_page(campaign.issue)).text
    assert f'href="{campaign_url(campaign)}">The newsletter of this issue</a>' in page


def test_a_managing_editor_may_send_the_newsletter(managing_editor_client):
    make_subscriber("reader@example.org", status="confirmed")
    campaign = make_campaign()
    page = managing_editor_client.get(campaign_url(campaign)).text
    assert "Send to all confirmed subscribers" in page
    run_action(managing_editor_client, campaign, "send_to_subscribers", confirmed="yes")
    campaign.refresh_from_db()
    assert campaign.status != Campaign.Status.DRAFT


def test_an_editor_prepares_but_is_told_why_they_cannot_send(editor_client):
    make_subscriber("reader@example.org", status="confirmed")
    campaign = make_campaign()
    page = editor_client.get(campaign_url(campaign))
    assert page.status_code == 200
    assert "Send a test to me" in page.text
    assert "Send to all confirmed subscribers" not in page.text
    assert "needs the permission to send campaigns, which Managing editors have" in page.text
    run_action(editor_client, campaign, "send_to_subscribers", confirmed="yes")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


def test_the_campaign_page_reports_its_end_for_the_page_to_show(managing_editor_client):
    campaign = make_campaign()
    progress = reverse("admin:newsletter_campaign_progress", args=[campaign.pk])
    assert managing_editor_client.get(progress).json()["finished_at"] == "-"
    make_subscriber("reader@example.org", status="confirmed")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the send runs at once (fixtures)
        run_action(managing_editor_client, campaign, "send_to_subscribers", confirmed="yes")
    answer = managing_editor_client.get(progress).json()
    assert (answer["status"], answer["sent"]) == ("Sent", 1)
    assert answer["finished_at"] != "-"


@pytest.mark.parametrize(
    "words", ["18 November", "november 2026", "Nov 18", "2026-11-18", "no. 22", "vol. 28 no 22"]
)
def test_the_issue_picker_finds_an_issue_by_date_words_and_number(managing_editor_client, words):
    wanted = make_issue(date=date(2026, 11, 18), volume=28, number=22)
    make_issue(date=date(2026, 10, 21), volume=28, number=20)
    response = managing_editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": words,
            "app_label": "newsletter",
            "model_name": "campaign",
            "field_name": "issue",
        },
    )
    assert [result["id"] for result in response.json()["results"]] == [str(wanted.pk)]


def test_the_issue_picker_still_finds_by_title(managing_editor_client):
    titled = make_issue(date=date(2026, 11, 18), title="Caspian Special")
    response = managing_editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "caspian",
            "app_label": "newsletter",
            "model_name": "campaign",
            "field_name": "issue",
        },
    )
    assert [result["id"] for result in response.json()["results"]] == [str(titled.pk)]
