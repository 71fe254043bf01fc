"""The PDF edition of an issue: cover, contents with page numbers, every article, kept as a file."""

import io
import re
from datetime import date

import pytest
from django.core.files.storage import default_storage
from lxml import html

from analyst.models import SiteSettings
from articles.models import Article, Issue
from articles.site import editions
from newsletter.content import CampaignMessage
from tests.factories import make_article, make_author, make_campaign, make_issue

pytest.importorskip("pypdf", reason="needs pypdf: pip install -e . --group dev")
from pypdf import PdfReader

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not editions.available(),
        reason="needs WeasyPrint and the system's Pango: apt-get install libpango-1.0-0 "
        "libpangoft2-1.0-0",
    ),
]


@pytest.fixture
def issue():
    site = SiteSettings.load()
    site.name = "Central Asia-Caucasus Analyst"
    site.save()
    issue = make_issue(date=date(2026, 11, 18), number=22, volume=28, title="Borders and Ballots")
    ann = make_author("Ann Example", bio="Ann Example studies borders.")
    ben = make_author("Ben Example", bio="Ben Example writes from Baku.")
    make_article(
        "THE KAZAKH MILITARY LOOKS WEST",
        section_slug="analytical-articles",
        issue=issue,
        authors=[ann, ben],
        background="<p>" + "Kazakhstan turned to NATO. " * 200 + "</p>",
        implications="<p>Further meetings are scheduled.</p>",
        conclusions="<p>Astana moves closer.</p>",
    )
    make_article("Elections in Georgia", issue=issue, authors=[ben], issue_position=1)
    make_article("A draft", issue=issue, status=Article.Status.DRAFT)
    return issue


def edition(client, issue):
    response = client.get(f"/issues/{issue.slug}/edition.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def text(reader, number):
    return " ".join(reader.pages[number - 1].extract_text().split())


def editions_kept():
    return default_storage.listdir("editions")[1] if default_storage.exists("editions") else []


def test_the_cover_names_the_publication_the_number_and_the_date(client, issue):
    cover = text(edition(client, issue), 1)
    for words in ["Central Asia-Caucasus Analyst", "VOLUME 28 · NUMBER 22", "18 November 2026"]:
        assert words in cover
    assert "Borders and Ballots" in cover


def test_the_contents_give_each_article_s_page_and_the_pages_hold_it(client, issue):
    reader = edition(client, issue)
    contents = text(reader, 2)
    assert contents.startswith("Contents")
    assert "A draft" not in contents
    pages = {}
    for title in ["The Kazakh Military Looks West", "Elections in Georgia"]:
        found = re.search(re.escape(title) + r"[ .]*?(\d+)", contents)
        assert found, (title, contents)
        pages[title] = int(found.group(1))
        assert title in text(reader, pages[title])
    assert pages["The Kazakh Military Looks West"] == 3
    # The long first article runs over two pages; the next starts on a page of its own.
    assert pages["Elections in Georgia"] == 5
    assert len(reader.pages) == 5


def test_every_article_has_its_parts_authors_and_bio_under_running_headers(client, issue):
    reader = edition(client, issue)
    first, second = text(reader, 3), text(reader, 4)
    assert "By Ann Example and Ben Example" in first
    assert "BACKGROUND:" in first
    assert "IMPLICATIONS:" in second and "CONCLUSIONS:" in second
    assert "AUTHORS’ BIO: Ann Example studies borders. Ben Example writes from Baku." in second
    for page in (first, second):
        assert page.count("Central Asia-Caucasus Analyst") == 1
        assert "The Kazakh Military Looks West" in page
        assert "18 November 2026" in page
    assert second.endswith("4")


def test_the_edition_is_kept_and_made_again_only_after_a_change(client, issue):
    edition(client, issue)
    (kept,) = editions_kept()
    edition(client, issue)
    assert editions_kept() == [kept]
    article = Article.objects.get(title="Elections in Georgia")
    article.display_title = "Georgia Votes"
    article.save()
    reader = edition(client, issue)
    assert "Georgia Votes" in text(reader, 2)
    assert editions_kept() != [kept] and len(editions_kept()) == 1


def test_an_unpublished_issue_has_no_edition(client):
    draft = make_issue(date=date(2026, 12, 2), status=Issue.Status.DRAFT)
    assert client.get(f"/issues/{draft.slug}/edition.pdf").status_code == 404


def test_the_issue_page_and_the_newsletter_link_to_the_edition(client, issue):
    page = html.fromstring(client.get(issue.get_absolute_url()).content)
    assert page.cssselect(".edition-link")[0].get("href") == f"/issues/{issue.slug}/edition.pdf"
    message = CampaignMessage(make_campaign(issue))
    address = f"http://127.0.0.1:8000/issues/{issue.slug}/edition.pdf"
    assert address in message.text
    assert html.fromstring(message.html).cssselect(f"a[href='{address}']")


def test_the_edition_reads_no_file_but_the_site_s_own():
    fetcher = editions.own_files_only()
    for address in ["http://example.org/x.png", "file:///etc/passwd", "data:text/plain,x"]:
        with pytest.raises(ValueError):
            fetcher.fetch(address)
    assert fetcher.fetch((editions.STATIC / "favicon.svg").as_uri())
