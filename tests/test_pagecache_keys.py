"""What makes a cached page of its own, and how much the page cache may hold."""

import secrets

import pytest
from django.core.cache import cache

from analyst import pagecache
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db


def stored_pages():
    """The pages in the shared cache (the test run's local-memory cache, read directly)."""
    return [key for key in cache._cache if ":page:" in key]


def test_two_thousand_random_tracking_parameters_make_one_entry(client):
    article = make_article("Shared widely")
    url = article.get_absolute_url()
    for _ in range(2000):
        response = client.get(url, {"utm": secrets.token_hex(8)})
        assert response.status_code == 200
    assert len(stored_pages()) == 1
    assert len(pagecache.local_pages.entries) <= 2  # the page and the content version


def test_a_page_without_parameters_ignores_every_one(client):
    article = make_article("Plain page")
    url = article.get_absolute_url()
    clean = client.get(url).content
    for query in ("?utm_source=x&fbclid=1", "?page=7", "?q=anything", "?ref=a&ref=b"):
        assert client.get(url + query).content == clean
    assert len(stored_pages()) == 1


def test_listing_pages_keep_their_page_number_in_one_form(client):
    tag = make_tag("Caspian")
    for number in range(25):
        make_article(f"Caspian {number:02d}").tags.add(tag)
    url = tag.get_absolute_url()
    first = client.get(url).text
    second = client.get(url, {"page": "2"}).text
    assert first != second
    for variant in ("02", "+2", " 2", "2&utm=1", "1&page=2"):
        assert client.get(f"{url}?page={variant}").text == second
    assert client.get(f"{url}?page=1").text == first
    assert client.get(f"{url}?page=").text == first
    assert client.get(f"{url}?page=9").status_code == 404
    assert len(stored_pages()) == 2


def test_search_keeps_its_words_and_filters_and_drops_the_rest(client):
    author = make_author("Roger McDermott")
    make_article("Kazakh military looks west", authors=[author])
    make_article("Kazakh oil looks east")
    everything = client.get("/search/", {"q": "kazakh"}).text
    by_author = client.get("/search/", {"q": "kazakh", "author": author.slug}).text
    assert "Kazakh oil" in everything
    assert "Kazakh oil" not in by_author
    tracked = client.get("/search/", {"q": "kazakh", "utm_campaign": "spring"}).text
    assert tracked == everything
    assert "utm_campaign" not in tracked  # the facets' links carry only what the page reads
    assert len(stored_pages()) == 2


def test_a_page_larger_than_the_cap_is_built_each_time_and_never_stored(client, settings):
    article = make_article("Too long to keep")
    settings.PAGE_CACHE_PAGE_MAX_KB = 1
    first = client.get(article.get_absolute_url())
    assert len(first.content) > 1024
    assert client.get(article.get_absolute_url()).content == first.content
    assert stored_pages() == []
    assert "Cache-Control" not in first or "public" not in first["Cache-Control"]


def test_each_process_keeps_pages_within_its_memory_bound(client, monkeypatch):
    issue = make_issue()
    articles = [make_article(f"Article {number}", issue=issue) for number in range(6)]
    page_size = len(client.get(articles[0].get_absolute_url()).content)
    bound = pagecache.LocalStore(max_entries=500, max_bytes=3 * page_size)
    monkeypatch.setattr(pagecache, "local_pages", bound)
    for article in articles:
        client.get(article.get_absolute_url())
    assert bound.size <= 3 * page_size
    assert len(bound.entries) <= 4  # three pages and the content version
    assert len(stored_pages()) == 6  # the shared cache still holds them all
