"""Editors check before readers see: the import report, and the queue of articles to check."""

import csv

import pytest

from articles.models import ImportRecord, Section
from tests.k2 import REGISTERED, k2_database
from tests.k2 import run_import as run

pytestmark = pytest.mark.django_db

STRUCTURED = (
    "<p>By Roger N. McDermott (7/16/2003 issue of the CACI Analyst)</p>"
    "<p>BACKGROUND: Astana looks west.</p><p>IMPLICATIONS: NATO answers.</p>"
    "<p>CONCLUSIONS: A partner.</p>"
)


@pytest.fixture
def k2():
    with k2_database() as database:
        database.add_category("Analytical Articles", "analytical-articles")  # id 1
        database.add_category("Members Corner", "members-corner", access=REGISTERED)  # id 2
        database.add_menu("analytical-articles", [1])
        yield database


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return {row["id in the source"]: row for row in csv.DictReader(file)}


def fill(k2):
    return {
        "analysis": k2.add_item(
            "The Kazakh Military Looks West", 1, alias="kazakh", fulltext=STRUCTURED,
            created_by_alias="Roger N. McDermott",
        ),
        "unstructured": k2.add_item(
            "A loose analysis", 1, alias="loose", fulltext="<p>No parts at all here.</p>",
            publish_up="2004-05-19 07:00:00",
        ),
        "members": k2.add_item("For members", 2, alias="members", fulltext="<p>Inside.</p>"),
        "empty": k2.add_item("Empty", 1, alias="empty", fulltext=""),
    }  # fmt: skip


def test_a_dry_run_report_says_what_each_item_becomes(k2, tmp_path):
    items = fill(k2)
    path = tmp_path / "report.csv"
    output = run(k2, "--dry-run", "--report", str(path))
    assert f"The report is in {path}." in output
    report = rows(path)
    analysis = report[str(items["analysis"])]
    assert analysis["what the run did"] == "would be created"
    assert analysis["becomes"] == "public"
    assert analysis["state"] == "published"
    assert analysis["section"] == "Analytical Articles (existing)"
    assert analysis["authors"] == "Roger N. McDermott (new)"
    assert (analysis["date"], analysis["date from"]) == ("2003-07-16", "byline")
    assert analysis["parts found"] == "background, implications, conclusions"
    assert analysis["address"] == "/articles/kazakh/"
    loose = report[str(items["unstructured"])]
    assert (loose["date"], loose["date from"]) == ("2004-05-19", "publish date")
    assert loose["parts found"] == "none: kept whole"
    assert "this text lacks them and was kept whole" in loose["warnings"]
    members = report[str(items["members"])]
    assert members["becomes"] == "hidden"
    assert members["state"] == "draft"
    assert members["why hidden, skipped or failed"].startswith(
        "its category “Members Corner” is only for readers at the Registered access level (2)"
    )
    assert members["section"] == "Members Corner (new, unlisted)"
    assert members["address"] == ""
    empty = report[str(items["empty"])]
    assert empty["what the run did"] == "skipped"
    assert "its text is empty in K2" in empty["why hidden, skipped or failed"]
    assert not ImportRecord.objects.exists()
    assert not Section.objects.filter(name="Members Corner").exists()


def test_a_second_author_of_the_same_name_is_matched(k2, tmp_path):
    first = k2.add_item("One", 1, fulltext="<p>x</p>", created_by_alias="Svante E. Cornell")
    second = k2.add_item("Two", 1, fulltext="<p>y</p>", created_by_alias="Svante E. Cornell")
    run(k2, "--report", str(tmp_path / "report.csv"))
    report = rows(tmp_path / "report.csv")
    assert report[str(first)]["authors"] == "Svante E. Cornell (new)"
    assert report[str(second)]["authors"] == "Svante E. Cornell (matched)"


def test_a_report_that_cannot_be_written_stops_before_anything_is_imported(k2, tmp_path):
    fill(k2)
    with pytest.raises(Exception, match="Cannot write the report to"):
        run(k2, "--report", str(tmp_path / "no-such-folder" / "report.csv"))
    assert not ImportRecord.objects.exists()


def test_articles_with_warnings_wait_in_the_review_queue_until_checked(editor_client, k2):
    items = fill(k2)
    output = run(k2)
    assert "1 imported article with warnings to check" in output
    queue = editor_client.get("/admin/articles/importrecord/?review=to-check")
    assert queue.status_code == 200
    page = queue.content.decode()
    assert "A loose analysis" in page
    assert "this text lacks them and was kept whole" in page
    assert "The Kazakh Military Looks West" not in page
    record = ImportRecord.objects.get(key=str(items["unstructured"]))
    response = editor_client.post(
        "/admin/articles/importrecord/?review=to-check",
        {"action": "mark_checked", "_selected_action": [record.pk]},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.checked_at is not None
    assert (
        "A loose analysis"
        not in editor_client.get("/admin/articles/importrecord/?review=to-check").content.decode()
    )
    assert (
        "A loose analysis"
        in editor_client.get("/admin/articles/importrecord/?review=checked").content.decode()
    )


def test_a_warning_that_comes_back_puts_the_article_back_in_the_queue(admin_user, k2):
    item = k2.add_item("Loose", 1, alias="loose", fulltext="<p>No parts.</p>")
    run(k2)
    record = ImportRecord.objects.get(key=str(item))
    record.mark_checked(by=admin_user)
    k2.update("k2_items", item, title="Loose, retitled")
    run(k2)  # the same warning as before: still checked
    record.refresh_from_db()
    assert record.checked_at is not None
    k2.update("k2_items", item, fulltext=STRUCTURED)
    run(k2, "--overwrite-edits")
    record.refresh_from_db()
    assert record.warnings == ""
    k2.update("k2_items", item, fulltext="<p>No parts again.</p>")
    run(k2, "--overwrite-edits")
    assert list(ImportRecord.objects.to_check()) == [record]


def test_the_texts_own_doubts_reach_the_report_and_the_review_queue(editor_client, k2, tmp_path):
    # Entered years after its issue: only the weekday decides how 08/05/13 reads.
    item = k2.add_item(
        "Caspian",
        2,
        alias="caspian",
        fulltext="<p>by Stephen Blank (the 08/05/13 issue of the CACI Analyst)</p><p>Text.</p>",
        created="2015-01-07 10:00:00",
        publish_up="2015-01-07 10:00:00",
    )
    run(k2, "--report", str(tmp_path / "report.csv"))
    doubt = "ambiguous date 08/05/13 read as 8 May 2013"
    assert doubt in rows(tmp_path / "report.csv")[str(item)]["warnings"]
    queue = editor_client.get("/admin/articles/importrecord/?review=to-check").content.decode()
    assert "Caspian" in queue and doubt in queue
