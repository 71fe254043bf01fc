"""RSS and Atom feeds, read with feedparser as a feed reader would."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import html

from articles.models import Article, Issue
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.fixture
def articles():
    author = make_author("Svante E. Example")
    other = make_author("Anne Second")
    tag = make_tag("Georgia")
    analysis = make_article(
        "Georgia's choice",
        section_slug="analytical-articles",
        authors=[author, other],
        teaser="Tbilisi weighs its options.",
        published_at=timezone.now() - timedelta(days=1),
    )
    analysis.tags.add(tag)
    report = make_article("Field notes", authors=[other], body="<p>From <b>Batumi</b>.</p>")
    make_article("A draft", status=Article.Status.DRAFT, authors=[author]).tags.add(tag)
    make_article("Of an unpublished issue", issue=make_issue(status=Issue.Status.DRAFT))
    make_article(
        "Later",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=1),
        authors=[author],
    )
    return {"analysis": analysis, "report": report, "author": author, "tag": tag}


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_the_site_feed_lists_only_live_articles_newest_first(client, articles, url):
    response, feed = read_feed(client, url)
    assert [entry.title for entry in feed.entries] == ["Field notes", "Georgia's choice"]
    assert feed.feed.title == "Analyst"


def test_the_rss_feed_is_rss_and_the_atom_feed_atom(client, articles):
    rss, rss_feed = read_feed(client, "/feed/")
    atom, atom_feed = read_feed(client, "/feed/atom/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert rss_feed.version == "rss20"
    assert atom_feed.version == "atom10"


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_entries_carry_authors_dates_categories_and_the_full_text(client, articles, url):
    _, feed = read_feed(client, url)
    entry = feed.entries[1]
    analysis = articles["analysis"]
    assert [author.name for author in entry.authors] == ["Svante E. Example", "Anne Second"]
    assert entry.link == f"http://127.0.0.1:8000{analysis.get_absolute_url()}"
    assert entry.published_parsed[:6] == analysis.published_at.utctimetuple()[:6]
    assert [tag.term for tag in entry.tags] == ["Analytical Articles", "Georgia"]
    assert entry.summary == "Tbilisi weighs its options."
    content = entry.content[0].value
    assert "<h2>BACKGROUND</h2>" in content
    assert "Background of the matter, as it stood." in content
    assert "BIO:</strong> Svante E. Example writes for us." in content


@pytest.mark.parametrize(
    "url, titles",
    [
        ("/sections/analytical-articles/feed/", ["Georgia's choice"]),
        ("/sections/field-reports/feed/atom/", ["Field notes"]),
        ("/authors/svante-e-example/feed/", ["Georgia's choice"]),
        ("/authors/anne-second/feed/atom/", ["Field notes", "Georgia's choice"]),
        ("/tags/georgia/feed/", ["Georgia's choice"]),
        ("/tags/georgia/feed/atom/", ["Georgia's choice"]),
    ],
)
def test_sections_authors_and_tags_have_their_own_feeds(client, articles, url, titles):
    _, feed = read_feed(client, url)
    assert [entry.title for entry in feed.entries] == titles


def test_a_feed_of_something_unknown_is_not_found(client, db):
    assert client.get("/sections/nothing/feed/").status_code == 404
    assert client.get("/authors/nobody/feed/atom/").status_code == 404


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_the_feed_of_an_author_or_tag_without_a_public_article_is_not_found(client, suffix):
    """As their pages: a name known only from drafts is not shown anywhere."""
    author, tag = make_author("Embargoed Writer"), make_tag("Embargoland")
    make_article("Still a draft", status=Article.Status.DRAFT, authors=[author]).tags.add(tag)
    for owner in (author, tag):
        assert client.get(owner.get_absolute_url()).status_code == 404
        response = client.get(owner.get_absolute_url() + suffix)
        assert response.status_code == 404
        assert owner.name not in response.text


def test_html_in_a_feed_is_sanitized_again(client, articles):
    # Stored HTML is clean; a row written around the model (an import, raw SQL) may not be.
    Article.objects.filter(pk=articles["report"].pk).update(
        body='<p onclick="steal()">Hi<script>alert(1)</script><a href="javascript:x()">y</a></p>'
    )
    for url in ("/feed/", "/feed/atom/"):
        body = client.get(url).content.decode()
        assert "&lt;script" not in body
        assert "alert(1)" not in body
        assert "onclick" not in body
        assert "javascript:" not in body


def test_pages_link_to_their_feeds(client, articles):
    def alternates(url):
        page = html.fromstring(client.get(url).content)
        return [
            (link.get("type"), link.get("href")) for link in page.cssselect("link[rel=alternate]")
        ]

    site = [("application/rss+xml", "/feed/"), ("application/atom+xml", "/feed/atom/")]
    assert alternates("/") == site
    assert alternates(articles["analysis"].get_absolute_url()) == site
    assert alternates("/sections/field-reports/") == [
        ("application/rss+xml", "/sections/field-reports/feed/"),
        ("application/atom+xml", "/sections/field-reports/feed/atom/"),
        *site,
    ]
    assert alternates("/authors/svante-e-example/")[0][1] == "/authors/svante-e-example/feed/"
    assert alternates("/tags/georgia/")[1][1] == "/tags/georgia/feed/atom/"


def test_the_feed_shows_the_newest_thirty(client, db):
    for number in range(35):
        make_article(f"Report {number}", published_at=timezone.now() - timedelta(hours=number))
    _, feed = read_feed(client, "/feed/")
    assert len(feed.entries) == 30
    assert feed.entries[0].title == "Report 0"
