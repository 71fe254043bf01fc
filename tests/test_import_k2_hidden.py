"""Nothing the old site hid from its readers becomes public: items, categories, tags, addresses."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Redirect, Section, Transition
from tests.k2 import GUEST, PUBLIC, REGISTERED, SPECIAL, imported, k2_database
from tests.k2 import run_import as run

pytestmark = pytest.mark.django_db

TEXT = "<p>Water from the Syr Darya reaches fewer fields each year.</p>"


@pytest.fixture
def k2():
    with k2_database() as database:
        database.add_category("Field Reports", "field-reports")  # id 1
        database.add_menu("field-reports", [1])
        yield database


def add(k2, title, catid=1, **fields):
    return k2.add_item(title, catid, alias=title.lower().replace(" ", "-"), fulltext=TEXT, **fields)


def test_only_items_a_guest_could_read_are_public(client, k2):
    items = {
        "public": add(k2, "Open to all", access=PUBLIC),
        "guest level": add(k2, "For guests", access=GUEST),
        "registered": add(k2, "Members only", access=REGISTERED),
        "special": add(k2, "Staff only", access=SPECIAL),
        "unpublished": add(k2, "Never published", published=0),
        "trashed": add(k2, "Thrown away", trash=1),
        "ended": add(k2, "Expired", publish_down="2011-03-01 00:00:00"),
    }
    output = run(k2)
    states = {name: imported(item).status for name, item in items.items()}
    assert states == {
        "public": "published",
        "guest level": "published",
        "registered": "draft",
        "special": "draft",
        "unpublished": "draft",
        "trashed": "withdrawn",
        "ended": "withdrawn",
    }
    assert set(Article.objects.live().values_list("title", flat=True)) == {
        "Open to all",
        "For guests",
    }
    assert "only for readers at the Registered access level (2): imported as a draft" in output
    assert "unpublished in K2: imported as a draft" in output
    for name in ("registered", "trashed"):
        article = imported(items[name])
        assert client.get(article.get_absolute_url()).status_code == 404


def test_a_hidden_category_or_parent_hides_its_items(k2):
    hidden_parent = k2.add_category("Archive", "archive", published=0)
    child = k2.add_category("Old reports", "old-reports", parent=hidden_parent)
    members = k2.add_category("Members", "members", access=REGISTERED)
    binned = k2.add_category("Binned", "binned", trash=1)
    items = {
        "child of unpublished": add(k2, "Under a hidden parent", child),
        "registered category": add(k2, "In a members category", members),
        "trashed category": add(k2, "In the bin", binned),
        "public": add(k2, "In the open"),
    }
    output = run(k2)
    states = {name: imported(item).status for name, item in items.items()}
    assert states == {
        "child of unpublished": "draft",
        "registered category": "draft",
        "trashed category": "withdrawn",
        "public": "published",
    }
    assert "its category “Archive” is unpublished in K2: imported as a draft" in output
    assert "its category “Binned” is in K2's trash: imported as withdrawn" in output


def test_a_hidden_category_does_not_become_a_public_section(client, k2):
    members = k2.add_category("Members Corner", "members-corner", access=REGISTERED)
    add(k2, "Only for members", members)
    run(k2)
    section = Section.objects.get(name="Members Corner")
    assert not section.listed
    assert client.get(section.get_absolute_url()).status_code == 404
    assert client.get(f"{section.get_absolute_url()}feed/").status_code == 404
    assert "Members Corner" not in client.get("/").content.decode()


def test_the_old_addresses_of_a_hidden_item_do_not_redirect(client, k2):
    item = add(k2, "Members only", access=REGISTERED)
    run(k2)
    assert not Redirect.objects.filter(article=imported(item)).exists()
    assert client.get(f"/field-reports/item/{item}-members-only.html").status_code == 404
    assert client.get(f"/component/k2/item/{item}").status_code == 404


def test_an_item_hidden_at_the_source_later_loses_its_redirects(client, k2):
    item = add(k2, "Open at first")
    run(k2)
    assert client.get(f"/component/k2/item/{item}").status_code == 301
    k2.update("k2_items", item, access=REGISTERED)
    run(k2)
    article = imported(item)
    assert article.status == "draft"
    assert not Redirect.objects.filter(article=article).exists()
    assert client.get(f"/component/k2/item/{item}").status_code == 404


def test_only_published_tags_come_across(k2):
    item = add(k2, "Tagged")
    k2.tag(item, "Kazakhstan")
    k2.tag(item, "Secret project", published=0)
    run(k2)
    assert [tag.name for tag in imported(item).tags.all()] == ["Kazakhstan"]


def test_the_reason_is_on_the_articles_activity(admin_client, k2):
    hidden = add(k2, "Members only", access=REGISTERED)
    public = add(k2, "Open to all")
    run(k2)
    entry = Transition.objects.get(article=imported(hidden))
    assert entry.action == Transition.Action.IMPORT
    assert entry.by_name == "Import from Joomla/K2"
    assert "only for readers at the Registered access level (2)" in entry.comment
    page = admin_client.get(f"/admin/articles/article/{imported(hidden).pk}/change/")
    assert "only for readers at the Registered access level (2)" in page.content.decode()
    assert "public on the old site" in Transition.objects.get(article=imported(public)).comment


def test_joomla_15_sites_count_access_level_0_as_public(k2):
    for table in ("viewlevels", "usergroups", "extensions"):
        k2.drop_table(table)
    k2.update("k2_categories", 1, access=0)
    public = add(k2, "Public in 1.5", access=0)
    registered = add(k2, "Registered in 1.5", access=1)
    run(k2)
    assert imported(public).status == "published"
    assert imported(registered).status == "draft"


def test_a_guest_group_chosen_in_com_users_decides_the_guest_level(k2):
    k2.execute(
        f"UPDATE `{k2.prefix}extensions` SET params = %s WHERE element = 'com_users'",
        ['{"guest_usergroup":"2"}'],  # guests treated as Registered
    )
    item = add(k2, "Registered, guests included", access=REGISTERED)
    run(k2)
    assert imported(item).status == "published"


def test_an_item_without_text_or_category_is_skipped_and_reported(k2):
    empty = k2.add_item("Nothing here", 1, introtext="<p> </p>", fulltext="")
    orphan = add(k2, "Lost", 77)
    output = run(k2)
    assert f"skipped   K2 item {empty} “Nothing here” — its text is empty in K2" in output
    assert f"skipped   K2 item {orphan} — its category 77 does not exist in K2" in output
    assert not Article.objects.exists()


def test_a_missing_k2_table_is_named_with_what_to_do(k2):
    k2.drop_table("k2_tags_xref")
    with pytest.raises(CommandError) as failure:
        run(k2)
    message = str(failure.value)
    assert f"K2's table {k2.prefix}k2_tags_xref is missing from this database" in message
    assert "restore the missing ones from the site's backup" in message
    assert "run the import again" not in message


def test_a_wrong_prefix_names_the_prefix_the_tables_have(k2):
    with pytest.raises(CommandError, match=f"have the prefix '{k2.prefix}'"):
        call_command(
            "import_k2",
            "--dsn",
            k2.dsn,
            "--prefix",
            "jos_",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


@pytest.mark.parametrize("charset", ["latin1", "utf8", "utf8mb4", "cp1250", "ascii"])
def test_any_charset_the_dsn_names_reads_every_item(k2, charset):
    # UTF-8 text in a latin1 table, as old Joomla sites kept it: bytes cp1252 does not define
    # (the 0x9d of ”) among them.
    k2.execute(f"ALTER TABLE `{k2.prefix}k2_items` CONVERT TO CHARACTER SET latin1")
    k2.execute("SET NAMES latin1")
    raw = "<p>“last resort” – Astana’s reply, café</p>".encode().decode("latin-1")
    k2.execute(
        f"INSERT INTO `{k2.prefix}k2_items` (title, alias, catid, published, introtext, `fulltext`,"
        " extra_fields_search, created, created_by_alias, checked_out, checked_out_time,"
        " modified, publish_up, publish_down, access, image_caption, image_credits,"
        " video_caption, video_credits, hits, params, metadesc, metadata, metakey, plugins,"
        " language) VALUES ('Quotes', 'quotes', 1, 1, '', %s, '', '2010-01-01', '', 0,"
        " 0, 0, '2010-01-01', 0, 1, '', '', '', '', 0, '', '', '', '', '', '*')",
        [raw],
    )
    k2.execute("SET NAMES utf8mb4")
    add(k2, "Plain")
    out = io.StringIO()
    call_command(
        "import_k2", "--dsn", f"{k2.dsn}?charset={charset}", "--prefix", k2.prefix,
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    assert "2 created" in out.getvalue()
    if charset == "latin1":
        body = Article.objects.get(title="Quotes").body
        assert body == "<p>“last resort” – Astana’s reply, café</p>"


def test_a_charset_mysql_does_not_know_is_refused_before_anything_is_read(k2):
    with pytest.raises(CommandError, match="charset 'klingon', which MySQL does not know"):
        call_command(
            "import_k2", "--dsn", f"{k2.dsn}?charset=klingon", "--prefix", k2.prefix,
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip
