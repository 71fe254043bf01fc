"""Imported text as readers saw it: no word lost or doubled, parts split, nothing of Joomla left."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import html

from analyst.models import SiteSettings
from articles.models import Article, Author, ImportRecord, Section
from articles.text.plain import plain
from tests.helpers import article_form
from tests.k2 import k2_database

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "fixtures" / "pages" / "article-page-2003-07-16.txt"

OPENING = (
    "During his meetings with Lord Robertson, President Nazarbayev made a number of "
    "suggestions. In the aftermath of 9/11, as U.S. and western forces were deployed, "
    "Astana recognized it."
)
FULLTEXT = (
    f"<p><strong>BACKGROUND:</strong> {OPENING}</p>"
    "<p>Kazakhstan has increasingly looked to the West.</p>"
    "<p>IMPLICATIONS: NATO's attempts to deepen ties met a positive response.</p>"
    "<p>CONCLUSIONS: Kazakhstan is an invaluable partner.</p>"
)


@pytest.fixture
def k2():
    with k2_database() as database:
        database.add_category("Analytical Articles", "analytical-articles")  # id 1
        database.add_category("Field Reports", "field-reports")  # id 2
        yield database


def import_k2(k2):
    out = io.StringIO()
    call_command(
        "import_k2", "--dsn", k2.dsn, "--prefix", k2.prefix, stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


def import_page(tmp_path, text, name="page.txt"):
    page = tmp_path / name
    page.write_text(text)
    out = io.StringIO()
    call_command("import_pages", str(page), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def imported(item_id):
    return ImportRecord.objects.get(source="k2", key=str(item_id)).article


def article_text(client, article):
    """The article's text as a reader reads it on its page."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    (text,) = html.fromstring(response.content).cssselect(".article-text")
    return plain(html.tostring(text, encoding="unicode"))


def page(*body, title="THE KAZAKH MILITARY LOOKS WEST", section="Analytical Articles"):
    """A saved article page with `body` between the byline and the read count."""
    lines = [
        "Wednesday, 16 July 2003",
        title,
        f"Published in {section}",
        "By Roger N. McDermott (7/16/2003 issue of the CACI Analyst)",
        *body,
        "Read 12 times",
    ]
    return "\n\n".join(lines) + "\n"


# No text lost, none doubled


def test_an_intro_that_is_a_lede_of_its_own_stays_as_the_first_paragraph(client, k2):
    item = k2.add_item(
        "Georgia votes",
        2,
        introtext="<p>Georgians chose a new parliament, and a new course.</p>",
        fulltext="<p>Tbilisi woke up to results nobody had predicted.</p>",
    )
    import_k2(k2)
    article = imported(item)
    assert article.body == (
        "<p>Georgians chose a new parliament, and a new course.</p>"
        "<p>Tbilisi woke up to results nobody had predicted.</p>"
    )
    assert article.teaser == ""
    assert article.listing_teaser == "Georgians chose a new parliament, and a new course."
    assert article_text(client, article) == (
        "Georgians chose a new parliament, and a new course. "
        "Tbilisi woke up to results nobody had predicted."
    )


def test_a_short_lede_that_only_begins_like_the_text_is_kept(k2):
    item = k2.add_item(
        "Kazakhstan", 2, introtext="<p>Kazakhstan.</p>", fulltext="<p>Kazakhstan has oil.</p>"
    )
    import_k2(k2)
    assert imported(item).body == "<p>Kazakhstan.</p><p>Kazakhstan has oil.</p>"


@pytest.mark.parametrize(
    "intro",
    [
        # cut off, as the old site's teaser was
        "<p>BACKGROUND: During his meetings with Lord Robertson, President Nazarbayev made a "
        "number of suggestions. In the aftermath of 9/11, as U.</p>",
        # whole, in other markup
        f"<div><b>BACKGROUND:</b>&nbsp;{OPENING}</div>",
        # with entities, other spacing and no space after the heading
        "<p><strong>BACKGROUND:</strong>During  his meetings with Lord&nbsp;Robertson,<br>"
        "President Nazarbayev made a number of suggestions&#46;In the aftermath of "
        "9/11&hellip;</p>",
        # with a read-more link
        "<p>BACKGROUND: During his meetings with Lord Robertson, President Nazarbayev made a "
        'number of suggestions. <a href="/item/1">Read more...</a></p>',
    ],
)
def test_an_intro_that_repeats_the_start_of_the_text_is_dropped(client, k2, intro):
    item = k2.add_item("The Kazakh Military Looks West", 1, introtext=intro, fulltext=FULLTEXT)
    import_k2(k2)
    article = imported(item)
    assert article.background.startswith(f"<p>{OPENING}</p>")
    text = article_text(client, article)
    assert text.count("During his meetings") == 1
    assert text.startswith(f"BACKGROUND: {OPENING} Kazakhstan has increasingly")
    assert article.teaser == ""


