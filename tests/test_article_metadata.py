"""What an article page tells machines and citing readers: metadata, JSON-LD, Scholar, citation."""

import json
from datetime import date, datetime

import pytest
from django.utils import timezone
from lxml import html

from analyst.models import SiteSettings
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db
URL = "http://127.0.0.1:8000/articles/the-kazakh-military-looks-west/"


@pytest.fixture
def article():
    settings = SiteSettings.load()
    settings.name = "Central Asia-Caucasus Analyst"
    settings.save()
    issue = make_issue(date=date(2003, 7, 16), volume=5, number=14)
    article = make_article(
        "The Kazakh military looks west",
        section_slug="analytical-articles",
        issue=issue,
        authors=[make_author("Roger N. McExample"), make_author("Anne C. Second")],
        teaser="Kazakhstan turns to NATO for its military reform.",
        published_at=timezone.make_aware(datetime(2003, 7, 16, 9)),
    )
    article.tags.add(make_tag("Kazakhstan"), make_tag("NATO"))
    return article


def page_of(client, article):
    return html.fromstring(client.get(article.get_absolute_url()).content)


def meta(page, attribute, name):
    return [m.get("content") for m in page.cssselect(f'meta[{attribute}="{name}"]')]


def json_ld(page):
    (script,) = page.cssselect('script[type="application/ld+json"]')
    return json.loads(script.text)


def test_it_has_a_canonical_address_and_a_description(client, article):
    page = page_of(client, article)
    assert page.cssselect("link[rel=canonical]")[0].get("href") == URL
    assert meta(page, "name", "description") == [
        "Kazakhstan turns to NATO for its military reform."
    ]


def test_it_has_opengraph_and_twitter_card_tags(client, article):
    page = page_of(client, article)
    assert meta(page, "property", "og:type") == ["article"]
    assert meta(page, "property", "og:title") == ["The Kazakh military looks west"]
    assert meta(page, "property", "og:url") == [URL]
    assert meta(page, "property", "og:site_name") == ["Central Asia-Caucasus Analyst"]
    assert meta(page, "property", "article:section") == ["Analytical Articles"]
    assert meta(page, "property", "article:tag") == ["Kazakhstan", "NATO"]
    assert meta(page, "property", "article:published_time") == ["2003-07-16T09:00:00+00:00"]
    assert meta(page, "name", "twitter:card") == ["summary_large_image"]
    assert meta(page, "name", "twitter:description") == [
        "Kazakhstan turns to NATO for its military reform."
    ]


def test_the_json_ld_describes_an_article_by_people_in_an_issue(client, article):
    data = json_ld(page_of(client, article))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "The Kazakh military looks west"
    assert data["datePublished"] == "2003-07-16T09:00:00+00:00"
    assert data["url"] == URL
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Roger N. McExample",
            "url": "http://127.0.0.1:8000/authors/roger-n-mcexample/",
        },
        {
            "@type": "Person",
            "name": "Anne C. Second",
            "url": "http://127.0.0.1:8000/authors/anne-c-second/",
        },
    ]
    assert data["publisher"]["name"] == "Central Asia-Caucasus Analyst"
    issue = data["isPartOf"]
    assert issue["@type"] == "PublicationIssue"
    assert issue["issueNumber"] == "14"
    assert issue["datePublished"] == "2003-07-16"
    assert issue["isPartOf"]["volumeNumber"] == "5"
    assert issue["isPartOf"]["isPartOf"] == {
        "@type": "Periodical",
        "name": "Central Asia-Caucasus Analyst",
        "url": "http://127.0.0.1:8000",
    }


def test_the_json_ld_cannot_be_broken_out_of(client, article):
    article.title = "</script><script>alert(1)</script> & more"
    article.save()
    response = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in response
    data = json_ld(html.fromstring(response))
    assert data["headline"] == "</script><script>alert(1)</script> & more"


def test_google_scholar_finds_title_authors_date_journal_and_issue(client, article):
    page = page_of(client, article)
    assert meta(page, "name", "citation_title") == ["The Kazakh military looks west"]
    assert meta(page, "name", "citation_author") == ["Roger N. McExample", "Anne C. Second"]
    assert meta(page, "name", "citation_publication_date") == ["2003/07/16"]
    assert meta(page, "name", "citation_journal_title") == ["Central Asia-Caucasus Analyst"]
    assert meta(page, "name", "citation_volume") == ["5"]
    assert meta(page, "name", "citation_issue") == ["14"]


def test_it_shows_how_to_cite_it_with_a_copy_button(client, article):
    page = page_of(client, article)
    heading = page.cssselect("#how-to-cite-heading")[0].text_content()
    assert heading == "How to cite"
    assert page.cssselect("#citation")[0].text_content() == (
        "Roger N. McExample and Anne C. Second, “The Kazakh military looks west,” "
        f"Central Asia-Caucasus Analyst, 16 July 2003, {URL}."
    )
    assert page.cssselect("#citation cite")[0].text_content() == "Central Asia-Caucasus Analyst"
    button = page.cssselect("button[data-copy=citation]")[0]
    assert button.text_content() == "Copy the citation"
    assert button.get("hidden") is not None  # shown by static/js/readers.js, which copies
    assert page.cssselect("script[src$='js/readers.js']")


def test_an_article_outside_any_issue_is_cited_by_its_own_date(client):
    article = make_article(
        "A web exclusive",
        authors=[make_author("Solo Writer")],
        published_at=timezone.make_aware(datetime(2024, 2, 9, 12)),
    )
    page = page_of(client, article)
    assert page.cssselect("#citation")[0].text_content() == (
        "Solo Writer, “A web exclusive,” Analyst, 9 February 2024, "
        "http://127.0.0.1:8000/articles/a-web-exclusive/."
    )
    assert "isPartOf" not in json_ld(page)
    assert meta(page, "name", "citation_issue") == []


def test_the_page_has_no_inline_script(client, article):
    page = page_of(client, article)
    for script in page.cssselect("script"):
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert not [el for el in page.iter() if any(name.startswith("on") for name in el.attrib)]
