"""What a search found is kept for all its pages until a listing changes, and deep pages work."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html

from articles.models import Article
from articles.models.workflow import perform
from articles.search import query
from tests.factories import make_article, make_tag
from tests.test_search import search, summary, titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the kept results, not the cached page, answer


def queries_for(client, **params):
    with CaptureQueriesContext(connection) as queries:
        search(client, **params)
    return [entry["sql"] for entry in queries.captured_queries]


def reports(count):
    """`count` live field reports on borders, the newest first: report 0 an hour old."""
    now = timezone.now()
    for number in range(count):
        make_article(f"Border report {number}", published_at=now - timedelta(hours=1 + number))


def test_the_same_search_asked_again_asks_the_database_nothing(client):
    reports(3)
    search(client)  # site-wide content is kept after the first page
    first = queries_for(client, q="border")
    assert len(first) >= 3  # facets, ranking, the page's articles
    assert queries_for(client, q="border") == []


def test_another_page_of_a_kept_search_asks_only_for_its_articles(client):
    reports(25)
    search(client, q="border")
    with CaptureQueriesContext(connection) as queries:
        page = search(client, q="border", page=2)
    assert titles(page) == [f"Border report {number}" for number in range(20, 25)]
    assert summary(page) == "25 articles match “border”; page 2 of 2."
    asked = " ".join(entry["sql"] for entry in queries.captured_queries)
    assert "COUNT(" not in asked  # no facets again
    assert "ts_rank" not in asked and "bm25(" not in asked  # no ranking again


def test_a_published_article_reaches_a_kept_search_once_it_is_committed(
    client, django_capture_on_commit_callbacks
):
    reports(2)
    assert summary(search(client, q="border")) == "2 articles match “border”."
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Border crossing reopened")
    page = search(client, q="border")
    assert summary(page) == "3 articles match “border”."
    assert "Border crossing reopened" in titles(page)


def test_a_withdrawn_article_leaves_a_kept_search_at_once(
    client, editor, django_capture_on_commit_callbacks
):
    reports(2)
    assert "Border report 1" in titles(search(client, q="border"))
    with django_capture_on_commit_callbacks(execute=True):
        perform(Article.objects.get(title="Border report 1"), "withdraw", by=editor)
    assert titles(search(client, q="border")) == ["Border report 0"]


def test_facet_links_follow_each_request_not_the_first_that_kept_the_search(client):
    make_article("Border report").tags.add(make_tag("Georgia"))

    def tag_link(**params):
        response = client.get("/search/", {"q": "border", **params})
        return html.fromstring(response.content).cssselect("#facet-tag + ul a")[0].get("href")

    assert tag_link(ref="newsletter") == "?q=border&ref=newsletter&tag=georgia"
    assert tag_link() == "?q=border&tag=georgia"
    assert tag_link(tag="georgia") == "?q=border"  # applied: the link removes it


def test_the_facet_counts_follow_an_article_published_since_they_were_shown(
    client, django_capture_on_commit_callbacks
):
    georgia = make_tag("Georgia")
    make_article("Border report").tags.add(georgia)

    def tag_facets():
        response = client.get("/search/", {"q": "border"})
        entries = html.fromstring(response.content).cssselect("#facet-tag + ul a")
        return [" ".join(entry.text_content().split()) for entry in entries]

    assert tag_facets() == ["Georgia 1 article"]
    assert tag_facets() == ["Georgia 1 article"]  # kept
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Border crossing reopened").tags.add(georgia)
    assert tag_facets() == ["Georgia 2 articles"]


def test_pages_beyond_the_kept_matches_are_asked_of_the_database_in_the_same_order(
    client, monkeypatch
):
    reports(45)
    monkeypatch.setattr(query, "KEPT_RESULTS", 20)
    assert titles(search(client, q="border")) == [f"Border report {n}" for n in range(20)]
    second = search(client, q="border", page=2)
    assert titles(second) == [f"Border report {n}" for n in range(20, 40)]
    last = search(client, q="border", page=3)
    assert titles(last) == [f"Border report {n}" for n in range(40, 45)]
    assert summary(last) == "45 articles match “border”; page 3 of 3."


def test_a_page_past_the_end_shows_the_last_page_and_keeps_it_as_that_page(client):
    reports(21)
    assert titles(search(client, q="border", page=9)) == ["Border report 20"]
    assert titles(search(client, q="border", page=2)) == ["Border report 20"]
    assert len(titles(search(client, q="border", page="nonsense"))) == 20


def test_an_edited_result_shows_its_new_title_once_the_edit_is_committed(
    client, django_capture_on_commit_callbacks
):
    reports(1)
    assert titles(search(client, q="border")) == ["Border report 0"]
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.get()
        article.title = "Border report, corrected"
        article.save()
    assert titles(search(client, q="border")) == ["Border report, corrected"]


def test_each_query_marks_its_own_words_in_the_same_article(client):
    make_article("Caravans", section_slug="news-digest", body="<p>Caravans cross the border.</p>")

    def marked(words):
        page = search(client, q=words)
        return [mark.text_content().lower() for mark in page.cssselect(".snippet mark")]

    assert marked("border") == ["border"]
    assert marked("cross") == ["cross"]
