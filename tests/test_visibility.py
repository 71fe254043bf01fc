"""The one rule: only live articles reach the public, on every page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Issue
from articles.models.workflow import perform
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [
    Article.Status.DRAFT,
    Article.Status.IN_REVIEW,
    Article.Status.CHANGES_REQUESTED,
    Article.Status.APPROVED,
    Article.Status.WITHDRAWN,
]


def public_listing_urls(article):
    author = article.authors.first()
    urls = [
        reverse("articles:home"),
        reverse("articles:section", args=[article.section.slug]),
        reverse("articles:author-list"),
        reverse("articles:issue-archive"),
    ]
    if article.issue:
        urls.append(reverse("articles:issue", args=[article.issue.slug]))
    urls += [tag.get_absolute_url() for tag in article.tags.all()]
    if author:
        urls.append(author.get_absolute_url())
    return urls


def assert_hidden_everywhere(client, hidden, witness):
    """`hidden` is 404 and absent from every listing that shows `witness` (a live article)."""
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in public_listing_urls(witness):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert hidden.title not in page, url
        assert hidden.get_absolute_url() not in page, url


@pytest.fixture
def shared():
    """An issue, an author and a tag shared by a live article and the one under test."""
    issue = make_issue()
    author = make_author("Shared Author")
    tag = make_tag("Kazakhstan")
    witness = make_article("The live one", issue=issue, authors=[author])
    witness.tags.add(tag)
    return issue, author, tag, witness


@pytest.mark.parametrize("status", HIDDEN_STATES)
def test_it_hides_articles_that_are_not_published(client, shared, status):
    issue, author, tag, witness = shared
    hidden = make_article("The hidden one", status=status, issue=issue, authors=[author])
    hidden.tags.add(tag)
    assert_hidden_everywhere(client, hidden, witness)


def test_it_hides_a_withdrawn_article_that_was_public(
    client, shared, editor, django_capture_on_commit_callbacks
):
    issue, author, tag, witness = shared
    hidden = make_article("Withdrawn later", issue=issue, authors=[author])
    assert client.get(hidden.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        perform(hidden, "withdraw", by=editor)
    assert_hidden_everywhere(client, hidden, witness)


def test_it_hides_scheduled_articles_until_their_time(client, shared, time_machine):
    issue, author, tag, witness = shared
    at = timezone.now() + timedelta(hours=2)
    hidden = make_article(
        "Scheduled", status=Article.Status.SCHEDULED, published_at=at, issue=issue, authors=[author]
    )
    assert_hidden_everywhere(client, hidden, witness)
    time_machine.move_to(at - timedelta(seconds=1), tick=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    time_machine.move_to(at + timedelta(seconds=1))
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_it_hides_published_articles_of_an_unpublished_issue(client, shared):
    _, author, tag, witness = shared
    draft_issue = make_issue(status=Issue.Status.DRAFT)
    hidden = make_article("In a draft issue", issue=draft_issue, authors=[author])
    hidden.tags.add(tag)
    assert_hidden_everywhere(client, hidden, witness)
    assert client.get(draft_issue.get_absolute_url()).status_code == 404


def test_it_hides_articles_of_an_issue_scheduled_for_later(client, shared):
    _, author, _, witness = shared
    later_issue = make_issue(published_at=timezone.now() + timedelta(days=1))
    hidden = make_article("In a later issue", issue=later_issue, authors=[author])
    assert_hidden_everywhere(client, hidden, witness)
    assert client.get(later_issue.get_absolute_url()).status_code == 404


def test_an_author_with_only_unpublished_articles_has_no_public_page(client):
    author = make_author("Still Drafting")
    make_article("Draft", status=Article.Status.DRAFT, authors=[author])
    assert client.get(author.get_absolute_url()).status_code == 404
    assert "Still Drafting" not in client.get(reverse("articles:author-list")).content.decode()


def test_a_tag_on_unpublished_articles_only_has_no_public_page(client):
    article = make_article("Draft", status=Article.Status.DRAFT)
    article.tags.add(make_tag("Turkmenistan"))
    assert client.get("/tags/turkmenistan/").status_code == 404


def test_the_read_counter_refuses_hidden_articles(client):
    hidden = make_article("Draft", status=Article.Status.DRAFT)
    response = client.post(reverse("articles:read-beacon"), {"article": hidden.pk})
    assert response.status_code == 404
    hidden.refresh_from_db()
    assert hidden.read_count == 0
