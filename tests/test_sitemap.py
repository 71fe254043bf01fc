"""sitemap.xml, robots.txt and the open recommendations file: what crawlers and peers read."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from articles.models import Article, Attachment, Author, Issue, PartnerSite
from articles.site.sitemaps import PagedSitemap
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(Path(__file__).parent / "schemas" / "sitemap.xsd"))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://127.0.0.1:8000"
PDF = b"%PDF-1.4\n%%EOF\n"


def sitemap_pages(client):
    """{page address: its lastmod}, from the sitemap index."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    return {
        entry.findtext("s:loc", namespaces=NS): entry.findtext("s:lastmod", namespaces=NS)
        for entry in document.findall("s:sitemap", NS)
    }


def sitemap_page(client, address):
    response = client.get(address.removeprefix(SITE))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    return [
        (url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS))
        for url in document.findall("s:url", NS)
    ]


def sitemap(client):
    """{address: its lastmod} over every page the index lists; each address listed once."""
    entries = [entry for page in sitemap_pages(client) for entry in sitemap_page(client, page)]
    urls = dict(entries)
    assert len(urls) == len(entries)
    return urls


def attach(article, name="paper.pdf"):
    return Attachment.objects.create(article=article, file=SimpleUploadedFile(name, PDF))


@pytest.fixture
def publication():
    issue = make_issue()
    author = make_author("Listed Author")
    live = make_article("Live", issue=issue, authors=[author])
    hidden_author = make_author("Unpublished Author")
    make_article("Draft", status=Article.Status.DRAFT, authors=[hidden_author])
    make_article("Of a draft issue", issue=make_issue(status=Issue.Status.DRAFT))
    return issue, author, live


def test_the_sitemap_validates_and_lists_live_articles_issues_sections_and_authors(
    client, publication
):
    issue, author, live = publication
    live.tags.add(make_tag("Georgia"))
    make_article("Draft in Armenia", status=Article.Status.DRAFT).tags.add(make_tag("Armenia"))
    urls = sitemap(client)
    assert set(urls) == {
        f"{SITE}/",
        f"{SITE}/tags/georgia/",
        f"{SITE}/articles/live/",
        f"{SITE}{issue.get_absolute_url()}",
        f"{SITE}/sections/field-reports/",
        f"{SITE}/authors/listed-author/",
    }


def test_each_entry_carries_its_last_change(client, publication):
    issue, author, live = publication
    live.tags.add(make_tag("Georgia"))
    published = timezone.now() - timedelta(days=400)
    edited = published + timedelta(days=30)
    Article.objects.filter(pk=live.pk).update(published_at=published, updated_at=edited)
    urls = sitemap(client)
    for path in ["/", "/articles/live/", "/authors/listed-author/", "/sections/field-reports/"]:
        assert urls[f"{SITE}{path}"] == f"{edited:%Y-%m-%d}", path
    assert urls[f"{SITE}/tags/georgia/"] == f"{edited:%Y-%m-%d}"
    assert urls[f"{SITE}{issue.get_absolute_url()}"] == f"{issue.published_at:%Y-%m-%d}"


def test_an_article_published_after_its_last_edit_changed_when_it_was_published(
    client, publication
):
    issue, author, live = publication
    edited = timezone.now() - timedelta(days=10)
    published = timezone.now() - timedelta(days=2)
    Article.objects.filter(pk=live.pk).update(published_at=published, updated_at=edited)
    assert sitemap(client)[f"{SITE}/articles/live/"] == f"{published:%Y-%m-%d}"


