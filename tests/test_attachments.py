"""Files on an article: uploaded by editors, checked by their content, offered to its readers."""

import io
import zipfile

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html

from articles.models import Article, Attachment, Section
from tests.factories import make_article, make_author
from tests.helpers import article_form

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"x" * 2000


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(client, *files, title="Silk Road Paper"):
    """Add an article in the admin with these files, as an editor fills the form."""
    data = article_form(
        Section.objects.get(slug="field-reports"), make_author("Svante Cornell"),
        body="<p>Text.</p>", title=title, slug="silk-road-paper",
        **{"attachments-TOTAL_FORMS": len(files)},
    )  # fmt: skip
    for number, (name, content) in enumerate(files):
        data |= {
            f"attachments-{number}-file": SimpleUploadedFile(name, content),
            f"attachments-{number}-title": f"File {number}",
            f"attachments-{number}-position": number,
        }
    return client.post(reverse("admin:articles_article_add"), data)


def publish(article):
    Article.objects.filter(pk=article.pk).update(
        status="published", published_at=article.created_at
    )


def test_an_editor_attaches_a_pdf_that_readers_download(editor_client, client):
    response = upload(editor_client, ("paper.pdf", PDF_BYTES))
    assert response.status_code == 302
    (attachment,) = Attachment.objects.all()
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(PDF_BYTES))
    publish(attachment.article)
    client.logout()
    page = html.fromstring(client.get("/articles/silk-road-paper/").content)
    (link,) = page.cssselect(".downloads a")
    assert link.text_content() == "File 0"
    assert " ".join(page.cssselect(".downloads li")[0].text_content().split()) == (
        "File 0 (PDF, 2.0 KB)"
    )
    download = client.get(link.get("href"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_an_office_document_is_known_by_its_content(editor_client):
    assert upload(editor_client, ("notes.bin", docx_bytes())).status_code == 302
    assert Attachment.objects.get().kind == "Word"


def test_a_file_that_only_claims_to_be_a_pdf_is_refused(editor_client):
    response = upload(editor_client, ("paper.pdf", b"<html><script>alert(1)</script></html>"))
    assert response.status_code == 200
    assert "not a document we accept" in response.content.decode()
    assert not Article.objects.exists() and not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused_with_the_limit(editor_client, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = upload(editor_client, ("paper.pdf", PDF_BYTES))
    assert "attachments may be at most 1.0" in response.content.decode()
    assert not Attachment.objects.exists()


def attach(article, name="paper.pdf", content=PDF_BYTES, **fields):
    return Attachment.objects.create(
        article=article, file=SimpleUploadedFile(name, content), **fields
    )


def test_the_files_of_an_article_readers_cannot_see_are_not_served(client):
    draft = make_article("Not yet", status=Article.Status.DRAFT)
    attachment = attach(draft)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    public = make_article("Out now")
    other = attach(public)
    wrong_article = reverse("articles:attachment", args=[public.slug, attachment.pk])
    assert client.get(wrong_article).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 200


def test_feeds_list_the_files_as_enclosures(client):
    article = make_article("With files")
    first = attach(article, position=0)
    attach(article, "notes.docx", docx_bytes(), position=1)
    rss = feedparser.parse(client.get("/feed/").content)
    (entry,) = rss.entries
    assert [(e.length, e.type) for e in entry.enclosures] == [
        (str(len(PDF_BYTES)), "application/pdf")
    ]  # RSS 2.0 takes one enclosure per item
    assert entry.enclosures[0].href.endswith(first.get_absolute_url())
    atom = feedparser.parse(client.get("/feed/atom/").content)
    assert [e.type for e in atom.entries[0].enclosures] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]


def test_a_file_added_or_removed_shows_on_its_articles_page_and_leaves_the_others_cached(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # the pieces each process keeps, not the page cache
    with_file, other = make_article("With a file"), make_article("Without one")
    for article in (with_file, other):
        client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attach(with_file, title="The full report")
    assert "The full report" in client.get(with_file.get_absolute_url()).text
    with CaptureQueriesContext(connection) as queries:
        assert client.get(other.get_absolute_url()).status_code == 200
    # Nothing is asked: the other article, its files and read count included, was kept.
    assert queries.captured_queries == []
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert "The full report" not in client.get(with_file.get_absolute_url()).text