def test_a_page_that_prints_its_first_paragraph_twice_shows_it_once(client, tmp_path):
    import_page(
        tmp_path,
        page(
            "Georgians chose a new parliament, and a new course.",
            "Georgians chose a new parliament,  and a new course.",
            "Tbilisi woke up to results nobody had predicted.",
            section="Field Reports",
        ),
    )
    article = Article.objects.get()
    assert article.body == (
        "<p>Georgians chose a new parliament, and a new course.</p>"
        "<p>Tbilisi woke up to results nobody had predicted.</p>"
    )
    assert article_text(client, article).count("Georgians chose") == 1


def test_a_page_keeps_a_short_paragraph_that_only_begins_like_the_next(tmp_path):
    import_page(tmp_path, page("Yes.", "Yes, said the minister.", section="Field Reports"))
    assert Article.objects.get().body == "<p>Yes.</p><p>Yes, said the minister.</p>"


def test_the_picture_of_an_intro_that_is_dropped_stays(k2):
    picture_only = k2.add_item(
        "Pictured",
        2,
        introtext='<p><img src="/images/a.jpg" alt="A" /></p>',
        fulltext="<p>Text.</p>",
    )
    repeated = k2.add_item(
        "Pictured again",
        2,
        introtext='<p><img src="/images/b.jpg" alt="B" />Astana looks west, and has for years.</p>',
        fulltext="<p>Astana looks west, and has for years. Moscow watches.</p>",
    )
    import_k2(k2)
    assert imported(picture_only).body == '<p><img src="/images/a.jpg" alt="A"></p><p>Text.</p>'
    assert imported(repeated).body == (
        '<p><img src="/images/b.jpg" alt="B"></p>'
        "<p>Astana looks west, and has for years. Moscow watches.</p>"
    )


# The three parts


def parts_of(article):
    return [article.background, article.implications, article.conclusions]


LATER_PARTS = "<p>IMPLICATIONS: NATO listens.</p><p>CONCLUSIONS: Astana gains.</p>"


def test_a_read_more_marker_inside_background_still_gives_three_parts(client, k2):
    split = k2.add_item(
        "Split by K2",
        1,
        introtext="<p><strong>BACKGROUND:</strong> Astana looks west.</p>",
        fulltext=f"<p>It has for a decade.</p>{LATER_PARTS}",
    )
    marked = k2.add_item(
        "Marked in the text",
        1,
        fulltext='<p>BACKGROUND: Astana looks west.</p><hr id="system-readmore" />'
        f"<p>It has for a decade.</p>{{readmore}}{LATER_PARTS}",
    )
    import_k2(k2)
    for item in (split, marked):
        article = imported(item)
        assert parts_of(article) == [
            "<p>Astana looks west.</p><p>It has for a decade.</p>",
            "<p>NATO listens.</p>",
            "<p>Astana gains.</p>",
        ]
        assert "readmore" not in article_text(client, article)


def test_an_image_glued_to_a_part_heading_stays_and_the_parts_split(k2):
    in_paragraph = k2.add_item(
        "Pictured",
        1,
        fulltext=f'<p><img src="/images/map.jpg" alt="Map" />BACKGROUND: Astana.</p>{LATER_PARTS}',
    )
    typed_without_paragraphs = k2.add_item(
        "Typed",
        1,
        fulltext='<img src="/images/map.jpg" alt="Map" />BACKGROUND: Astana.<br /><br />'
        "IMPLICATIONS: NATO listens.<br />CONCLUSIONS: Astana gains.",
    )
    import_k2(k2)
    assert parts_of(imported(in_paragraph)) == [
        '<p><img src="/images/map.jpg" alt="Map">Astana.</p>',
        "<p>NATO listens.</p>",
        "<p>Astana gains.</p>",
    ]
    typed = imported(typed_without_paragraphs)
    assert typed.body == ""
    assert parts_of(typed) == [
        '<img src="/images/map.jpg" alt="Map">Astana.',
        "NATO listens.",
        "Astana gains.",
    ]


