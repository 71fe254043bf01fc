"""Every public page runs the same number of queries whatever it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analyst import fragments
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db


def build(count):
    issue = make_issue()
    author = make_author("Prolific Writer")
    tag = make_tag("Georgia")
    articles = []
    for number in range(count):
        section = "analytical-articles" if number % 2 else "field-reports"
        article = make_article(
            f"Article {number}", section_slug=section, issue=issue, authors=[author, make_author()]
        )
        article.tags.add(tag)
        articles.append(article)
    return issue, author, tag, articles


def urls(issue, author, tag, articles):
    return {
        "home": "/",
        "issue": issue.get_absolute_url(),
        "section": "/sections/field-reports/",
        "author": author.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "article": articles[-1].get_absolute_url(),
        "archive": "/issues/",
        "authors": "/authors/",
        "search": "/search/?q=article&tag=georgia",
        "most read": "/most-read/",
        "feed": "/feed/",
        "tag feed": f"{tag.get_absolute_url()}feed/atom/",
        "sitemap": "/sitemap.xml",
        "sitemap page": "/sitemap-articles.xml",
    }


def queries_per_page(client, count):
    fragments.store.clear()  # each count is a first build (no edit commits inside a test)
    pages = urls(*build(count))
    client.get("/")  # the site-wide content is cached after the first page
    result = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        result[name] = len(queries)
    return result


def test_pages_run_as_many_queries_for_fifty_articles_as_for_two(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure the pages themselves, not the cache
    two = queries_per_page(client, 2)  # the article page then has a related article to show
    from articles.models import Article, Author, Issue

    Article.objects.all().delete()
    Author.objects.all().delete()
    Issue.objects.all().delete()
    fifty = queries_per_page(client, 50)
    assert two == fifty
    assert max(fifty.values()) <= 7, fifty  # the article page: its text, authors, tags, files…


def test_a_listing_asked_again_with_nothing_changed_asks_the_database_nothing(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # what each process keeps, not the page cache
    pages = urls(*build(3))
    listings = [name for name in pages if name != "article"]
    for name in listings:
        client.get(pages[name])
    for name in listings:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(pages[name]).status_code == 200
        assert not queries, (name, [query["sql"] for query in queries])


def test_every_kept_listing_shows_an_article_published_since_it_was_kept(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # what each process keeps, not the page cache
    issue, author, tag, articles = build(3)
    pages = urls(issue, author, tag, articles)
    listings = ["home", "issue", "section", "author", "tag", "search", "feed", "tag feed"]
    for name in [*listings, "sitemap page"]:
        client.get(pages[name])
    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_article("Fresh article arrival", issue=issue, authors=[author])
        fresh.tags.add(tag)
    for name in listings:
        assert "Fresh article arrival" in client.get(pages[name]).content.decode(), name
    assert fresh.slug in client.get(pages["sitemap page"]).content.decode()


def test_kept_documents_stay_within_the_memory_they_may_take(client, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 0  # what each process keeps, not the page cache
    monkeypatch.setattr(fragments.store, "max_bytes", 40_000)
    text = "<p>" + "A long dispatch from the border. " * 200 + "</p>"  # 6.6 KB each
    for number in range(8):
        make_article(f"Long article {number}", section_slug="news-digest", body=text)
    first = client.get("/feed/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/feed/")
    assert len(first.content) > 40_000
    assert again.content == first.content  # written again, not kept
    assert len(queries) > 0
    assert fragments.store.size <= 40_000
    small = client.get("/sitemap-articles.xml")  # a small document is still kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap-articles.xml").content == small.content
    assert len(queries) == 0
