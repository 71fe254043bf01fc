"""A campaign's email: the issue's live articles only, absolute links, unsubscribe everywhere."""

import email
import email.policy
import re
from email.policy import SMTP

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from newsletter import content, prepared
from tests.factories import make_article, make_author, make_campaign, make_issue, make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    issue = make_issue(title="Caspian energy")
    roger = make_author("Roger N. McDermott")
    make_article(
        "The Kazakh military looks west",
        section_slug="analytical-articles",
        issue=issue,
        authors=[roger, make_author("Svante Cornell")],
        teaser="Kazakhstan turns to NATO for training.",
    )
    make_article("Field report from Aktau", issue=issue, issue_position=1)
    make_article("Second report", issue=issue, issue_position=0)
    make_article("Still a draft", issue=issue, status=Article.Status.DRAFT)
    make_article(
        "Scheduled for later",
        issue=issue,
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timezone.timedelta(days=1),
    )
    make_article("Withdrawn", issue=issue, status=Article.Status.WITHDRAWN)
    make_article("In another issue", issue=make_issue())
    return issue


def test_the_campaign_holds_every_live_article_of_the_issue_and_nothing_else(issue):
    message = content.CampaignMessage(make_campaign(issue))
    for text in (message.text, message.html):
        assert "Kazakh military looks west" in text
        assert "Field report from Aktau" in text
        assert "Second report" in text
        for hidden in ("Still a draft", "Scheduled for later", "Withdrawn", "In another issue"):
            assert hidden not in text


def test_articles_are_grouped_by_section_in_issue_order_with_authors_and_teaser(issue):
    text = content.CampaignMessage(make_campaign(issue)).text
    assert text.index("ANALYTICAL ARTICLES") < text.index("FIELD REPORTS")
    assert text.index("Second report") < text.index("Field report from Aktau")
    assert "By Roger N. McDermott and Svante Cornell" in text
    assert "Kazakhstan turns to NATO for training." in text


def test_every_link_in_the_email_is_absolute(issue, settings):
    settings.SITE_URL = "https://analyst.example.org"
    reader = make_subscriber("reader@example.org", "confirmed")
    _, html, _ = content.CampaignMessage(make_campaign(issue)).personal(reader.pk)
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links
    assert all(link.startswith("https://analyst.example.org/") for link in links), links
    assert "https://analyst.example.org/articles/the-kazakh-military-looks-west/" in links


def test_the_html_has_its_css_inlined_and_stays_under_100_kb(issue):
    message = content.CampaignMessage(make_campaign(issue, full_text=True))
    assert "<style" not in message.html
    assert 'style="' in message.html
    assert message.size < 100 * 1024


def test_full_text_is_cleaned_again_on_the_way_out(issue):
    article = issue.articles.get(slug="second-report")
    # Stored HTML that got past the editor somehow (an import, a manual fix in the database).
    Article.objects.filter(pk=article.pk).update(
        body='<p>Kept <a href="/about/">link</a></p><script>alert(1)</script>'
        '<img src="/media/x.png" onerror="alert(2)">'
    )
    html = content.CampaignMessage(make_campaign(issue, full_text=True)).html
    assert "<script" not in html and "onerror" not in html
    assert 'href="http://127.0.0.1:8000/about/"' in html
    assert 'src="http://127.0.0.1:8000/media/x.png"' in html


def test_teaser_only_campaigns_leave_out_the_full_text(issue):
    article = issue.articles.get(slug="second-report")
    article.body = "<p>The opening paragraph.</p><p>A paragraph only the full text has.</p>"
    article.save()
    teasers = content.CampaignMessage(make_campaign(issue, full_text=False))
    assert "The opening paragraph." in teasers.text
    assert "only the full text has" not in teasers.text + teasers.html
    full = content.CampaignMessage(make_campaign(issue, full_text=True))
    assert "only the full text has" in full.text
    assert "only the full text has" in full.html


def test_the_text_part_reads_as_plain_text(issue):
    article = issue.articles.get(slug="second-report")
    article.body = "<p>Trade &amp; transit <em>matter</em>.</p><p>Second paragraph.</p>"
    article.save()
    text = content.CampaignMessage(make_campaign(issue, full_text=True)).text
    assert "Trade & transit matter.\n\nSecond paragraph." in text
    assert "<em>" not in text and "&amp;" not in text


