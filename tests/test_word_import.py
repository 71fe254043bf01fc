"""An author's Word file fills the article form, to be checked before it is saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from msoffcrypto.format.ooxml import OOXMLFile

from articles.admin import word_import
from articles.models import Article
from articles.text import wordfiles
from tests import wordfiles as word
from tests.factories import make_article, make_author, make_png, section
from tests.helpers import article_form

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")
IMPORT_NEW = reverse("admin:articles_article_word_new")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(content, name="article.docx"):
    return SimpleUploadedFile(name, content, content_type=DOCX)


def import_file(client, content, url=IMPORT_NEW, **typed):
    """Choose the file on the form and press Import; the form opens again, filled."""
    return client.post(url, {"word_file": upload(content), **typed}, follow=True)


def filled_form(response):
    return response.context["adminform"].form


def said(response):
    return " ".join(str(message) for message in response.context["messages"])


def analysis(heading_forms=("BACKGROUND:", "Implications", "3. Conclusions")):
    document = word.new_document()
    document.add_heading("The Kazakh Military Looks West", level=0)
    document.add_paragraph("By Roger N. McDermott and Anne Aldis")
    opening = document.add_paragraph()
    opening.add_run(heading_forms[0]).bold = True
    opening.add_run(" During his meetings with Lord Robertson, the President spoke.")
    document.add_paragraph("Kazakhstan has been an active member of the Partnership.")
    document.add_heading(heading_forms[1], level=2)
    document.add_paragraph("NATO's attempts to deepen its ties met a positive response.")
    document.add_paragraph(heading_forms[2])
    document.add_paragraph("As NATO conducts its defense diplomacy, it finds a partner.")
    return document


def test_a_structured_analysis_fills_title_byline_and_parts_without_saving(editor_client):
    roger = make_author("Roger N. McDermott")
    response = import_file(editor_client, word.saved(analysis()))
    form = filled_form(response)
    assert not Article.objects.exists()
    assert form["title"].value() == "The Kazakh Military Looks West"
    assert form["slug"].value() == "the-kazakh-military-looks-west"
    assert form["background"].value() == (
        "<p>During his meetings with Lord Robertson, the President spoke.</p>"
        "<p>Kazakhstan has been an active member of the Partnership.</p>"
    )
    assert form["implications"].value() == (
        "<p>NATO's attempts to deepen its ties met a positive response.</p>"
    )
    assert form["conclusions"].value().startswith("<p>As NATO conducts")
    assert form["body"].value() == ""
    message = said(response)
    assert "the title “The Kazakh Military Looks West”" in message
    assert "the parts Background, Implications, Conclusions" in message
    assert "Not yet among the authors (add them under Authors): Anne Aldis." in message
    assert "nothing is saved until you do" in message
    authors = response.context["inline_admin_formsets"][0].formset
    assert authors.forms[0].initial["author"] == roger.pk


@pytest.mark.parametrize(
    "forms",
    [
        ("Background", "IMPLICATIONS", "Conclusions"),
        ("1. Background", "2. Implications:", "3. Conclusion"),
        ("BACKGROUND", "Implications –", "CONCLUSIONS:"),
    ],
)
def test_the_part_headings_are_recognised_in_the_forms_authors_type_them(editor_client, forms):
    form = filled_form(import_file(editor_client, word.saved(analysis(forms))))
    assert "the President spoke" in form["background"].value()
    assert "positive response" in form["implications"].value()
    assert "defense diplomacy" in form["conclusions"].value()
    for heading in forms:
        assert heading not in form["background"].value() + form["implications"].value()


def test_a_sentence_that_starts_with_a_heading_word_stays_text(editor_client):
    document = word.new_document()
    document.add_paragraph("Background checks were made on every applicant.")
    form = filled_form(import_file(editor_client, word.saved(document)))
    assert form["body"].value() == "<p>Background checks were made on every applicant.</p>"
    assert form["background"].value() == ""


def test_images_keep_their_description_and_those_without_one_are_named(editor_client):
    document = word.new_document()
    document.add_paragraph("A field report.")
    word.add_picture(document, alt="The port of Aktau at dawn")
    word.add_picture(document)
    response = import_file(editor_client, word.saved(document))
    body = filled_form(response)["body"].value()
    assert '<img src="/media/articles/from-word/' in body
    assert 'alt="The port of Aktau at dawn"' in body
    assert body.count("<img") == 2
    assert "1 image(s) without a description" in said(response)


def test_footnotes_become_notes_at_the_end(editor_client):
    document = word.new_document()
    document.add_paragraph("A claim")
    document.add_paragraph("Another claim")
    notes = [("A claim", "Source one."), ("Another claim", "Two.")]
    content = word.saved(document, footnotes=notes)
    response = import_file(editor_client, content)
    body = filled_form(response)["body"].value()
    assert "<p>A claim<sup>[1]</sup></p>" in body
    assert body.endswith("<h3>Notes</h3><ol><li><p>Source one.</p></li><li><p>Two.</p></li></ol>")
    assert "↑" not in body
    assert "2 notes, placed at the end" in said(response)


def test_word_styling_and_comments_are_left_behind(editor_client):
    document = word.new_document()
    styled = word.add_styled_paragraph(document, "Loud text.")
    document.add_comment(styled.runs[0], text="Cut this, says the editor.", author="Ed")
    body = filled_form(import_file(editor_client, word.saved(document)))["body"].value()
    assert body == "<p>Loud text.<strong> Bold</strong></p>"


def test_what_the_file_holds_goes_through_the_allow_list(editor_client):
    document = word.new_document()
    document.add_paragraph('<script>alert("x")</script> plain words')
    body = filled_form(import_file(editor_client, word.saved(document)))["body"].value()
    assert "<script>" not in body
    assert "plain words" in body


def test_the_import_fills_an_existing_article_and_saving_keeps_it(editor_client):
    article = make_article("Old Title", "analytical-articles", status="draft")
    url = reverse("admin:articles_article_word", args=[article.pk])
    response = import_file(editor_client, word.saved(analysis()), url=url)
    form = filled_form(response)
    assert form["title"].value() == "The Kazakh Military Looks West"
    article.refresh_from_db()
    assert article.title == "Old Title"


def test_a_file_that_is_not_a_docx_is_refused_and_typed_text_kept(editor_client):
    response = editor_client.post(
        IMPORT_NEW,
        {"word_file": upload(make_png().read(), "photo.docx"), "title": "What I typed"},
        follow=True,
    )
    assert "This file is not a Word document (.docx)." in said(response)
    assert filled_form(response)["title"].value() == "What I typed"


def test_an_old_word_file_is_told_to_be_saved_as_docx(editor_client):
    old = wordfiles.OLE_SIGNATURE + b"\0" * 504 + "WordDocument".encode("utf-16-le")
    assert "older Word file (.doc)" in said(import_file(editor_client, old))


def test_a_password_protected_file_gets_a_clear_message(editor_client):
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(word.saved(analysis()))).encrypt("secret", encrypted)
    response = import_file(editor_client, encrypted.getvalue())
    assert "protected by a password" in said(response)
    assert not Article.objects.exists()


def test_a_file_over_the_size_limit_is_refused(editor_client, monkeypatch):
    monkeypatch.setattr(wordfiles, "MAX_WORD_FILE_BYTES", 1000)
    response = import_file(editor_client, word.saved(analysis()))
    assert "Word files may be at most 1000" in said(response)


def test_no_file_chosen_says_so(editor_client):
    response = editor_client.post(IMPORT_NEW, {"title": "Typed"}, follow=True)
    assert "Choose a Word file (.docx) to import." in said(response)


def test_a_contributor_cannot_import_into_someone_elses_article(contributor_client):
    others = make_article("Not Hers", status="draft")
    url = reverse("admin:articles_article_word", args=[others.pk])
    assert contributor_client.post(url, {"word_file": upload(b"x")}).status_code == 404


def test_an_image_in_a_format_browsers_do_not_show_is_left_out(settings):
    assert word_import.store_image(b"not a picture", "image/x-emf") is None


def test_the_imported_article_saves_as_a_draft(editor_client):
    roger = make_author("Roger N. McDermott")
    form = filled_form(import_file(editor_client, word.saved(analysis())))
    parts = ("title", "slug", "background", "implications", "conclusions")
    posted = article_form(
        section("analytical-articles"), roger, **{name: form[name].value() for name in parts}
    )
    assert editor_client.post(ADD_ARTICLE, posted).status_code == 302
    article = Article.objects.get()
    assert article.background.startswith("<p>During his meetings")
    assert article.ordered_authors == [roger]
    assert not article.autosaved_drafts.exists()
