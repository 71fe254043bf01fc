"""After an article: related articles by shared authors and tags, and its issue neighbours."""

import pytest
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
