"""An edit makes stale only the kept pages that showed what it changed; the others stay cached."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from analyst.models import SiteSettings
from articles.models import Article, Issue
from articles.publishing.issues import publish_issue
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db


def served_from_cache(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries) == 0


@pytest.fixture
def archive():
    """Three issues of three articles, each article with its own author."""
    return [
        [
            make_article(f"Article {issue}.{n}", issue=make_issue(), authors=[make_author()])
            for n in range(3)
        ]
        for issue in range(3)
    ]


def visit(client, articles):
    for article in articles:
        client.get(article.get_absolute_url())


def test_editing_an_article_leaves_the_pages_of_other_issues_cached(
    client, archive, django_capture_on_commit_callbacks
):
    edited, *others = [article for issue in archive for article in issue]
    visit(client, [edited, *others])
    with django_capture_on_commit_callbacks(execute=True):
        edited.title = "Retitled"
        edited.save()
    assert "Retitled" in client.get(edited.get_absolute_url()).text
    elsewhere = [article for article in others if article.issue_id != edited.issue_id]
    assert all(served_from_cache(client, a.get_absolute_url()) for a in elsewhere)


def test_editing_an_article_refreshes_the_pages_that_show_it(
    client, django_capture_on_commit_callbacks
):
    issue = make_issue()
    writer, other = make_author("Shared Writer"), make_author("Another Writer")
    edited = make_article("Old title", issue=issue, authors=[writer])
    neighbour = make_article("Next in the issue", issue=issue, authors=[other])
    related = make_article("By the same writer", issue=make_issue(), authors=[writer])
    visit(client, [edited, neighbour, related])
    assert "Old title" in client.get(related.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        edited.title = "New title"
        edited.save()
    for page in (neighbour, related):
        text = client.get(page.get_absolute_url()).text
        assert "New title" in text
        assert "Old title" not in text


def test_a_withdrawn_article_leaves_the_related_lists_that_showed_it(
    client, editor, django_capture_on_commit_callbacks
):
    from articles.models.workflow import perform

    tag = make_tag("Georgia")
    gone = make_article("Soon withdrawn", issue=make_issue())
    staying = make_article("Still here", issue=make_issue())
    gone.tags.add(tag)
    staying.tags.add(tag)
    assert "Soon withdrawn" in client.get(staying.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        perform(gone, "withdraw", by=editor)
    assert "Soon withdrawn" not in client.get(staying.get_absolute_url()).text


def test_renaming_an_author_refreshes_their_articles_pages_only(
    client, archive, django_capture_on_commit_callbacks
):
    articles = [article for issue in archive for article in issue]
    visit(client, articles)
    renamed = articles[4].ordered_authors[0]
    with django_capture_on_commit_callbacks(execute=True):
        renamed.name = "Renamed Writer"
        renamed.save()
    assert "Renamed Writer" in client.get(articles[4].get_absolute_url()).text
    assert served_from_cache(client, articles[0].get_absolute_url())


def test_publishing_an_issue_leaves_the_other_issues_articles_cached(
    client, managing_editor, archive, django_capture_on_commit_callbacks
):
    articles = [article for issue in archive for article in issue]
    upcoming = make_issue(status=Issue.Status.DRAFT)
    make_article("With the new issue", issue=upcoming, status=Article.Status.APPROVED)
    visit(client, articles)
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        publish_issue(upcoming, by=managing_editor)
    assert "With the new issue" in client.get(upcoming.get_absolute_url()).text
    assert "With the new issue" in client.get("/sections/field-reports/").text
    assert all(served_from_cache(client, a.get_absolute_url()) for a in articles)


def test_every_listing_follows_an_edit(client, archive, django_capture_on_commit_callbacks):
    edited = archive[0][0]
    author = edited.ordered_authors[0]
    listings = ["/", edited.issue.get_absolute_url(), "/sections/field-reports/", "/feed/"]
    listings.append(author.get_absolute_url())
    for url in listings:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        edited.title = "Retitled for every listing"
        edited.save()
    for url in listings:
        assert "Retitled for every listing" in client.get(url).text, url


def test_a_site_wide_change_makes_every_page_stale(
    client, archive, django_capture_on_commit_callbacks
):
    articles = [article for issue in archive for article in issue]
    visit(client, articles)
    with django_capture_on_commit_callbacks(execute=True):
        settings = SiteSettings.load()
        settings.name = "The Renamed Analyst"
        settings.save()
    for article in articles:
        assert "The Renamed Analyst" in client.get(article.get_absolute_url()).text


def test_moving_an_article_to_another_issue_refreshes_both_issues_contents(
    client, django_capture_on_commit_callbacks
):
    first, second = make_issue(), make_issue()
    moving = make_article("Moving on", issue=first)
    left_behind = make_article("Left behind", issue=first)
    arrived_at = make_article("Already there", issue=second)
    visit(client, [left_behind, arrived_at])
    assert "Moving on" in client.get(left_behind.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        moving.issue = second
        moving.save()
    assert "Moving on" not in client.get(left_behind.get_absolute_url()).text
    assert "Moving on" in client.get(arrived_at.get_absolute_url()).text


def test_the_issue_archive_follows_an_issue_retitled(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # the entries each process keeps, not the page cache
    retitled, other = make_issue(date=date(2026, 1, 7)), make_issue(date=date(2026, 1, 21))
    assert "The steppe issue" not in client.get("/issues/").text
    with django_capture_on_commit_callbacks(execute=True):
        retitled.title = "The steppe issue"
        retitled.save()
    entries = [" ".join(li.text_content().split()) for li in issue_list(client, "/issues/")]
    assert entries == [
        f"21 January 2026 · Volume {other.volume}, number {other.number}",
        f"7 January 2026 · Volume {retitled.volume}, number {retitled.number} · The steppe issue",
    ]


def issue_list(client, url):
    return html.fromstring(client.get(url).content).cssselect(".issue-list li")
