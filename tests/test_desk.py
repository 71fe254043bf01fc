"""The admin's front page is the editor's desk: what needs doing and how issues were read."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import DailyReads, Issue
from tests.factories import make_article, make_issue

pytestmark = pytest.mark.django_db


def desk(client):
    return client.get(reverse("admin:index")).text


def test_the_desk_shows_the_next_issues_readiness(editor_client):
    issue = make_issue(status=Issue.Status.DRAFT, date=timezone.localdate() + timedelta(days=5))
    make_article("Ready Piece", issue=issue, status="approved", teaser="T.")
    make_article("Unready Piece", issue=issue, status="draft")
    page = desk(editor_client)
    assert "1 of 2 articles ready." in page
    assert "“Unready Piece” is draft, not approved." in page


def test_the_desk_lists_articles_waiting_for_review_longest_first(editor_client, contributor):
    older = make_article("Waiting Long", status="draft", authors=[contributor.author])
    newer = make_article("Waiting Short", status="draft", authors=[contributor.author])
    with TestCase.captureOnCommitCallbacks(execute=True):
        older.submit(by=contributor)
        older.transitions.update(at=timezone.now() - timedelta(days=3))
        newer.submit(by=contributor)
    page = desk(editor_client)
    assert page.index("Waiting Long") < page.index("Waiting Short")
    assert "3\xa0days" in page


def test_the_desk_shows_what_is_scheduled_and_when(editor_client):
    at = timezone.now() + timedelta(days=2)
    make_article("Coming Soon", status="scheduled", published_at=at)
    page = desk(editor_client)
    assert "Coming Soon" in page
    assert f"({timezone.get_current_timezone_name()})" in page


def test_the_desk_counts_articles_per_state_and_lists_recent_publications(editor_client):
    make_article("Fresh Out")
    make_article("Another Draft", status="draft")
    page = desk(editor_client)
    assert "Fresh Out" in page
    assert '?status__exact=draft">Draft</a></td><td>1</td>' in page
    assert '?status__exact=published">Published</a></td><td>1</td>' in page


def test_the_desk_charts_the_first_fourteen_days_of_reads_of_the_last_issues(editor_client):
    issue = make_issue(published_at=timezone.now() - timedelta(days=20))
    popular = make_article("Much Read", issue=issue)
    quiet = make_article("Little Read", issue=issue)
    start = timezone.localdate(issue.published_at)
    DailyReads.objects.create(article=popular, date=start, count=40)
    DailyReads.objects.create(article=popular, date=start + timedelta(days=13), count=10)
    DailyReads.objects.create(article=popular, date=start + timedelta(days=14), count=999)
    DailyReads.objects.create(article=quiet, date=start + timedelta(days=1), count=5)
    page = desk(editor_client)
    assert "<polyline" in page
    assert f"{issue}: 55 reads" in page
    assert "most read: Much Read (50); Little Read (5)" in page


def test_contributors_do_not_see_the_desk(contributor_client):
    make_article("Someone Else's", status="in_review")
    page = desk(contributor_client)
    assert "editors-desk" not in page
    assert "Someone Else" not in page


def test_a_contributor_sees_their_own_articles_and_their_state(contributor_client, contributor):
    make_article("Carla's Piece", status="changes_requested", authors=[contributor.author])
    page = desk(contributor_client)
    assert "Carla&#x27;s Piece" in page
    assert "Changes requested" in page


def test_the_desk_takes_the_same_number_of_queries_for_few_and_many_articles(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    upcoming = make_issue(status=Issue.Status.DRAFT)
    published = make_issue(published_at=timezone.now() - timedelta(days=3))

    def add_articles(number):
        for _ in range(number):
            make_article(status="approved", issue=upcoming)
            make_article(status="in_review")
            make_article(status="scheduled", published_at=timezone.now() + timedelta(days=1))
            read = make_article(issue=published)
            DailyReads.objects.create(article=read, date=timezone.localdate(), count=3)

    add_articles(1)
    count_queries()  # the first page of all also stores the site's settings
    few = count_queries()
    add_articles(10)
    count_queries()  # new articles make the cached site-wide content stale once
    assert count_queries() == few