def test_a_heading_in_bold_with_the_text_glued_to_it_splits(client, k2):
    item = k2.add_item(
        "Glued",
        1,
        introtext="<p><strong>BACKGROUND:</strong>Astana looks west.</p>",
        fulltext='<p><span style="color: black"><strong>BACKGROUND:</strong></span>Astana looks '
        "west, and has for a decade.</p><p><strong>IMPLICATIONS:</strong>NATO listens.</p>"
        "<p><b>CONCLUSIONS:</b>Astana gains.</p>",
    )
    import_k2(k2)
    article = imported(item)
    assert parts_of(article) == [
        "<p>Astana looks west, and has for a decade.</p>",
        "<p>NATO listens.</p>",
        "<p>Astana gains.</p>",
    ]
    assert article_text(client, article) == (
        "BACKGROUND: Astana looks west, and has for a decade. IMPLICATIONS: NATO listens. "
        "CONCLUSIONS: Astana gains."
    )


# What Joomla left in the text


def test_joomla_plugin_tags_never_reach_readers(client, k2):
    item = k2.add_item(
        "Plugged in",
        2,
        introtext="<p>{mosimage}Astana builds a port.</p>{loadposition inline-ad}",
        fulltext="<p>{loadposition user9}</p><p>Aktau grows{jcomments on}.</p>"
        "<p>{youtube}dQw4w9WgXcQ{/youtube}</p><p>{tab Context}Trade follows.{/tab}</p>"
        "{jcomments off}",
    )
    output = import_k2(k2)
    article = imported(item)
    assert article.body == "<p>Astana builds a port.</p><p>Aktau grows.</p><p>Trade follows.</p>"
    assert article_text(client, article) == "Astana builds a port. Aktau grows. Trade follows."
    served = client.get(article.get_absolute_url()).content.decode()
    for name in ("mosimage", "loadposition", "jcomments", "youtube", "dQw4w9WgXcQ", "{tab"):
        assert name not in served
    notes = [line for line in output.splitlines() if "note: Joomla plugin tags taken out" in line]
    for name in ("{mosimage}", "{loadposition}", "{jcomments}", "{youtube}", "{tab}"):
        assert any(name in note for note in notes)


def test_entities_in_titles_are_decoded_once(client, k2, tmp_path):
    item = k2.add_item(
        "Oil &amp; Gas: the &quot;new&quot; deal, not AT&amp;amp;T", 2, fulltext="<p>Text.</p>"
    )
    import_k2(k2)
    article = imported(item)
    assert article.title == 'Oil & Gas: the "new" deal, not AT&amp;T'
    heading = html.fromstring(client.get(article.get_absolute_url()).content).cssselect("h1")[0]
    assert heading.text_content().strip() == 'Oil & Gas: the "new" deal, not AT&amp;T'
    import_page(tmp_path, page("Trade grew.", title="OIL &amp; GAS", section="Field Reports"))
    assert Article.objects.filter(title="OIL & GAS").exists()


def test_the_lost_half_of_a_closing_quote_is_mended_where_it_closes_a_quote(client, k2, tmp_path):
    item = k2.add_item(
        "Quoted",
        2,
        fulltext="<p>Force is a “last resort†and “only that†, said Smith†.</p>"
        "<p>Footnote: Smith† died in 2001.</p>",
    )
    output = import_k2(k2)
    article = imported(item)
    assert article.body == (
        "<p>Force is a “last resort” and “only that”, said Smith†.</p>"
        "<p>Footnote: Smith† died in 2001.</p>"
    )
    assert "note: mis-decoded characters mended (mojibake)" in output
    import_page(tmp_path, page("Force is a “last resort†and no more.", section="Field Reports"))
    assert Article.objects.filter(body="<p>Force is a “last resort” and no more.</p>").exists()


# Bylines and dates as the publication wrote them


def byline_of(client, article):
    response = client.get(article.get_absolute_url())
    (byline,) = html.fromstring(response.content).cssselect(".byline")
    return " ".join(byline.text_content().split())


def authorships(article):
    return [(a.author.name, a.affiliation) for a in article.authorships.select_related("author")]


