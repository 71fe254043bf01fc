"""The article page carries everything the publication's pages have always shown."""

from datetime import datetime

import pytest
from django.utils import timezone
from lxml import html

from analyst.models import SiteSettings
from articles.models import PartnerSite, StaffPublication
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db

FIRST_PARAGRAPH = (
    "During his meetings, the President made a number of suggestions. In the aftermath of 9/11, "
    "as U.S. and western forces were deployed to the region, the capital recognized the importance "
    "of bilateral cooperation between its neighbors and the coalition, but only slowly responded "
    "to the changing security dynamics within the region and beyond it, which took some years."
)


@pytest.fixture
def article():
    settings = SiteSettings.load()
    settings.name = "Steppe Analyst"
    settings.about = "The Steppe Analyst is a biweekly publication of an institute."
    settings.save()
    issue = make_issue(date=datetime(2003, 7, 16).date(), volume=5, number=14)
    author = make_author(
        "Roger N. Example", bio="Roger N. Example is an honorary senior research associate."
    )
    article = make_article(
        "The Kazakh military looks west",
        section_slug="analytical-articles",
        issue=issue,
        authors=[author],
        background=f"<p>{FIRST_PARAGRAPH}</p><p>Second paragraph.</p>",
        implications="<p>NATO attempts to deepen ties.</p>",
        conclusions="<p>Kazakhstan is a keen partner.</p>",
        published_at=timezone.make_aware(datetime(2003, 7, 16, 9)),
        read_count=5182,
    )
    article.tags.add(make_tag("Kazakhstan"))
    for position, name in enumerate(["silkroad", "AFPC", "isdp", "turkeyanalyst"]):
        PartnerSite.objects.create(name=name, url=f"https://{name}.example.org/", position=position)
    StaffPublication.objects.create(
        kind=StaffPublication.Kind.SILK_ROAD_PAPER,
        authors="S. Frederick Example",
        title="Policy in Central Asia through Central Asian Eyes",
        date=datetime(2023, 5, 1).date(),
    )
    StaffPublication.objects.create(
        kind=StaffPublication.Kind.OP_ED,
        authors="Svante E. Example",
        title="Russia's Southern Neighbors Take a Stand",
        outlet="The Hill",
        date=datetime(2022, 5, 6).date(),
        url="https://example.org/hill",
    )
    return article


def page_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return html.fromstring(response.content)


def text_of(page, selector):
    return " ".join(" ".join(e.text_content().split()) for e in page.cssselect(selector))


def test_it_shows_the_dateline_title_and_section(client, article):
    page = page_of(client, article)
    assert text_of(page, ".dateline") == "Wednesday, 16 July 2003"
    assert text_of(page, "h1") == "The Kazakh military looks west"
    assert text_of(page, ".article-section") == "Published in Analytical Articles"


def test_the_byline_links_the_author_and_names_the_issue(client, article):
    page = page_of(client, article)
    assert text_of(page, ".byline") == (
        "By Roger N. Example (7/16/2003 issue of the Steppe Analyst)"
    )
    assert page.cssselect(".byline a[rel=author]")[0].get("href") == "/authors/roger-n-example/"
    assert page.cssselect(".byline a")[-1].get("href") == "/issues/2003-07-16/"


def test_two_authors_are_joined_in_byline_order(client, article):
    second = make_author("Anne C. Second")
    article.authorships.create(author=second, position=1)
    page = page_of(client, article)
    assert text_of(page, ".byline").startswith("By Roger N. Example and Anne C. Second (")
    assert text_of(page, ".bio").startswith("AUTHORS’ BIO:")


def test_it_shows_the_three_parts_under_anchored_headings(client, article):
    page = page_of(client, article)
    headings = [h.text_content() for h in page.cssselect(".part-heading")]
    assert headings == ["BACKGROUND:", "IMPLICATIONS:", "CONCLUSIONS:"]
    assert [s.get("id") for s in page.cssselect(".article-part")] == [
        "background",
        "implications",
        "conclusions",
    ]
    assert "NATO attempts to deepen ties." in text_of(page, "#implications")


def test_the_first_paragraph_is_printed_once_and_never_cut(client, article):
    shown = text_of(page_of(client, article), "main")
    assert shown.count("During his meetings") == 1
    assert FIRST_PARAGRAPH in shown


def test_it_shows_the_bio_line_and_the_read_count(client, article):
    page = page_of(client, article)
    assert text_of(page, ".bio") == (
        "AUTHOR’S BIO: Roger N. Example is an honorary senior research associate."
    )
    assert text_of(page, ".read-count") == "Read 5182 times"


def test_an_article_bio_line_replaces_the_authors_bios(client, article):
    article.bio = "Written for this article only."
    article.save()
    assert text_of(page_of(client, article), ".bio") == (
        "AUTHOR’S BIO: Written for this article only."
    )


def test_the_sidebar_lists_partners_in_order_and_staff_publications(client, article):
    page = page_of(client, article)
    assert text_of(page, ".partners h2") == "Visit also"
    assert [a.text_content() for a in page.cssselect(".partners a")] == [
        "silkroad",
        "AFPC",
        "isdp",
        "turkeyanalyst",
    ]
    publications = [" ".join(p.text_content().split()) for p in page.cssselect(".sidebar-block p")]
    assert publications == [
        "Silk Road Paper S. Frederick Example, Policy in Central Asia through Central Asian Eyes, "
        "1 May 2023.",
        "Op-ed Svante E. Example, Russia's Southern Neighbors Take a Stand, The Hill, 6 May 2022.",
    ]


def test_the_footer_has_the_about_text_and_the_newsletter(client, article):
    page = page_of(client, article)
    footer = text_of(page, "footer")
    assert "The Steppe Analyst is a biweekly publication of an institute." in footer
    assert "Newsletter" in footer


def test_the_page_sends_the_read_beacon_and_has_a_noscript_fallback(client, article):
    page = page_of(client, article)
    assert page.cssselect("article[data-article]")[0].get("data-article") == str(article.pk)
    assert page.cssselect("script[src$='js/site.js']")
    noscript = page.cssselect("noscript")[0]
    assert noscript.cssselect("img")[0].get("src") == f"/reads/{article.pk}.svg"


def test_tags_link_to_their_pages(client, article):
    page = page_of(client, article)
    assert [a.get("href") for a in page.cssselect(".tags a")] == ["/tags/kazakhstan/"]


def test_a_plain_article_has_no_part_headings(client):
    article = make_article("A field report", body="<p>From the field.</p>")
    page = page_of(client, article)
    assert page.cssselect(".part-heading") == []
    assert "From the field." in text_of(page, ".article-text")
