"""Importing a Joomla/K2 site: every kind of item comes across, field by field, and safely again."""

import hashlib
import io
from datetime import UTC, date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from lxml import html
from PIL import Image

from analyst.models import SiteSettings
from articles.models import Article, Author, ImportRecord, Issue, Redirect, Section, Tag
from articles.site import counter
from tests.k2 import k2_database

pytestmark = pytest.mark.django_db

TRUNCATED_LEAD = (
    "<p>BACKGROUND: During his meetings with Lord Robertson, President Nazarbayev made a number "
    "of suggestions. In the aftermath of 9/11, as U.</p>"
)
STRUCTURED_TEXT = (
    "<p>By Roger N. McDermott (7/16/2003 issue of the CACI Analyst)</p>"
    "<p><strong>BACKGROUND:</strong> During his meetings with Lord Robertson, President "
    "Nazarbayev made a number of suggestions. In the aftermath of 9/11, as U.S. and western "
    "forces were deployed, Astana recognized it.</p>"
    "<p>Kazakhstan has increasingly looked to the West.</p>"
    "<p>IMPLICATIONS:NATO\\'s attempts to deepen ties met a positive response.</p>"
    "<p><strong>CONCLUSIONS:</strong> Kazakhstan is an invaluable partner.</p>"
    "<p>AUTHORS’ BIO: Roger N. McDermott is an honorary senior research associate.</p>"
)
SELECTORS = (".byline", ".article-text", "#implications", ".bio", ".read-count")


@pytest.fixture
def k2():
    with k2_database() as database:
        database.add_category("Analytical Articles", "analytical-articles")  # id 1
        database.add_category("Field Reports", "field-reports")  # id 2
        database.add_category("Commentary", "commentary")  # id 3
        database.add_menu("analytical-articles", [1])
        database.add_user(42, "Stephen Blank", "<p>Stephen Blank is a professor.</p>")
        database.add_user(62, "Super User")
        yield database