def test_the_sitemap_costs_as_many_queries_for_fifty_articles_as_for_one(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the sitemap itself, not the page cache

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    def counts():
        return [count(address) for address in ("/sitemap.xml", *SECTION_PAGES)]

    issue = make_issue()
    attach(make_article("First", issue=issue))
    client.get("/")  # the site-wide content is cached after the first page
    one = counts()
    with django_capture_on_commit_callbacks(execute=True):  # what was kept goes stale
        for number in range(50):
            attach(make_article(f"Article {number}", issue=issue, authors=[make_author()]))
    client.get("/")  # and learns again when the next publication is due
    assert counts() == one
    # The index asks each kind of page once, articles and issues together (issues twice):
    # files are not articles, so their count and latest change take a query of their own.
    assert min(one) > 0 and max(one) <= 6, one


def test_a_sitemap_page_is_kept_until_a_listing_changes(
    client, settings, publication, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # the kept page, not the page cache, answers
    issue, author, live = publication
    before = sitemap(client)
    with CaptureQueriesContext(connection) as queries:
        assert sitemap(client) == before
    assert len(queries) == 0
    edited = timezone.now() + timedelta(days=3)
    with time_machine.travel(edited), django_capture_on_commit_callbacks(execute=True):
        live.title = "Live, corrected"
        live.save()
    assert before[f"{SITE}/articles/live/"] != f"{edited:%Y-%m-%d}"
    assert sitemap(client)[f"{SITE}/articles/live/"] == f"{edited:%Y-%m-%d}"


@pytest.mark.parametrize("page", ["0", "9", "two", "-1"])
def test_a_page_the_sitemap_does_not_have_answers_404_every_time(client, settings, page):
    settings.PAGE_CACHE_SECONDS = 0
    make_article("Live")
    for _ in range(2):
        assert client.get("/sitemap-articles.xml", {"p": page}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": "1"}).status_code == 200


SECTION_PAGES = [
    f"/sitemap-{name}.xml"
    for name in ("home", "articles", "issues", "sections", "authors", "tags", "files")
]


def test_the_index_splits_every_sitemap_into_pages_of_bounded_size(client, monkeypatch):
    monkeypatch.setattr(PagedSitemap, "limit", 2)
    issue = make_issue()
    authors = [make_author(f"Writer {number}") for number in range(3)]
    articles = [
        make_article(f"Article {number}", issue=issue, authors=[authors[number % 3]])
        for number in range(5)
    ]
    pages = sitemap_pages(client)
    assert [page for page in pages if "articles" in page] == [
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-articles.xml?p=2",
        f"{SITE}/sitemap-articles.xml?p=3",
    ]
    assert sum("authors" in page for page in pages) == 2
    assert all(len(sitemap_page(client, page)) <= 2 for page in pages)
    urls = sitemap(client)
    assert {f"{SITE}{article.get_absolute_url()}" for article in articles} <= set(urls)
    assert {f"{SITE}{author.get_absolute_url()}" for author in authors} <= set(urls)
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert client.get("/sitemap-articles.xml?p=last").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_an_old_page_of_the_sitemap_keeps_its_addresses_when_articles_are_added(
    client, monkeypatch
):
    monkeypatch.setattr(PagedSitemap, "limit", 2)
    issue = make_issue()
    for number in range(3):
        make_article(f"Article {number}", issue=issue)
    first_page = sitemap_page(client, "/sitemap-articles.xml")
    make_article("Newest", issue=issue)
    assert sitemap_page(client, "/sitemap-articles.xml") == first_page


def test_the_index_gives_each_sitemap_its_latest_change(client, publication):
    issue, author, live = publication
    long_ago = timezone.now() - timedelta(days=400)
    Article.objects.filter(pk=live.pk).update(published_at=long_ago, updated_at=long_ago)
    pages = sitemap_pages(client)
    assert pages[f"{SITE}/sitemap-articles.xml"].startswith(f"{long_ago:%Y-%m-%d}")
    assert pages[f"{SITE}/sitemap-issues.xml"].startswith(f"{issue.published_at:%Y-%m-%d}")


def test_the_files_of_live_articles_carry_their_own_change_or_their_articles_if_later(
    client, publication
):
    issue, author, live = publication
    published = timezone.now() - timedelta(days=400)
    uploaded, edited = published + timedelta(days=9), published + timedelta(days=30)
    Article.objects.filter(pk=live.pk).update(published_at=published, updated_at=published)
    uploaded_later = attach(live, "annex.pdf")
    Attachment.objects.filter(pk=uploaded_later.pk).update(updated_at=uploaded)
    uploaded_before = attach(make_article("Edited since", issue=issue), "tables.pdf")
    Attachment.objects.filter(pk=uploaded_before.pk).update(updated_at=published)
    Article.objects.filter(pk=uploaded_before.article_id).update(
        published_at=published, updated_at=edited
    )
    urls = sitemap(client)
    assert urls[f"{SITE}{uploaded_later.get_absolute_url()}"] == f"{uploaded:%Y-%m-%d}"
    assert urls[f"{SITE}{uploaded_before.get_absolute_url()}"] == f"{edited:%Y-%m-%d}"
    assert sitemap_pages(client)[f"{SITE}/sitemap-files.xml"].startswith(f"{edited:%Y-%m-%d}")


def test_the_files_of_articles_readers_cannot_see_are_left_out(client, publication):
    issue, author, live = publication
    shown = attach(live)
    hidden = [
        attach(Article.objects.get(title="Draft")),
        attach(Article.objects.get(title="Of a draft issue")),
        attach(make_article("Withdrawn", status=Article.Status.WITHDRAWN, issue=issue)),
        attach(make_article("Later", published_at=timezone.now() + timedelta(days=1))),
    ]
    files = [url for url in sitemap(client) if "/files/" in url]
    assert files == [f"{SITE}{shown.get_absolute_url()}"]
    assert all(f"/files/{file.pk}/" not in url for file in hidden for url in files)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /reads/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_recommendations_list_the_partner_sites_in_ghosts_format(client, db):
    PartnerSite.objects.create(name="AFPC", url="https://afpc.example.org/", position=2)
    PartnerSite.objects.create(name="Silk Road", url="https://silkroad.example.org/", position=1)
    response = client.get("/.well-known/recommendations.json")
    assert response["Content-Type"] == "application/json"
    recommendations = response.json()
    assert [r["url"] for r in recommendations] == [
        "https://silkroad.example.org/",
        "https://afpc.example.org/",
    ]
    assert set(recommendations[0]) == {"url", "reason", "created_at", "updated_at"}
    assert recommendations[0]["created_at"] <= recommendations[0]["updated_at"]


def test_an_empty_publication_still_answers_with_valid_files(client, db):
    assert Author.objects.count() == 0
    assert sitemap(client) == {}
    assert client.get("/.well-known/recommendations.json").json() == []
