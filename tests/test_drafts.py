"""Drafts save in any state of completion; what they miss is listed, and required to move on."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Section
from tests.factories import make_article, make_author, make_png, section
from tests.helpers import article_form
from tests.test_workflow import act as press
from tests.test_workflow import change_url, shown_messages

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")


def structured_draft_form(author, **parts):
    return article_form(Section.objects.get(slug="analytical-articles"), author, **parts)


def test_a_structured_draft_missing_parts_is_saved_and_told_what_it_misses(contributor_client):
    data = structured_draft_form(make_author(), background="<p>Only the background so far.</p>")
    response = contributor_client.post(ADD_ARTICLE, data, follow=True)
    article = Article.objects.get()
    assert article.background == "<p>Only the background so far.</p>"
    assert article.status == Article.Status.DRAFT
    [message] = [m for m in shown_messages(response) if m.startswith("Saved. Before")]
    assert "misses its Implications part and misses its Conclusions part" in message


def test_the_change_form_lists_what_is_missing_without_refusing_the_save(editor_client):
    article = make_article("Unfinished", "analytical-articles", status="draft", conclusions="")
    page = editor_client.get(change_url(article)).text
    assert "Still missing before it can be submitted" in page
    assert 'href="#id_conclusions">Articles in Analytical Articles need a Conclusions part.' in page
    assert "Background part" not in page


def test_a_complete_article_says_it_can_go_further(editor_client):
    article = make_article("Finished", status="draft")
    page = editor_client.get(change_url(article)).text
    assert "Nothing is missing: the article can be submitted" in page
    assert "Still missing" not in page


def test_a_plain_draft_without_text_or_teaser_is_saved(editor_client):
    response = editor_client.post(ADD_ARTICLE, article_form(section(), make_author()))
    assert response.status_code == 302
    article = Article.objects.get()
    page = editor_client.get(change_url(article)).text
    assert "Write the article&#x27;s text." in page
    assert "Write a teaser." in page


def test_text_pasted_into_the_body_of_a_structured_draft_is_kept(editor_client):
    data = structured_draft_form(make_author(), body="<p>Pasted here.</p>")
    assert editor_client.post(ADD_ARTICLE, data).status_code == 302
    article = Article.objects.get()
    assert article.body == "<p>Pasted here.</p>"
    page = editor_client.get(change_url(article)).text
    assert "move this text into Background, Implications and Conclusions" in page


def test_an_image_without_its_description_is_saved_in_a_draft(editor_client):
    data = article_form(section(), make_author(), body="<p>Text.</p>", image=make_png())
    assert editor_client.post(ADD_ARTICLE, data).status_code == 302
    article = Article.objects.get()
    assert article.image
    assert "Describe the image" in editor_client.get(change_url(article)).text


@pytest.mark.parametrize("action", ["submit", "approve", "publish"])
def test_an_incomplete_article_cannot_move_on(client, contributor, editor, action):
    state = "draft" if action == "submit" else ("in_review" if action == "approve" else "approved")
    article = make_article(
        "Half Done",
        "analytical-articles",
        status=state,
        authors=[contributor.author],
        implications="",
    )
    client.force_login(contributor if action == "submit" else editor)
    said = " ".join(shown_messages(press(client, article, action)))
    assert "“Half Done” misses its Implications part: it cannot be " in said
    article.refresh_from_db()
    assert article.status == state


def test_once_complete_the_draft_is_submitted(contributor_client, contributor):
    article = make_article("Now Done", status="draft", authors=[contributor.author], body="")
    refused = press(contributor_client, article, "submit")
    assert "has no text" in " ".join(shown_messages(refused))
    Article.objects.filter(pk=article.pk).update(body="<p>The text. All of it.</p>")
    press(contributor_client, article, "submit")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_a_published_article_cannot_lose_a_part_it_had(editor_client):
    article = make_article("Live One", "analytical-articles")
    data = structured_draft_form(
        article.ordered_authors[0],
        title=article.title,
        slug=article.slug,
        background=article.background,
        implications=article.implications,
        conclusions="",
    )
    data |= {"authorships-INITIAL_FORMS": 1, "authorships-0-id": article.authorships.get().pk}
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "need a Conclusions part" in response.text
    article.refresh_from_db()
    assert article.conclusions


def test_a_file_that_is_not_an_image_is_still_refused_on_save(editor_client):
    fake = SimpleUploadedFile("photo.png", b"<?php echo 1; ?>", content_type="image/png")
    data = article_form(section(), make_author(), body="<p>Text.</p>", image=fake)
    response = editor_client.post(ADD_ARTICLE, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
