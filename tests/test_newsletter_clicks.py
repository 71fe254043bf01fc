"""Click counts (off by default): links through signed redirects that go only where signed."""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from newsletter import clicks, content, sending
from newsletter.models import LinkClick
from tests.factories import make_article, make_campaign, make_issue, make_readers, make_user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
CLICK = re.compile(r"http://127\.0\.0\.1:8000/newsletter/c/[^\s\"<>]+/")


@pytest.fixture
def campaign():
    issue = make_issue()
    make_article("Where the links go", issue=issue)
    campaign = make_campaign(issue)
    campaign.start_sending(by=make_user())
    return campaign


@pytest.fixture
def tracking(settings):
    settings.NEWSLETTER_CLICK_TRACKING = True


def bodies(received):
    message = received.message
    return message.get_body(("html",)).get_content(), message.get_body(("plain",)).get_content()


def test_links_go_straight_to_the_site_by_default(smtp_sink, campaign):
    make_readers(1)
    sending.send_campaign(campaign)
    html, text = bodies(smtp_sink.received[0])
    assert "/newsletter/c/" not in html + text
    assert "/articles/" in html or "where-the-links-go" in html


def test_with_tracking_every_link_goes_through_us_except_unsubscribing(
    smtp_sink, campaign, tracking
):
    make_readers(1)
    sending.send_campaign(campaign)
    html, text = bodies(smtp_sink.received[0])
    assert CLICK.search(html) and CLICK.search(text)
    assert re.search(r'href="http://127\.0\.0\.1:8000/newsletter/unsubscribe/', html)
    assert "http://127.0.0.1:8000/newsletter/unsubscribe/" in text
    assert "/newsletter/c/" not in smtp_sink.received[0].message["List-Unsubscribe"]


def test_following_a_link_counts_a_click_and_goes_where_it_was_signed_for(
    smtp_sink, campaign, tracking, editor_client
):
    reader = Client()
    make_readers(1)
    sending.send_campaign(campaign)
    html, _ = bodies(smtp_sink.received[0])
    article = campaign.issue.articles.get()
    link = next(
        url
        for url in CLICK.findall(html)
        if clicks.read_token(token_of(url))[1].endswith(article.get_absolute_url())
    )
    for _ in range(2):
        response = reader.get(link, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 302
        assert response["Location"] == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert LinkClick.objects.get(campaign=campaign, url=response["Location"]).clicks == 2
    report = reverse("admin:newsletter_campaignreport_change", args=[campaign.pk])
    page = editor_client.get(report).content.decode()
    assert f"<td>{response['Location']}</td><td>2</td>" in page


def token_of(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def test_bots_and_link_scanners_are_redirected_but_not_counted(client, campaign):
    link = clicks.click_url(campaign.pk, "https://analyst.example.org/a/")
    for agent in ("", "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0"):
        assert client.get(link, HTTP_USER_AGENT=agent).status_code == 302
    assert not LinkClick.objects.exists()


def test_staff_following_a_link_of_a_preview_are_not_counted(editor_client, campaign):
    link = clicks.click_url(campaign.pk, "https://analyst.example.org/a/")
    assert editor_client.get(link, HTTP_USER_AGENT=BROWSER).status_code == 302
    assert not LinkClick.objects.exists()


def test_a_link_changed_in_any_way_goes_nowhere(client, campaign):
    token = token_of(clicks.click_url(campaign.pk, "https://analyst.example.org/a/"))
    for position in range(len(token)):
        swapped = "A" if token[position] != "A" else "B"
        altered = token[:position] + swapped + token[position + 1 :]
        response = client.get(reverse("newsletter:click", args=[altered]), HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 404, altered
    assert not LinkClick.objects.exists()


def test_a_link_signed_with_another_key_or_for_another_purpose_goes_nowhere(client, campaign):
    foreign = signing.Signer(key="not-our-key", salt="newsletter.click")
    unsubscribe_signer = signing.Signer(salt="newsletter.unsubscribe")
    payload = {"c": campaign.pk, "u": "https://evil.example/"}
    for token in (
        foreign.sign_object(payload, compress=True),
        unsubscribe_signer.sign_object(payload, compress=True),
        "https:%2F%2Fevil.example",
    ):
        response = client.get(reverse("newsletter:click", args=[token]), HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 404


def test_only_web_addresses_are_ever_signed_and_followed(campaign):
    html, text = clicks.track_links(
        campaign.pk,
        '<a href="mailto:x@example.org">m</a> <a href="javascript:alert(1)">j</a>',
        "Write to mailto:x@example.org or read https://analyst.example.org/a/.",
    )
    assert "mailto:x@example.org" in html and "javascript:alert(1)" in html
    assert text.startswith(
        "Write to mailto:x@example.org or read http://127.0.0.1:8000/newsletter/c/"
    )
    assert text.endswith("/.")  # the sentence's full stop stays outside the link


def test_the_html_link_keeps_its_query_string_whole(campaign):
    html, _ = clicks.track_links(campaign.pk, '<a href="https://a.example/?x=1&amp;y=2">a</a>', "")
    url = re.search(r'href="([^"]+)"', html)[1]
    assert clicks.read_token(token_of(url)) == (campaign.pk, "https://a.example/?x=1&y=2")


def test_the_campaign_message_is_rendered_with_tracked_links_once(campaign, tracking):
    message = content.CampaignMessage(campaign)
    assert CLICK.search(message.html) and CLICK.search(message.text)
