"""K2's attachments, and the PDFs an item's text links to, become files on the article."""

import pytest
from lxml import html

from articles.models import Attachment
from tests.k2 import REGISTERED, imported, k2_database
from tests.k2 import run_import as run

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.5\n" + b"0" * 3000 + b"\n%%EOF\n"


@pytest.fixture
def k2():
    with k2_database() as database:
        database.add_category("Silk Road Papers", "silk-road-papers")  # id 1
        yield database


@pytest.fixture
def site(tmp_path):
    """The old site's folder, with K2's attachments and the files its articles linked to."""
    (tmp_path / "media/k2/attachments").mkdir(parents=True)
    (tmp_path / "media/k2/attachments/paper.pdf").write_bytes(PDF)
    (tmp_path / "images/stories").mkdir(parents=True)
    (tmp_path / "images/stories/annex.pdf").write_bytes(PDF + b"annex")
    (tmp_path / "media/k2/attachments/fake.pdf").write_bytes(b"<html>not a pdf</html>")
    (tmp_path.parent / "secret.pdf").write_bytes(PDF)
    return tmp_path


def add_paper(k2, **fields):
    item = k2.add_item(
        "Georgia's Rose Revolution",
        1,
        alias="rose-revolution",
        fulltext='<p>The full study is <a href="/images/stories/annex.pdf">here</a> and '
        '<a href="http://www.old-site.org/images/stories/annex.pdf">here again</a>.</p>',
        **fields,
    )
    k2.add_attachment(item, "paper.pdf", "The paper (PDF)")
    return item


def test_attachments_and_linked_pdfs_become_downloads(client, k2, site):
    item = add_paper(k2)
    run(k2, "--media", str(site))
    article = imported(item)
    files = list(article.attachments.all())
    assert [(f.title, f.content_type, f.size) for f in files] == [
        ("The paper (PDF)", "application/pdf", len(PDF)),
        ("annex", "application/pdf", len(PDF) + 5),
    ]
    page = html.fromstring(client.get(article.get_absolute_url()).content)
    downloads = [" ".join(li.text_content().split()) for li in page.cssselect(".downloads li")]
    assert downloads == ["The paper (PDF) (PDF, 2.9 KB)", "annex (PDF, 3.0 KB)"]
    links = [a.get("href") for a in page.cssselect(".article-text a")]
    assert links == [files[1].get_absolute_url()] * 2  # by its path, and by its full address
    assert client.get(links[0]).status_code == 200


def test_a_second_run_keeps_the_files_as_they_are(k2, site):
    item = add_paper(k2)
    run(k2, "--media", str(site))
    before = list(Attachment.objects.values_list("pk", "file"))
    output = run(k2, "--media", str(site))
    assert "1 unchanged" in output
    k2.update("k2_items", item, title="Georgia's Rose Revolution, revisited")
    run(k2, "--media", str(site))
    assert list(Attachment.objects.values_list("pk", "file")) == before


def test_files_that_are_not_documents_or_outside_the_site_are_left_out(k2, site):
    item = k2.add_item(
        "Odd files",
        1,
        fulltext='<p><a href="/../secret.pdf">x</a> <a href="/missing.pdf">y</a></p>',
    )
    k2.add_attachment(item, "fake.pdf", "Fake")
    output = run(k2, "--media", str(site))
    assert not Attachment.objects.exists()
    assert "the file fake.pdf was left out: This file is not a document we accept" in output
    assert "the PDF /../secret.pdf linked in the text was not found under --media" in output
    assert "the PDF /missing.pdf linked in the text was not found under --media" in output


def test_without_media_the_attachments_are_named_in_the_warnings(k2):
    add_paper(k2)
    output = run(k2)
    assert "has 1 attachment(s) in K2; give --media to bring them" in output
    assert not Attachment.objects.exists()


def test_the_files_of_a_hidden_item_are_not_served(client, k2, site):
    item = add_paper(k2, access=REGISTERED)
    run(k2, "--media", str(site))
    article = imported(item)
    assert article.attachments.count() == 2
    for file in article.attachments.all():
        assert client.get(file.get_absolute_url()).status_code == 404


def test_the_report_lists_the_attachments(k2, site, tmp_path):
    add_paper(k2)
    run(k2, "--media", str(site), "--dry-run", "--report", str(tmp_path / "r.csv"))
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "The paper (PDF) (paper.pdf); annex (annex.pdf)" in text
    assert not Attachment.objects.exists()
