"""What one types is kept on the server as one types, and offered back after a crash."""

import pytest
from django.urls import reverse

from articles.models import Article, AutosavedDraft
from tests.factories import make_article, make_author, make_member, section
from tests.helpers import article_form

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave(client, article, **fields):
    if article is None:
        return client.post(reverse("admin:articles_article_autosave_new"), fields)
    return client.post(reverse("admin:articles_article_autosave", args=[article.pk]), fields)


def test_typed_text_is_kept_and_the_time_is_answered(contributor_client, contributor):
    own = make_article("Mine", status="draft", authors=[contributor.author])
    response = autosave(contributor_client, own, title="Mine", body="<p>Half a thought</p>")
    assert response.status_code == 200
    assert response.json() == {"saved": "Saved 12:00"}
    copy = AutosavedDraft.objects.get()
    assert copy.fields == {"title": "Mine", "body": "<p>Half a thought</p>"}
    own.refresh_from_db()
    assert "Half a thought" not in own.body


def test_after_a_closed_tab_the_form_offers_the_text_back(contributor_client, contributor):
    own = make_article("Mine", status="draft", authors=[contributor.author])
    autosave(contributor_client, own, title="Mine, retitled", body="<p>Lost no more.</p>")
    page = contributor_client.get(change_url(own)).text
    assert "Unsaved text from" in page
    assert "Restore the unsaved text" in page
    restored = contributor_client.get(change_url(own) + "?restore=1")
    form = restored.context["adminform"].form
    assert form["title"].value() == "Mine, retitled"
    assert form["body"].value() == "<p>Lost no more.</p>"
    assert "Check it, then save." in restored.text


def test_saving_the_article_forgets_its_copy(contributor_client, contributor):
    own = make_article("Mine", status="draft", authors=[contributor.author])
    autosave(contributor_client, own, body="<p>Newer.</p>")
    data = article_form(section(), contributor.author, title="Mine", slug=own.slug)
    data |= {"body": "<p>Newer.</p>", "authorships-INITIAL_FORMS": 1}
    data["authorships-0-id"] = own.authorships.get().pk
    assert contributor_client.post(change_url(own), data).status_code == 302
    assert not AutosavedDraft.objects.exists()
    assert "Unsaved text" not in contributor_client.get(change_url(own)).text


def test_a_copy_that_adds_nothing_is_not_offered(editor_client):
    article = make_article("Same", status="draft")
    autosave(editor_client, article, title="Same", body=article.body)
    assert "Unsaved text" not in editor_client.get(change_url(article)).text
    assert not AutosavedDraft.objects.exists()


def test_a_new_article_is_kept_too_and_discarded_on_request(editor_client):
    autosave(editor_client, None, title="Not yet an article", body="<p>Draft.</p>")
    add = reverse("admin:articles_article_add")
    assert "Unsaved text from" in editor_client.get(add).text
    restored = editor_client.get(add + "?restore=1").context["adminform"].form
    assert restored["title"].value() == "Not yet an article"
    editor_client.post(reverse("admin:articles_article_discard_new"))
    assert "Unsaved text" not in editor_client.get(add).text


def test_saving_a_new_article_forgets_the_copy_of_it(editor_client):
    autosave(editor_client, None, title="A new analysis", body="<p>Text.</p>")
    data = article_form(section(), make_author(), body="<p>Text.</p>")
    assert editor_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    assert Article.objects.exists()
    assert not AutosavedDraft.objects.exists()


def test_each_person_has_their_own_copy(client, editor):
    article = make_article("Shared", status="draft")
    other = make_member("otto", "Editor")
    client.force_login(other)
    autosave(client, article, body="<p>Otto's words.</p>")
    client.force_login(editor)
    assert "Unsaved text" not in client.get(change_url(article)).text


def test_no_one_keeps_text_of_an_article_they_cannot_edit(contributor_client, contributor):
    others = make_article("Not Mine", status="draft")
    assert autosave(contributor_client, others, body="<p>x</p>").status_code == 404
    submitted = make_article("Submitted", status="in_review", authors=[contributor.author])
    assert autosave(contributor_client, submitted, body="<p>x</p>").status_code == 403
    assert not AutosavedDraft.objects.exists()


def test_only_the_form_text_is_kept(editor_client):
    article = make_article("Fields", status="draft")
    autosave(editor_client, article, title="T", status="published", read_count="9")
    assert AutosavedDraft.objects.get().fields == {"title": "T"}


def test_a_copy_too_long_to_keep_is_refused_in_words(editor_client):
    article = make_article("Long", status="draft")
    response = autosave(editor_client, article, body="x" * 1_000_001)
    assert response.status_code == 413
    assert "save the article" in response.json()["error"]
