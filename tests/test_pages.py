"""The public pages a reader moves through: home, issues, sections, tags, authors."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from lxml import html

from articles.models import DailyReads, StaffPublication
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return html.fromstring(response.content)


def texts(tree, selector):
    return [" ".join(e.text_content().split()) for e in tree.cssselect(selector)]


def test_home_shows_the_current_issue_by_section(client):
    make_issue(date=date(2026, 10, 21))
    current = make_issue(date=date(2026, 11, 4))
    make_article("Analysis one", section_slug="analytical-articles", issue=current)
    make_article("Report one", issue=current)
    tree = page(client, "/")
    assert "4 November 2026" in texts(tree, "h1")[0]
    assert texts(tree, ".current-issue .contents-section h2") == [
        "Analytical Articles",
        "Field Reports",
    ]


def test_home_lists_recent_field_reports_and_the_months_most_read(client):
    issue = make_issue(date=timezone.localdate() - timedelta(days=28))
    current = make_issue(date=timezone.localdate() - timedelta(days=14))
    make_article("In the current issue", issue=current)
    popular = make_article("Popular", issue=issue)
    quiet = make_article("Quiet", issue=issue)
    old = make_article("Old favourite", issue=issue, read_count=9999)
    today = timezone.localdate()
    DailyReads.objects.create(article=popular, date=today, count=50)
    DailyReads.objects.create(article=quiet, date=today - timedelta(days=3), count=5)
    DailyReads.objects.create(article=old, date=today - timedelta(days=45), count=9999)
    tree = page(client, "/")
    assert texts(tree, ".most-read li a") == ["Popular", "Quiet"]
    assert set(texts(tree, ".recent-field-reports h3")) == {"Popular", "Quiet", "Old favourite"}
    assert "In the current issue" in texts(tree, ".current-issue h3")


def test_home_without_any_issue_says_so(client):
    assert "The first issue is in preparation." in page(client, "/").text_content()


def test_the_issue_page_lists_contents_in_editor_order_with_authors_and_teasers(client):
    previous = make_issue(date=date(2026, 10, 21))
    issue = make_issue(date=date(2026, 11, 4))
    following = make_issue(date=date(2026, 11, 18))
    author = make_author("Byline Person")
    make_article("Second report", issue=issue, issue_position=2, teaser="Teaser two.")
    make_article("First report", issue=issue, issue_position=1, authors=[author])
    make_article("The analysis", section_slug="analytical-articles", issue=issue)
    tree = page(client, issue.get_absolute_url())
    assert texts(tree, ".contents-section h3") == ["The analysis", "First report", "Second report"]
    assert "By Byline Person" in texts(tree, ".article-item .meta")[1]
    assert "Teaser two." in texts(tree, ".teaser")
    links = {a.get("rel"): a.get("href") for a in tree.cssselect(".issue-nav a")}
    assert links == {"prev": previous.get_absolute_url(), "next": following.get_absolute_url()}


def test_the_archive_groups_issues_by_year(client):
    make_issue(date=date(2025, 6, 4))
    make_issue(date=date(2026, 1, 7))
    make_issue(date=date(2026, 1, 21))
    tree = page(client, "/issues/")
    assert texts(tree, ".years a") == ["2026", "2025"]
    assert texts(tree, ".issue-list time") == ["21 January 2026", "7 January 2026"]
    assert texts(page(client, "/issues/2025/"), ".issue-list time") == ["4 June 2025"]
    page(client, "/issues/1999/", status=404)


def test_the_section_page_is_paginated_newest_first(client):
    now = timezone.now()
    for number in range(25):
        make_article(f"Report {number:02}", published_at=now - timedelta(days=number))
    first = page(client, "/sections/field-reports/")
    assert texts(first, ".article-item-title")[:2] == ["Report 00", "Report 01"]
    assert len(texts(first, ".article-item")) == 20
    second = page(client, "/sections/field-reports/?page=2")
    assert texts(second, ".article-item-title")[-1] == "Report 24"
    page(client, "/sections/field-reports/?page=9", status=404)
    page(client, "/sections/no-such-section/", status=404)


def test_the_tag_page_lists_its_articles(client):
    tag = make_tag("Georgia")
    tagged = make_article("Tbilisi notes")
    tagged.tags.add(tag)
    make_article("Elsewhere")
    assert texts(page(client, "/tags/georgia/"), ".article-item-title") == ["Tbilisi notes"]


def test_the_author_page_shows_bio_and_articles(client):
    author = make_author("Page Person", bio="Writes about water.", affiliation="An Institute")
    make_article("By the person", authors=[author])
    tree = page(client, author.get_absolute_url())
    assert texts(tree, "h1") == ["Page Person"]
    assert texts(tree, ".author-bio") == ["Writes about water."]
    assert texts(tree, ".article-item h3") == ["By the person"]
    listing = page(client, "/authors/")
    assert texts(listing, ".author-list li") == ["Page Person, An Institute · 1 article"]


def test_the_staff_publications_page_lists_every_publication(client):
    for number in range(3):
        StaffPublication.objects.create(
            kind="book", authors="A. Writer", title=f"Book {number}", date=date(2024, 1, 1 + number)
        )
    tree = page(client, "/staff-publications/")
    assert [t.split(",")[1].strip() for t in texts(tree, ".publication-list p")] == [
        "Book 2",
        "Book 1",
        "Book 0",
    ]


def test_a_missing_page_is_a_404_in_the_site_design(client):
    tree = page(client, "/no/such/page/", status=404)
    assert texts(tree, "h1") == ["Page not found"]
    assert tree.cssselect("nav.site-nav")


def test_a_server_error_shows_the_error_page(client, settings):
    from analyst.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_pages_are_responsive_and_have_landmarks(client):
    tree = page(client, "/")
    assert tree.cssselect('meta[name="viewport"]')
    assert tree.cssselect("header") and tree.cssselect("main#content")
    assert tree.cssselect("nav[aria-label]") and tree.cssselect("footer")
    assert tree.cssselect('a.skip-link[href="#content"]')


def test_the_staff_publications_page_does_not_list_them_again_in_its_sidebar(client):
    StaffPublication.objects.create(
        kind="book", authors="A. Writer", title="Once", date=date(2024, 1, 1)
    )
    tree = page(client, "/staff-publications/")
    assert texts(tree, ".publication-list .staff-publication cite") == ["Once"]
    assert not tree.cssselect(".sidebar .staff-publications")
    assert page(client, "/").cssselect(".sidebar .staff-publications")
