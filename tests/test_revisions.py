"""Every saved change is kept: the admin shows versions, their differences, and restores one."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.publishing.revisions import refresh_names
from tests.factories import make_article, make_author, make_tag, section
from tests.helpers import article_form

pytestmark = pytest.mark.django_db


def edit(client, article, **fields):
    author = article.authors.get()
    data = article_form(section(), author, title=article.title, slug=article.slug)
    data |= {"body": article.body, "teaser": article.teaser}
    data |= {"authorships-INITIAL_FORMS": 1, "authorships-0-id": article.authorships.get().pk}
    data |= {"authorships-0-article": article.pk, **fields}
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return response


def test_the_history_shows_who_changed_what_and_a_readable_diff(editor_client):
    article = make_article("Pipelines", status="draft", body="<p>Gas flows west today.</p>")
    edit(editor_client, article, body="<p>Gas flows east today.</p>", change_note="Direction fixed")
    page = editor_client.get(reverse("admin:articles_article_revisions", args=[article.pk])).text
    assert "Direction fixed" in page
    assert "<td>Edith</td>" in page
    assert "<del>west</del>" in page and "<ins>east</ins>" in page


def test_any_two_versions_can_be_compared(editor_client):
    article = make_article("Ports", status="draft", body="<p>One.</p>")
    edit(editor_client, article, body="<p>Two.</p>")
    edit(editor_client, article, body="<p>Three.</p>", title="Harbours")
    first, *_, last = reversed(list(article.history.all()))
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    page = editor_client.get(url, {"older": first.history_id, "newer": last.history_id}).text
    assert "<del>One.</del>" in page and "<ins>Three.</ins>" in page
    assert "<del>Ports</del>" in page and "<ins>Harbours</ins>" in page


def test_restoring_a_version_brings_its_content_back_as_the_newest_version(editor_client):
    article = make_article("Railways", status="draft", body="<p>Original text.</p>")
    edit(editor_client, article, body="<p>Spoiled text.</p>")
    original = article.history.order_by("history_date").first()
    versions_before = article.history.count()
    response = editor_client.post(
        reverse("admin:articles_article_restore", args=[article.pk, original.history_id]),
        follow=True,
    )
    assert "as the newest version" in response.text
    article.refresh_from_db()
    assert article.body == "<p>Original text.</p>"
    assert article.history.count() == versions_before + 1
    assert article.transitions.get().action == "restore"


def test_correcting_a_published_article_keeps_it_live_and_is_logged(editor_client, editor):
    article = make_article("Elections", body="<p>Turnout was 60 percent.</p>")
    edit(
        editor_client, article, body="<p>Turnout was 66 percent.</p>", change_note="Turnout figure"
    )
    assert article.status == "published"
    public = editor_client.get(article.get_absolute_url())
    assert "66 percent" in public.text
    correction = article.transitions.get()
    assert (correction.action, correction.by, correction.comment) == (
        "correct",
        editor,
        "Turnout figure",
    )
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "Correction" in page


def test_a_contributor_cannot_restore_their_submitted_article(client, contributor):
    article = make_article("Mine", status="draft", authors=[contributor.author])
    Article.objects.filter(pk=article.pk).update(title="Mine, changed")
    version = article.history.first()
    article.submit(by=contributor)
    client.force_login(contributor)
    url = reverse("admin:articles_article_restore", args=[article.pk, version.history_id])
    assert client.post(url).status_code == 403


def test_tags_and_authors_are_versioned_with_the_text(editor_client):
    article = make_article("Borders", status="draft", body="<p>Text.</p>")
    refresh_names(article)  # as saving the form would: the factory adds authors afterwards
    first_author = article.authors.get()
    georgia = make_tag("Georgia")
    second = make_author("Second Author")
    edit(
        editor_client,
        article,
        tags=[georgia.pk],
        **{
            "authorships-TOTAL_FORMS": 2,
            "authorships-1-author": second.pk,
            "authorships-1-position": 1,
        },
    )
    newest = article.history.first()
    assert newest.author_names == f"{first_author.name}\nSecond Author"
    assert newest.tag_names == "Georgia"
    page = editor_client.get(reverse("admin:articles_article_revisions", args=[article.pk])).text
    assert "<h3>Authors</h3>" in page and "<ins>Second Author</ins>" in page
    assert "<h3>Tags</h3>" in page and "<ins>Georgia</ins>" in page


def test_by_default_the_two_latest_versions_that_differ_are_compared(editor_client, editor):
    article = make_article("Moves", status="draft", authors=[editor.author], body="<p>Old.</p>")
    edit(editor_client, article, body="<p>New.</p>")
    article.submit(by=editor)  # a version that changes only the state
    page = editor_client.get(reverse("admin:articles_article_revisions", args=[article.pk])).text
    assert "<del>Old.</del>" in page and "<ins>New.</ins>" in page
    assert "No difference in the content." not in page


def test_restore_asks_first_and_the_log_names_the_version_by_time_and_person(editor_client):
    article = make_article("Canals", status="draft", body="<p>First words.</p>")
    edit(editor_client, article, body="<p>Second words.</p>")
    original = article.history.order_by("history_date").first()
    url = reverse("admin:articles_article_restore", args=[article.pk, original.history_id])
    asked = editor_client.get(url)
    assert "Yes, restore this version" in asked.text
    assert "<del>Second</del>" in asked.text and "<ins>First</ins>" in asked.text
    article.refresh_from_db()
    assert article.body == "<p>Second words.</p>"
    editor_client.post(url)
    article.refresh_from_db()
    assert article.body == "<p>First words.</p>"
    comment = article.transitions.get().comment
    assert comment.startswith("Restored the version saved on ")
    assert "(UTC) by the system." in comment  # the factory's first version had no one


def test_restoring_brings_back_the_authors_and_tags(editor_client):
    article = make_article("Tagged", status="draft", body="<p>Text.</p>")
    article.tags.add(make_tag("Armenia"))
    original_author = article.authors.get()
    edit(editor_client, article, tags=[], **{"authorships-0-author": make_author("New").pk})
    before = article.history.order_by("history_date").first()
    type(before).objects.filter(pk=before.pk).update(
        author_names=original_author.name, tag_names="Armenia"
    )
    url = reverse("admin:articles_article_restore", args=[article.pk, before.history_id])
    editor_client.post(url)
    assert article.ordered_authors == [original_author]
    assert list(article.tags.values_list("name", flat=True)) == ["Armenia"]
