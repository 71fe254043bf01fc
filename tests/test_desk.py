"""The admin's front page is the editor's desk: what needs doing and how issues were read."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import DailyReads, Issue
from tests.factories import make_article, make_issue, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_member("edith", "Editor")
    client.force_login(user)
    return user


def desk(client):
    return client.get(reverse("admin:index")).text


def test_the_desk_shows_the_next_issues_readiness(client, editor):
    issue = make_issue(status=Issue.Status.DRAFT, date=timezone.localdate() + timedelta(days=5))
    make_article("Ready Piece", issue=issue, status="approved", teaser="T.")
    make_article("Unready Piece", issue=issue, status="draft")
    page = desk(client)
    assert "1 of 2 articles ready." in page
    assert "“Unready Piece” is draft, not approved." in page


def test_the_desk_lists_articles_waiting_for_review_longest_first(client, editor):
    carla = make_member("carla", "Contributor")
    older = make_article("Waiting Long", status="draft", authors=[carla.author])
    newer = make_article("Waiting Short", status="draft", authors=[carla.author])
    with TestCase.captureOnCommitCallbacks(execute=True):
        older.submit(by=carla)
        older.transitions.update(at=timezone.now() - timedelta(days=3))
        newer.submit(by=carla)
    page = desk(client)
    assert page.index("Waiting Long") < page.index("Waiting Short")
    assert "3\xa0days" in page


def test_the_desk_shows_what_is_scheduled_and_when(client, editor):
    at = timezone.now() + timedelta(days=2)
    make_article("Coming Soon", status="scheduled", published_at=at)
    page = desk(client)
    assert "Coming Soon" in page
    assert f"({timezone.get_current_timezone_name()})" in page


def test_the_desk_counts_articles_per_state_and_lists_recent_publications(client, editor):
    make_article("Fresh Out")
    make_article("Another Draft", status="draft")
    page = desk(client)
    assert "Fresh Out" in page
    assert '?status__exact=draft">Draft</a></td><td>1</td>' in page
    assert '?status__exact=published">Published</a></td><td>1</td>' in page


def test_the_desk_charts_the_first_fourteen_days_of_reads_of_the_last_issues(client, editor):
    issue = make_issue(published_at=timezone.now() - timedelta(days=20))
    popular = make_article("Much Read", issue=issue)
    quiet = make_article("Little Read", issue=issue)
    start = timezone.localdate(issue.published_at)
    DailyReads.objects.create(article=popular, date=start, count=40)
    DailyReads.objects.create(article=popular, date=start + timedelta(days=13), count=10)
    DailyReads.objects.create(article=popular, date=start + timedelta(days=14), count=999)
    DailyReads.objects.create(article=quiet, date=start + timedelta(days=1), count=5)
    page = desk(client)
    assert "<polyline" in page
    assert f"{issue}: 55 reads" in page
    assert "most read: Much Read (50); Little Read (5)" in page


def test_contributors_do_not_see_the_desk(client):
    client.force_login(make_member("carla", "Contributor"))
    make_article("Someone Else's", status="in_review")
    page = desk(client)
    assert "editors-desk" not in page
    assert "Someone Else" not in page


def test_a_contributor_sees_their_own_articles_and_their_state(client):
    carla = make_member("carla", "Contributor")
    make_article("Carla's Piece", status="changes_requested", authors=[carla.author])
    client.force_login(carla)
    page = desk(client)
    assert "Carla&#x27;s Piece" in page
    assert "Changes requested" in page


def test_the_desk_takes_the_same_number_of_queries_for_few_and_many_articles(client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:index")).status_code == 200
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