@pytest.fixture
def publication():
    site = SiteSettings.load()
    site.name = "CACI Analyst"
    site.save()


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Roger N. McDermott, Tbilisi (7/16/2003 issue of the CACI Analyst)",
         [("Roger N. McDermott", "Tbilisi")]),
        ("By Jane Roe, University of Kent (7/16/2003 issue of the CACI Analyst)",
         [("Jane Roe", "University of Kent")]),
        ("By A. One, B. Two and C. Three (7/16/2003 issue of the CACI Analyst)",
         [("A. One", ""), ("B. Two", ""), ("C. Three", "")]),
        ("ByRoger N. McDermott (7/16/2003 issue of the CACI Analyst)",
         [("Roger N. McDermott", "")]),
    ],
)  # fmt: skip
def test_the_part_after_the_comma_is_the_affiliation_for_that_article(
    client, k2, tmp_path, publication, byline, authors
):
    item = k2.add_item("Tbilisi", 2, fulltext=f"<p>{byline}</p><p>Georgia votes.</p>")
    output = import_k2(k2)
    article = imported(item)
    assert authorships(article) == authors
    assert article.body == "<p>Georgia votes.</p>"
    assert byline_of(client, article) == byline.replace("ByRoger", "By Roger")
    assert not Author.objects.filter(name__in=["Tbilisi", "University of Kent"]).exists()
    guessed = [f"“{place}” of {name}" for name, place in authors if place == "Tbilisi"]
    notes = [line for line in output.splitlines() if "guessed from the byline" in line]
    assert notes == [
        f"          note: affiliation {each} guessed from the byline" for each in guessed
    ]
    Article.objects.all().delete()
    import_page(
        tmp_path,
        page("Georgia votes.", section="Field Reports").replace(
            "By Roger N. McDermott (7/16/2003 issue of the CACI Analyst)", byline
        ),
    )
    assert authorships(Article.objects.get()) == authors


def test_an_alias_may_carry_the_issue_and_the_affiliation(client, k2, publication):
    item = k2.add_item(
        "Alias",
        2,
        fulltext="<p>Georgia votes.</p>",
        created_by_alias="Jane Roe, University of Kent (7/2/2003 issue of the CACI Analyst)",
    )
    import_k2(k2)
    article = imported(item)
    assert authorships(article) == [("Jane Roe", "University of Kent")]
    assert article.issue.date == date(2003, 7, 2)
    assert byline_of(client, article) == (
        "By Jane Roe, University of Kent (7/2/2003 issue of the CACI Analyst)"
    )


def test_an_editor_can_give_an_authorship_its_affiliation(editor_client, client, publication):
    section = Section.objects.get(slug="field-reports")
    author = Author.objects.create(name="Jane Roe", slug="jane-roe")
    data = article_form(section, author, body="<p>Georgia votes.</p>")
    data["authorships-0-affiliation"] = "Tbilisi"
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    assert authorships(Article.objects.get()) == [("Jane Roe", "Tbilisi")]


@pytest.mark.parametrize(
    ("lines", "issue_date"),
    [
        (["By Svante E. Cornell", "November 16th, 2015, The CACI Analyst"], date(2015, 11, 16)),
        (["By Svante E. Cornell", "July 8, 2022"], date(2022, 7, 8)),
        # no year: the item's own date gives it
        (["By Svante E. Cornell", "November 19th, the CACI Analyst"], date(2024, 11, 19)),
        # a name alone above the date line, as 2024's feature articles have it
        (["Svante E. Cornell", "November 19th, 2024"], date(2024, 11, 19)),
    ],
)
def test_a_date_line_under_the_byline_is_the_date_and_not_text(
    client, k2, tmp_path, lines, issue_date
):
    item = k2.add_item(
        "Summit",
        2,
        fulltext="".join(f"<p>{line}</p>" for line in lines) + "<p>Leaders met in Astana.</p>",
        publish_up="2024-11-20 09:00:00",
    )
    import_k2(k2)
    article = imported(item)
    assert [author.name for author in article.ordered_authors] == ["Svante E. Cornell"]
    assert article.issue.date == issue_date
    assert article.body == "<p>Leaders met in Astana.</p>"
    assert article.listing_teaser == "Leaders met in Astana."
    assert article_text(client, article) == "Leaders met in Astana."
    Article.objects.all().delete()
    saved = "\n\n".join(
        ["Wednesday, 20 November 2024", "Summit", "Published in Field Reports", *lines,
         "Leaders met in Astana.", "Read 3 times"]
    )  # fmt: skip
    import_page(tmp_path, saved)
    article = Article.objects.get()
    assert [author.name for author in article.ordered_authors] == ["Svante E. Cornell"]
    assert (article.issue.date, article.body) == (issue_date, "<p>Leaders met in Astana.</p>")


