"""The admin pages an editor uses daily run the same number of queries however much they show."""

from datetime import date

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    make_article,
    make_author,
    make_campaign,
    make_issue,
    make_subscriber,
    make_tag,
)
from tests.helpers import run_action

pytestmark = pytest.mark.django_db

# A bound above what each page needs now, so that a page that starts to query per row fails.
MOST_QUERIES = 40


def fill(issue, count):
    """`count` articles in the issue, in both kinds of section, with authors, tags and history."""
    tag = make_tag(f"Tag of issue {issue.pk}")
    for number in range(count):
        section = "analytical-articles" if number % 2 else "field-reports"
        article = make_article(
            f"Article {issue.pk}-{number}",
            section_slug=section,
            issue=issue,
            status="approved" if number % 3 else "draft",
            authors=[make_author(), make_author()],
        )
        article.tags.add(tag)


def send(client, campaign, readers):
    """Send the campaign, with `readers` more confirmed subscribers (the send runs at once)."""
    for number in range(readers):
        make_subscriber(f"reader{campaign.pk}-{number}@example.org", status="confirmed")
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_action(client, campaign, "send_to_subscribers", confirmed="yes")


def queries(client, url):
    client.get(url)  # the first request fills the site-wide caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def pages(issue, campaign):
    article = issue.articles.order_by("pk").last()
    return {
        "desk": reverse("admin:index"),
        "article list": reverse("admin:articles_article_changelist"),
        "article form": reverse("admin:articles_article_change", args=[article.pk]),
        "issue page": reverse("admin:articles_issue_change", args=[issue.pk]),
        "campaign page": reverse("admin:newsletter_campaign_change", args=[campaign.pk]),
    }


@pytest.mark.parametrize(
    "page", ["desk", "article list", "article form", "issue page", "campaign page"]
)
def test_an_admin_page_takes_the_same_queries_for_one_article_and_forty(
    managing_editor_client, page
):
    few_issue = make_issue(status="draft", date=date(2026, 1, 7))
    fill(few_issue, 1)
    few_campaign = make_campaign(issue=few_issue)
    send(managing_editor_client, few_campaign, readers=1)
    few = queries(managing_editor_client, pages(few_issue, few_campaign)[page])
    many_issue = make_issue(status="draft", date=date(2026, 2, 4))
    fill(many_issue, 40)
    many_campaign = make_campaign(issue=many_issue)
    send(managing_editor_client, many_campaign, readers=40)
    many = queries(managing_editor_client, pages(many_issue, many_campaign)[page])
    assert many == few, f"{page}: {few} queries with one article, {many} with forty"
    assert many <= MOST_QUERIES
