"""Importing saved article pages: the seed page reads as it did, and every byline form is read."""

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import html

from analyst.models import SiteSettings
from articles.models import Article, ImportRecord

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).parent / "fixtures" / "pages"
# The seed page of ../shared/seed/, as a reader saw it on the old site.
SEED = PAGES / "article-page-2003-07-16.txt"
# One saved page for each form of byline the publication used.
FIXTURES = PAGES / "bylines"


def run(*paths):
    out = io.StringIO()
    call_command("import_pages", *map(str, paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def article_from(filename):
    return Article.objects.get(import_records__key__startswith=filename[:10])


def page_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return html.fromstring(response.content)


def text_of(element):
    return " ".join(element.text_content().split())


@pytest.fixture
def publication():
    site = SiteSettings.load()
    site.name = "CACI Analyst"
    site.save()


def test_the_seed_page_reads_as_it_did_element_by_element(client, publication):
    run(SEED)
    seed = [line.strip() for line in SEED.read_text().splitlines() if line.strip()]
    article = Article.objects.get()
    page = page_of(client, article)
    assert text_of(page.cssselect(".dateline")[0]) == seed[0]
    assert text_of(page.cssselect("h1")[0]) == "The Kazakh Military Looks West"
    assert article.title == seed[1]
    assert text_of(page.cssselect(".article-section")[0]) == seed[2]
    assert text_of(page.cssselect(".byline")[0]) == seed[3]
    # seed[4] is the cut-off teaser the old site printed above the text: dropped.
    assert seed[5].startswith(seed[4].rstrip(".")) and len(seed[4]) < len(seed[5])
    parts = [text_of(part) for part in page.cssselect(".article-part")]
    assert parts == [seed[5], seed[6], seed[7]]
    assert text_of(page.cssselect(".article-text")[0]).count("During his meetings") == 1
    # One author: the label reads AUTHOR'S, whatever the old page said.
    bio = seed[8].split(":", 1)[1].strip()
    assert text_of(page.cssselect(".bio")[0]) == f"AUTHOR’S BIO: {bio}"
    assert text_of(page.cssselect(".read-count")[0]) == seed[9] == "Read 5182 times"
    assert article.legacy_read_count == article.read_count == 5182
    assert article.teaser == ""
    assert (article.issue.date, article.issue.volume, article.issue.number) == (
        date(2003, 7, 16),
        1,
        1,
    )


@pytest.mark.parametrize(
    ("filename", "authors", "issue_date"),
    [
        ("2009-03-04-ampersand.txt", ["Svante E. Cornell", "Albert Barro"], date(2009, 3, 4)),
        ("2011-11-02-and.txt", ["John Smith", "Jane Doe"], date(2011, 11, 2)),
        # 08/05/13 is 5 August (a Monday) or 8 May (a Wednesday, like the dateline).
        ("2013-05-08-day-first.txt", ["Stephen Blank"], date(2013, 5, 8)),
        ("2013-08-21-month-first.txt", ["Luca Anceschi"], date(2013, 8, 21)),
        ("2016-03-15-named-month.txt", ["Natalia Konarzewska"], date(2016, 3, 15)),
        ("2023-11-30-date-line.txt", ["Svante E. Cornell"], date(2023, 11, 30)),
        ("2005-01-12-windows-1252.txt", ["Anne C. Aldis"], date(2005, 1, 12)),
    ],
)
def test_each_byline_form_gives_the_authors_and_the_issue(client, filename, authors, issue_date):
    run(FIXTURES / filename)
    article = Article.objects.get()
    assert [author.name for author in article.ordered_authors] == authors
    assert article.issue.date == issue_date
    assert page_of(client, article).cssselect(".byline a")[-1].get("href") == (
        f"/issues/{issue_date.isoformat()}/"
    )


def test_a_folder_of_pages_comes_across_field_by_field():
    output = run(FIXTURES)
    assert "7 created" in output
    georgia = article_from("2009-03-04")
    assert georgia.title == 'GEORGIA\'S "NEW" DEFENSE DOCTRINE'
    assert georgia.section.slug == "analytical-articles"
    assert georgia.background == (
        "<p>Georgia's government adopted a new doctrine this winter. "
        "It took two years to write.</p>"
    )
    assert georgia.implications == "<p>The doctrine names Russia as the main threat.</p>"
    assert georgia.conclusions == "<p>The West should take note.</p>"
    assert georgia.bio == "Svante E. Cornell and Albert Barro work at the Institute."
    assert georgia.read_count == georgia.legacy_read_count == 1234
    assert georgia.status == Article.Status.PUBLISHED
    fergana = article_from("2011-11-02")
    assert fergana.section.slug == "field-reports"
    assert fergana.body == (
        "<p>The valley’s markets were busy – busier than last year.</p>"
        "<p>Prices, traders said, have “stabilized”.</p>"
    )
    assert fergana.bio == "John Smith and Jane Doe report from Osh."
    caspian = article_from("2013-05-08")
    assert caspian.background == "<p>Moscow has long watched the Caspian.</p>"
    assert caspian.conclusions == "<p>Neighbors worry.</p>"
    assert caspian.bio == "Stephen Blank is a senior fellow."
    assert article_from("2016-03-15").bio == "Natalia Konarzewska is a freelance analyst."
    summit = article_from("2023-11-30")
    assert summit.section.slug == "news-digest"
    assert summit.body == "<p>Leaders of five states met in Astana.</p>"  # the sidebar is not text
    assert summit.read_count == 0
    france = article_from("2005-01-12")
    assert france.title == "France’s Central Asian turn"
    assert france.body == "<p>Paris’ envoys – three of them – toured the region.</p>"


def test_issues_are_numbered_within_their_year_and_volumes_by_year():
    run(FIXTURES)
    issues = {
        record.article.issue.date: (record.article.issue.volume, record.article.issue.number)
        for record in ImportRecord.objects.select_related("article__issue")
    }
    assert issues[date(2005, 1, 12)] == (1, 1)
    assert issues[date(2013, 5, 8)] == (9, 1)
    assert issues[date(2013, 8, 21)] == (9, 2)
    assert issues[date(2023, 11, 30)] == (19, 1)


def test_importing_again_changes_nothing_and_a_changed_page_updates(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "pages")
    run(tmp_path / "pages")
    assert "0 created, 0 updated, 7 unchanged" in run(tmp_path / "pages")
    page = tmp_path / "pages" / "2013-08-21-month-first.txt"
    page.write_text(page.read_text().replace("Read 77 times", "Read 80 times"))
    output = run(tmp_path / "pages")
    assert "1 updated" in output and "changed: read count" in output
    assert article_from("2013-08-21").read_count == 80
    assert Article.objects.count() == 7


def test_a_page_that_cannot_be_read_fails_alone(tmp_path):
    shutil.copy(FIXTURES / "2013-08-21-month-first.txt", tmp_path)
    (tmp_path / "no-dateline.txt").write_text(
        "A title\n\nPublished in Field Reports\n\nBy X\n\nText."
    )
    (tmp_path / "no-section.txt").write_text("Wednesday, 8 May 2013\n\nTitle\n\nBy X\n\nText.\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 of 3 items could not be imported"):
        call_command("import_pages", str(tmp_path), stdout=out, stderr=io.StringIO())
    report = out.getvalue()
    assert "no-dateline.txt — the first line should be a dateline, not 'A title'" in report
    assert "no-section.txt — the third line should read 'Published in …', not 'By X'" in report
    assert list(Article.objects.values_list("title", flat=True)) == ["TURKMENISTAN'S GAS"]


def test_a_missing_path_is_refused_before_anything_is_imported(tmp_path):
    with pytest.raises(CommandError, match="No such file or folder: .*nowhere"):
        call_command("import_pages", str(tmp_path / "nowhere"), stderr=io.StringIO())
