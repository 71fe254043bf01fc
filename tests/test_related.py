"""After an article: related articles by shared authors and tags, and its issue neighbours."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

from articles.models import Article, Issue
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db


def page_of(client, article):
    return html.fromstring(client.get(article.get_absolute_url()).content)


def related(page):
    return [a.text_content() for a in page.cssselect(".related-articles li > a")]


def test_related_articles_share_authors_or_tags_those_sharing_most_first(client):
    writer, other = make_author("Writer One"), make_author("Writer Two")
    georgia, armenia = make_tag("Georgia"), make_tag("Armenia")
    article = make_article("The article", authors=[writer])
    article.tags.add(georgia, armenia)
    make_article("One tag", authors=[other]).tags.add(armenia)
    make_article("Author and both tags", authors=[writer]).tags.add(georgia, armenia)
    make_article("Nothing shared", authors=[other])
    make_article("Both tags", authors=[other]).tags.add(georgia, armenia)
    assert related(page_of(client, article)) == ["Author and both tags", "Both tags", "One tag"]


def test_an_article_sharing_only_an_author_is_related(client):
    writer = make_author("Writer One")
    article = make_article("The article", authors=[writer])
    make_article("By the same writer", authors=[writer])
    assert related(page_of(client, article)) == ["By the same writer"]


def test_related_articles_are_live_and_at_most_four(client):
    tag = make_tag("Georgia")
    article = make_article("The article")
    article.tags.add(tag)
    for number in range(6):
        make_article(f"Related {number}").tags.add(tag)
    make_article("Draft", status=Article.Status.DRAFT).tags.add(tag)
    make_article("Hidden issue", issue=make_issue(status=Issue.Status.DRAFT)).tags.add(tag)
    shown = related(page_of(client, article))
    assert len(shown) == 4
    assert "Draft" not in shown and "Hidden issue" not in shown
    assert "The article" not in shown


def test_of_articles_published_at_the_same_moment_the_later_made_comes_first(client):
    tag = make_tag("Georgia")
    moment = timezone.now() - timedelta(days=1)
    article = make_article("The article")
    article.tags.add(tag)
    for title in ("Made first", "Made second"):
        make_article(title, published_at=moment).tags.add(tag)
    make_article("Made last, published before", published_at=moment - timedelta(days=1)).tags.add(
        tag
    )
    shown = ["Made second", "Made first", "Made last, published before"]
    assert related(page_of(client, article)) == shown


def one_page_seen(client):
    """A tag's two articles, the first one's page seen (its tag's articles read and kept): the
    tag and the page not yet built."""
    tag = make_tag("Georgia")
    seen, unseen = make_article("Seen first"), make_article("Seen later")
    seen.tags.add(tag)
    unseen.tags.add(tag)
    assert related(page_of(client, seen)) == ["Seen later"]
    return tag, unseen


def test_an_article_published_since_the_tags_articles_were_read_is_related_at_once(
    client, django_capture_on_commit_callbacks
):
    tag, unseen = one_page_seen(client)
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Fresh arrival", published_at=timezone.now()).tags.add(tag)
    assert related(page_of(client, unseen)) == ["Fresh arrival", "Seen first"]


def test_an_article_tagged_since_the_tags_articles_were_read_is_related_at_once(
    client, django_capture_on_commit_callbacks
):
    untagged = make_article("Tagged afterwards")
    tag, unseen = one_page_seen(client)
    with django_capture_on_commit_callbacks(execute=True):
        untagged.tags.add(tag)
    assert "Tagged afterwards" in related(page_of(client, unseen))


def test_an_article_sharing_nothing_shows_no_related_block(client):
    article = make_article("Alone")
    make_article("Other")
    assert page_of(client, article).cssselect(".related-articles") == []


def test_previous_and_next_follow_the_issues_table_of_contents(client):
    issue = make_issue()
    analysis = make_article("Analysis", section_slug="analytical-articles", issue=issue)
    first = make_article("First report", issue=issue, issue_position=1)
    second = make_article("Second report", issue=issue, issue_position=2)
    make_article("Unpublished report", issue=issue, issue_position=3, status=Article.Status.DRAFT)
    page = page_of(client, first)
    previous = page.cssselect(".issue-neighbours a[rel=prev]")[0]
    following = page.cssselect(".issue-neighbours a[rel=next]")[0]
    assert previous.get("href") == analysis.get_absolute_url()
    assert following.get("href") == second.get_absolute_url()
    assert "Second report" in following.text_content()
    last = page_of(client, second)
    assert last.cssselect(".issue-neighbours a[rel=next]") == []
    assert page_of(client, analysis).cssselect(".issue-neighbours a[rel=prev]") == []


def test_an_article_outside_any_issue_has_no_issue_neighbours(client):
    article = make_article("Standalone")
    assert page_of(client, article).cssselect(".issue-neighbours") == []
