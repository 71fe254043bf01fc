"""A contributor sees and edits only their own articles, and only while they are drafts."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_member, section
from tests.helpers import article_form

pytestmark = pytest.mark.django_db


def test_a_contributor_cannot_reach_another_contributors_draft_by_url(contributor_client):
    other = make_member("olga", "Contributor")
    draft = make_article("Olga's Secret Draft", status="draft", authors=[other.author])
    for name in ("change", "preview", "revisions"):
        url = reverse(f"admin:articles_article_{name}", args=[draft.pk])
        response = contributor_client.get(url, follow=True)
        assert (
            "Olga&#x27;s Secret Draft" not in response.text and "Olga's Secret" not in response.text
        )
    response = contributor_client.get(
        reverse("admin:articles_article_change", args=[draft.pk]), follow=True
    )
    assert "That article is not yours" in response.text
    assert "Perhaps it was deleted" not in response.text
    listing = contributor_client.get(reverse("admin:articles_article_changelist")).text
    assert "Olga" not in listing


def test_a_contributor_lists_and_edits_their_own_draft(contributor_client, contributor):
    own = make_article("My Own Draft", status="draft", authors=[contributor.author])
    assert (
        "My Own Draft" in contributor_client.get(reverse("admin:articles_article_changelist")).text
    )
    data = article_form(section(), contributor.author, title="My Better Draft", slug=own.slug)
    data |= {"body": "<p>Better.</p>", "change_note": "Sharper title"}
    data |= {"authorships-INITIAL_FORMS": 1, "authorships-0-id": own.authorships.get().pk}
    data["authorships-0-article"] = own.pk
    response = contributor_client.post(
        reverse("admin:articles_article_change", args=[own.pk]), data
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.title == "My Better Draft"
    assert own.history.first().history_change_reason == "Sharper title"


def test_a_contributor_cannot_edit_their_article_once_submitted(contributor_client, contributor):
    own = make_article("Under Review", status="in_review", authors=[contributor.author])
    page = contributor_client.get(reverse("admin:articles_article_change", args=[own.pk]))
    assert page.status_code == 200
    assert "View article" in page.text
    data = article_form(section(), contributor.author, title="Sneaky Edit", slug=own.slug)
    response = contributor_client.post(
        reverse("admin:articles_article_change", args=[own.pk]), data
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.title == "Under Review"


def test_a_new_article_by_a_contributor_is_theirs(contributor_client, contributor):
    data = article_form(section(), contributor.author, body="<p>Text.</p>")
    data |= {"authorships-TOTAL_FORMS": 0, "authorships-0-author": ""}
    response = contributor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.ordered_authors == [contributor.author]
    assert article.status == "draft"


def test_a_contributor_cannot_place_an_article_in_an_issue(contributor_client):
    page = contributor_client.get(reverse("admin:articles_article_add")).text
    assert 'name="issue"' not in page
    assert 'name="issue_position"' not in page


def test_a_contributor_without_an_author_profile_cannot_add_articles(client):
    user = make_member("nobody", "Contributor", author=False)
    client.force_login(user)
    assert client.get(reverse("admin:articles_article_add")).status_code == 403


def test_an_article_that_does_not_exist_is_still_said_not_to(contributor_client):
    response = contributor_client.get(
        reverse("admin:articles_article_change", args=[4242]), follow=True
    )
    assert "doesn’t exist" in response.text
    assert "not yours" not in response.text


def test_a_contributor_is_offered_no_publication_time_and_no_editors_moves(
    contributor_client, contributor
):
    own = make_article("Mine To Submit", status="draft", authors=[contributor.author])
    page = contributor_client.get(reverse("admin:articles_article_change", args=[own.pk])).text
    assert "Submit for review" in page
    assert "Publish at" not in page
    assert 'name="issue_position"' not in page
    listing = contributor_client.get(reverse("admin:articles_article_changelist")).text
    assert 'value="submit"' in listing
    for action in ("approve", "publish", "withdraw"):
        assert f'value="{action}"' not in listing


def test_an_editor_has_the_publication_time_and_every_bulk_move(editor_client):
    article = make_article("For Review", status="in_review")
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "Publish at" in page
    assert 'name="issue_position"' in page
    listing = editor_client.get(reverse("admin:articles_article_changelist")).text
    for action in ("submit", "approve", "publish", "withdraw"):
        assert f'value="{action}"' in listing


def test_a_contributor_cannot_run_an_editors_move_by_posting_it(contributor_client, contributor):
    own = make_article("Still Mine", status="draft", authors=[contributor.author])
    contributor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [own.pk]},
    )
    own.refresh_from_db()
    assert own.status == "draft"