def run(k2, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_k2", "--dsn", k2.dsn, "--prefix", k2.prefix, *args, stdout=out, stderr=err)
    return out.getvalue()


def run_failing(k2, *args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_k2", "--dsn", k2.dsn, "--prefix", k2.prefix, *args, stdout=out, stderr=err
        )
    return out.getvalue(), str(failure.value)


def imported(item_id):
    return ImportRecord.objects.get(source="k2", key=str(item_id)).article


def names(article):
    return [author.name for author in article.ordered_authors]


def add_analysis(k2, **fields):
    fields = {
        "alias": "the-kazakh-military-looks-west",
        "introtext": TRUNCATED_LEAD,
        "fulltext": STRUCTURED_TEXT,
        "created_by_alias": "Roger N. McDermott",
        "created_by": 62,
        "hits": 5182,
        "publish_up": "2003-07-16 06:00:00",
        "tags": ["Kazakhstan", "NATO"],
        **fields,
    }
    return k2.add_item("The Kazakh Military Looks West", 1, **fields)


def test_an_analytical_article_comes_across_field_by_field(k2):
    item = add_analysis(k2)
    output = run(k2)
    article = imported(item)
    assert "1 created" in output
    assert article.title == "The Kazakh Military Looks West"
    assert article.slug == "the-kazakh-military-looks-west"
    assert article.section == Section.objects.get(slug="analytical-articles")
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime(2003, 7, 16, 6, tzinfo=UTC)
    assert names(article) == ["Roger N. McDermott"]
    assert article.issue.date == date(2003, 7, 16)
    assert article.body == ""
    assert article.background == (
        "<p>During his meetings with Lord Robertson, President Nazarbayev made a number of "
        "suggestions. In the aftermath of 9/11, as U.S. and western forces were deployed, "
        "Astana recognized it.</p><p>Kazakhstan has increasingly looked to the West.</p>"
    )
    assert article.implications == "<p>NATO's attempts to deepen ties met a positive response.</p>"
    assert article.conclusions == "<p>Kazakhstan is an invaluable partner.</p>"
    assert article.bio == "Roger N. McDermott is an honorary senior research associate."
    # The intro text was only the cut-off start of the text: no teaser of its own.
    assert article.teaser == ""
    assert article.listing_teaser.startswith("During his meetings with Lord Robertson")
    assert sorted(tag.name for tag in article.tags.all()) == ["Kazakhstan", "NATO"]
    assert (article.legacy_read_count, article.read_count) == (5182, 5182)
    assert article.legacy_read_count_date == timezone.localdate()


def test_the_imported_page_reads_as_it_did(client, k2):
    settings = SiteSettings.load()
    settings.name = "CACI Analyst"
    settings.save()
    item = add_analysis(k2)
    run(k2)
    article = imported(item)
    page = html.fromstring(client.get(article.get_absolute_url()).content)
    text = {key: " ".join(page.cssselect(key)[0].text_content().split()) for key in SELECTORS}
    assert text[".byline"] == "By Roger N. McDermott (7/16/2003 issue of the CACI Analyst)"
    assert text[".article-text"].count("During his meetings with Lord Robertson") == 1
    assert text["#implications"].startswith("IMPLICATIONS: NATO's attempts")
    assert (
        text[".bio"] == "AUTHOR’S BIO: Roger N. McDermott is an honorary senior research associate."
    )
    assert text[".read-count"] == "Read 5182 times"


def test_the_meta_description_is_the_teaser_where_the_intro_only_repeats_the_text(k2):
    item = add_analysis(k2, metadesc="How Astana came to court NATO, and what it hopes for.")
    run(k2)
    assert imported(item).teaser == "How Astana came to court NATO, and what it hopes for."


def test_an_item_with_only_intro_text_keeps_it_as_its_text(k2):
    item = k2.add_item("Short note", 2, introtext="<p>Only an intro, and that is all.</p>")
    run(k2)
    article = imported(item)
    assert article.body == "<p>Only an intro, and that is all.</p>"
    assert article.teaser == ""


def test_authors_come_from_the_alias_split_on_ampersand_and_and(k2):
    first = k2.add_item(
        "One", 2, fulltext="<p>x</p>", created_by_alias="Svante E. Cornell & Albert Barro"
    )
    second = k2.add_item("Two", 2, fulltext="<p>y</p>", created_by_alias="John Smith and Jane Doe")
    run(k2)
    assert names(imported(first)) == ["Svante E. Cornell", "Albert Barro"]
    assert names(imported(second)) == ["John Smith", "Jane Doe"]
    assert Author.objects.filter(name="Albert Barro").count() == 1


def test_a_placeholder_alias_falls_back_to_the_k2_user(k2):
    item = k2.add_item("Three", 2, fulltext="<p>z</p>", created_by_alias="empty", created_by=42)
    run(k2)
    (author,) = imported(item).ordered_authors
    assert author.name == "Stephen Blank"
    assert author.bio == "Stephen Blank is a professor."


def test_a_placeholder_user_is_no_author(k2):
    item = k2.add_item("Four", 2, fulltext="<p>w</p>", created_by_alias="", created_by=62)
    run(k2)
    assert names(imported(item)) == []
    assert not Author.objects.filter(name="Super User").exists()


def test_the_state_follows_published_trash_and_the_publishing_window(k2):
    items = {
        "draft": k2.add_item("Unpublished", 2, fulltext="<p>a</p>", published=0),
        "trashed": k2.add_item("Trashed", 2, fulltext="<p>b</p>", trash=1),
        "scheduled": k2.add_item("Later", 2, fulltext="<p>c</p>", publish_up="2099-01-06 09:00:00"),
        "expired": k2.add_item("Ended", 2, fulltext="<p>d</p>", publish_down="2010-01-01 00:00:00"),
        "open-ended": k2.add_item(
            "Open", 2, fulltext="<p>e</p>", publish_down="0000-00-00 00:00:00"
        ),
    }
    output = run(k2)
    states = {name: imported(item).status for name, item in items.items()}
    assert states == {
        "draft": "draft",
        "trashed": "withdrawn",
        "scheduled": "scheduled",
        "expired": "withdrawn",
        "open-ended": "published",
    }
    assert imported(items["scheduled"]).published_at == datetime(2099, 1, 6, 9, tzinfo=UTC)
    assert "in K2's trash: imported as withdrawn" in output
    assert "its publishing ended on 2010-01-01" in output
    live = set(Article.objects.live().values_list("title", flat=True))
    assert live == {"Open"}


def test_issues_come_from_the_byline_else_the_publish_date_numbered_in_date_order(k2):
    later = add_analysis(k2)  # byline: 7/16/2003
    earlier = add_analysis(
        k2,
        alias="earlier",
        fulltext=STRUCTURED_TEXT.replace("7/16/2003", "7/2/2003"),
        publish_up="2003-07-02 06:00:00",
    )
    report = k2.add_item("Report", 2, fulltext="<p>From Osh.</p>", publish_up="2004-05-19 07:00:00")
    run(k2)
    first, second, third = (imported(item).issue for item in (earlier, later, report))
    assert (first.date, first.volume, first.number) == (date(2003, 7, 2), 1, 1)
    assert (second.date, second.volume, second.number) == (date(2003, 7, 16), 1, 2)
    assert (third.date, third.volume, third.number) == (date(2004, 5, 19), 2, 1)
    assert all(issue.status == Issue.Status.PUBLISHED for issue in (first, second, third))


def test_a_new_section_is_made_for_an_unknown_category(k2):
    item = k2.add_item("An opinion", 3, fulltext="<p>We think so.</p>")
    run(k2)
    assert imported(item).section.name == "Commentary"
    assert Section.objects.filter(slug="commentary").count() == 1


def test_legacy_damage_is_repaired(k2):
    item = k2.add_item(
        "Kazakhstanâ€™s \\'new\\' Navy",
        2,
        fulltext="<p>The navyâ€™s ships â€“ few as they are â€“ sail.</p>",
        tags=["CÃ´te d'Ivoire"],
    )
    run(k2)
    article = imported(item)
    assert article.title == "Kazakhstan’s 'new' Navy"
    assert article.body == "<p>The navy’s ships – few as they are – sail.</p>"
    assert [tag.name for tag in article.tags.all()] == ["Côte d'Ivoire"]


def test_images_come_along_with_media(k2, tmp_path):
    item = k2.add_item("Pictured", 2, fulltext="<p>See.</p>", image_caption="The port of Aktau")
    folder = tmp_path / "joomla" / "media" / "k2" / "items" / "src"
    folder.mkdir(parents=True)
    name = hashlib.md5(f"Image{item}".encode()).hexdigest()
    Image.new("RGB", (40, 30), "navy").save(folder / f"{name}.jpg", "JPEG")
    run(k2, "--media", str(tmp_path / "joomla"))
    article = imported(item)
    assert (article.image.width, article.image.height) == (40, 30)
    assert article.image_alt == article.image_caption == "The port of Aktau"


def test_an_item_of_a_subcategory_keeps_the_menu_path_of_its_parent(client, k2):
    subcategory = k2.add_category("Kazakhstan", "kazakhstan", parent=1)
    item = k2.add_item("Astana", subcategory, alias="astana", fulltext="<p>The capital.</p>")
    run(k2)
    assert location(client, f"/analytical-articles/item/{item}-astana.html") == "/articles/astana/"


def location(client, address):
    response = client.get(address)
    assert response.status_code == 301
    return response["Location"]


def test_old_addresses_are_kept_and_answered(client, k2):
    item = add_analysis(k2)
    run(k2)
    article = imported(item)
    paths = set(Redirect.objects.filter(article=article).values_list("old_path", flat=True))
    assert paths == {
        f"/analytical-articles/item/{item}-the-kazakh-military-looks-west.html",
        f"/component/k2/item/{item}-the-kazakh-military-looks-west",
    }
    for old in (
        f"/analytical-articles/item/{item}-the-kazakh-military-looks-west.html",
        f"/analytical-articles/item/{item}-the-kazakh-military-looks-west.html?tmpl=component&print=1",
        f"/component/k2/item/{item}",
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, article.get_absolute_url())


def test_a_second_run_changes_nothing(k2):
    add_analysis(k2)
    k2.add_item("Report", 2, fulltext="<p>From Osh.</p>", created_by=42)
    run(k2)
    before = snapshot()
    output = run(k2)
    assert "0 created, 0 updated, 2 unchanged" in output
    assert snapshot() == before


def test_a_changed_source_updates_the_article_and_keeps_new_reads(k2):
    item = add_analysis(k2)
    run(k2)
    article = imported(item)
    counter.record_read(article.pk)  # a reader on the new site, before the old one closed
    k2.update("k2_items", item, title="The Kazakh Military Looks Further West", hits=5190)
    output = run(k2)
    article.refresh_from_db()
    assert "1 updated" in output
    assert "changed: title, read count" in output
    assert article.title == "The Kazakh Military Looks Further West"
    assert article.slug == "the-kazakh-military-looks-west"  # its address stays
    assert (article.legacy_read_count, article.read_count) == (5190, 5191)
    assert Article.objects.count() == 1


def test_an_article_edited_here_is_not_overwritten_unless_asked(k2):
    item = add_analysis(k2)
    run(k2)
    article = imported(item)
    article.title = "Edited by our editor"
    article.save()
    k2.update("k2_items", item, title="Changed at the source")
    output = run(k2)
    assert "edited on this site since the last import" in output
    article.refresh_from_db()
    assert article.title == "Edited by our editor"
    run(k2, "--overwrite-edits")
    article.refresh_from_db()
    assert article.title == "Changed at the source"


def test_a_bad_item_is_rolled_back_whole_and_the_others_imported(k2, tmp_path):
    good = k2.add_item("Good", 2, fulltext="<p>Fine.</p>")
    bad = k2.add_item(
        "Bad picture",
        2,
        fulltext="<p>By Only In Bad (3/4/2009 issue of the CACI Analyst)</p><p>Text.</p>",
        tags=["Only in bad"],
    )
    orphan = k2.add_item("No category", 99, fulltext="<p>Lost.</p>")
    folder = tmp_path / "media" / "k2" / "items" / "src"
    folder.mkdir(parents=True)
    (folder / f"{hashlib.md5(f'Image{bad}'.encode()).hexdigest()}.jpg").write_bytes(b"not a jpeg")
    output, error = run_failing(k2, "--media", str(tmp_path))
    assert "1 of 3 items could not be imported" in error
    assert (
        f"failed    K2 item {bad} “Bad picture” — This file is not a picture we can read" in output
    )
    assert f"skipped   K2 item {orphan} — its category 99 does not exist in K2" in output
    assert "1 created" in output
    assert imported(good).title == "Good"
    assert not Article.objects.filter(title="Bad picture").exists()
    assert not Author.objects.filter(name="Only In Bad").exists()
    assert not Tag.objects.filter(name="Only in bad").exists()
    assert not Issue.objects.filter(date=date(2009, 3, 4)).exists()


def test_a_dry_run_reports_and_changes_nothing(k2):
    add_analysis(k2)
    output = run(k2, "--dry-run")
    assert "would be created" in output
    assert "Dry run, nothing changed: 1 item" in output
    assert Article.objects.count() == Author.objects.count() == Issue.objects.count() == 0


def test_it_stops_with_a_clear_message_when_the_database_cannot_be_reached(k2):
    with pytest.raises(CommandError, match="Cannot connect to the K2 database at 127.0.0.1:1/"):
        call_command("import_k2", "--dsn", "mysql://root@127.0.0.1:1/nowhere", stderr=io.StringIO())


def test_it_says_so_when_the_tables_have_another_prefix(k2):
    with pytest.raises(CommandError, match="No K2 tables with the prefix 'xyz_'"):
        call_command("import_k2", "--dsn", k2.dsn, "--prefix", "xyz_", stderr=io.StringIO())


def snapshot():
    articles = list(
        Article.objects.order_by("pk").values(
            "title", "slug", "body", "background", "teaser", "status", "issue", "read_count",
            "updated_at",
        )
    )  # fmt: skip
    return (
        articles,
        list(Author.objects.values_list("name", "bio")),
        list(Issue.objects.values_list("date", "volume", "number")),
        list(Redirect.objects.values_list("old_path", "article")),
        list(ImportRecord.objects.values_list("key", "checksum", "updated_at")),
    )


def test_editors_see_where_each_article_came_from(admin_client, k2):
    item = add_analysis(k2)
    run(k2)
    listing = admin_client.get("/admin/articles/importrecord/").content.decode()
    assert "The Kazakh Military Looks West" in listing
    assert f">{item}<" in listing
    redirects = admin_client.get("/admin/articles/redirect/").content.decode()
    assert f"/component/k2/item/{item}-the-kazakh-military-looks-west" in redirects


def test_the_database_may_be_given_in_the_environment(k2, monkeypatch):
    k2.add_item("Report", 2, fulltext="<p>From Osh.</p>")
    monkeypatch.setenv("K2_DSN", k2.dsn)
    out = io.StringIO()
    call_command("import_k2", "--prefix", k2.prefix, stdout=out, stderr=io.StringIO())
    assert "1 created" in out.getvalue()


def test_imported_articles_are_found_by_their_words_authors_and_tags(client, k2):
    add_analysis(k2)
    k2.add_item("Report", 2, fulltext="<p>From Osh, where the bazaar reopened.</p>", tags=["Osh"])
    run(k2)
    for query, title in (
        ("McDermott", "The Kazakh Military Looks West"),
        ("Nazarbayev", "The Kazakh Military Looks West"),
        ("bazaar", "Report"),
        ("Osh", "Report"),
    ):
        page = client.get("/search/", {"q": query}).content.decode()
        assert title in page, query