def test_each_message_carries_both_unsubscribe_headers_and_the_link_in_its_body(issue):
    reader = make_subscriber("reader@example.org", "confirmed")
    email = content.CampaignMessage(make_campaign(issue)).for_subscriber(reader.pk, reader.email)
    email.send()
    [sent] = mail.outbox
    header = sent.extra_headers["List-Unsubscribe"]
    web, mailto = re.fullmatch(r"<(https?://[^>]+)>, <(mailto:[^>]+)>", header).groups()
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert web in sent.body
    assert web in sent.alternatives[0].content
    assert mailto.startswith("mailto:unsubscribe@")


def test_each_reader_gets_their_own_unsubscribe_link(issue, client):
    one, two = (
        make_subscriber("one@example.org", "confirmed"),
        make_subscriber("two@example.org", "confirmed"),
    )
    message = content.CampaignMessage(make_campaign(issue))
    link_one = message.for_subscriber(one.pk, one.email).extra_headers["List-Unsubscribe"]
    link_two = message.for_subscriber(two.pk, two.email).extra_headers["List-Unsubscribe"]
    assert link_one != link_two
    client.post(re.search(r"<https?://[^/]+(/[^>]+)>", link_two).group(1))
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == ("confirmed", "unsubscribed")


def test_the_demo_issue_makes_an_email_under_100_kb():
    from articles.demo.loader import load_demo
    from articles.models import Issue

    load_demo()
    issue = Issue.objects.published().first()
    for full_text in (False, True):
        message = content.CampaignMessage(make_campaign(issue, full_text=full_text))
        assert message.size < 100 * 1024
        assert issue.articles.live().first().title in message.text


def queries_to_render(campaign):
    with CaptureQueriesContext(connection) as queries:
        content.CampaignMessage(campaign)
    return len(queries)


@pytest.mark.parametrize("full_text", [False, True])
def test_rendering_a_campaign_takes_the_same_queries_for_1_and_30_articles(full_text):
    small, large = make_issue(), make_issue()
    make_article(issue=small)
    for n in range(30):
        make_article(
            section_slug=["field-reports", "analytical-articles", "news-digest"][n % 3],
            issue=large,
            authors=[make_author(), make_author()],
        )
    one = make_campaign(small, full_text=full_text)
    thirty = make_campaign(large, full_text=full_text)
    queries_to_render(one)  # warm the site-wide cache
    assert queries_to_render(one) == queries_to_render(thirty)


def received(content_bytes):
    return email.message_from_bytes(content_bytes, policy=email.policy.default)


def test_each_readers_prepared_message_is_the_message_built_for_them(issue):
    """Sending fills one encoded message per reader; it must read as the one built in full."""
    campaign = make_campaign(issue)
    message = content.CampaignMessage(campaign)
    ready = prepared.PreparedMessage(message)
    assert ready.usable
    reader = make_subscriber("reader@example.org")
    built = received(
        message.for_subscriber(reader.pk, reader.email).message(policy=SMTP).as_bytes()
    )
    filled = received(ready.for_reader(reader.pk, reader.email))
    assert filled.keys() == built.keys()
    for name in set(built.keys()) - {"Message-ID", "Date", "Content-Type"}:
        assert filled[name] == built[name], name
    assert [part.get_content() for part in filled.iter_parts()] == [
        part.get_content() for part in built.iter_parts()
    ]
    assert content.unsubscribe_url(reader.pk) in filled.get_body(("html",)).get_content()


def test_every_prepared_message_has_its_own_reader_and_message_id(issue):
    ready = prepared.PreparedMessage(content.CampaignMessage(make_campaign(issue)))
    readers = [make_subscriber(f"reader{n}@example.org") for n in range(2)]
    first, second = (received(ready.for_reader(r.pk, r.email)) for r in readers)
    assert (first["To"], second["To"]) == ("reader0@example.org", "reader1@example.org")
    assert first["Message-ID"] != second["Message-ID"]
    assert first["List-Unsubscribe"] != second["List-Unsubscribe"]
    assert ready.for_reader(readers[0].pk, "lecteur@exämple.org") is None  # built in full