def test_a_text_that_opens_with_a_date_is_not_taken_for_a_date_line(k2):
    item = k2.add_item(
        "Opening",
        2,
        fulltext="<p>By Svante E. Cornell</p><p>July 8, 2022, was the day the talks collapsed "
        "in Astana after a week.</p>",
        publish_up="2022-07-20 09:00:00",
    )
    shared = k2.add_item(
        "Shared",
        2,
        fulltext="<p>By Svante E. Cornell</p><p>July 8, 2022<br />Talks collapsed.</p>",
        publish_up="2022-07-20 09:00:00",
    )
    import_k2(k2)
    article = imported(item)
    assert article.issue.date == date(2022, 7, 20)
    assert article.body.startswith("<p>July 8, 2022, was the day")
    assert [author.name for author in imported(shared).ordered_authors] == ["Svante E. Cornell"]
    assert imported(shared).body == "<p>July 8, 2022<br>Talks collapsed.</p>"


def test_an_ambiguous_byline_date_is_decided_by_the_items_own_dates_first(k2):
    # 08/05/13: 5 August 2013 (a Monday) or 8 May 2013. Posted late, on Monday 13 May: the
    # weekday alone would say August; the item's dates say May.
    posted_late = k2.add_item(
        "Caspian",
        2,
        fulltext="<p>by Stephen Blank (the 08/05/13 issue of the CACI Analyst)</p><p>Text.</p>",
        created="2013-05-08 10:00:00",
        publish_up="2013-05-13 10:00:00",
    )
    # Entered years later: the dates decide nothing, and the weekday breaks the tie.
    entered_later = k2.add_item(
        "Caspian again",
        2,
        fulltext="<p>by Stephen Blank (the 08/05/13 issue of the CACI Analyst)</p><p>Text.</p>",
        created="2015-01-07 10:00:00",
        publish_up="2015-01-07 10:00:00",
    )
    output = import_k2(k2)
    assert imported(posted_late).issue.date == date(2013, 5, 8)
    assert imported(entered_later).issue.date == date(2013, 5, 8)
    assert (
        "note: ambiguous date 08/05/13 read as 8 May 2013, the Wednesday its issues appeared on"
    ) in output
    assert output.count("ambiguous date") == 1


# Saved pages that are not quite article pages


def import_pages_failing(*paths):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_pages", *map(str, paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_print_view_imports_like_the_page(tmp_path):
    seed = SEED.read_text()
    output = import_page(tmp_path, "Print this page\n\nClose window\n\n" + seed, name="print.txt")
    assert "1 created" in output
    article = Article.objects.get()
    assert article.title == "THE KAZAKH MILITARY LOOKS WEST"
    assert article.issue.date == date(2003, 7, 16)
    assert article.background.count("During his meetings") == 1


def test_a_page_without_a_title_line_is_refused_for_that(tmp_path):
    lines = SEED.read_text().splitlines()
    (tmp_path / "untitled.txt").write_text("\n".join(lines[:1] + lines[3:]))
    output = import_pages_failing(tmp_path / "untitled.txt")
    assert (
        "untitled.txt — no title: the line after the dateline is already "
        "'Published in Analytical Articles'"
    ) in output
    assert not Article.objects.exists()


def test_an_excerpt_that_starts_mid_page_is_refused_for_that_not_for_its_length(tmp_path):
    paragraphs = [line for line in SEED.read_text().splitlines() if line.strip()]
    excerpt = paragraphs[6][:2000]  # a 2,000-character piece of the BACKGROUND
    (tmp_path / "excerpt.txt").write_text(excerpt)
    output = import_pages_failing(tmp_path / "excerpt.txt")
    assert f"excerpt.txt — it starts mid-page, at {excerpt[:60]!r}" in output
    assert "save the whole page" in output
    assert "too short" not in output


def test_what_a_saved_page_prints_above_its_dateline_is_left_out(tmp_path):
    chrome = "CACI Analyst\n\nHome | Articles | Field Reports\n\nSearch\n\n"
    import_page(tmp_path, chrome + page("Trade grew.", section="Field Reports"))
    article = Article.objects.get()
    assert (article.title, article.body) == ("THE KAZAKH MILITARY LOOKS WEST", "<p>Trade grew.</p>")
