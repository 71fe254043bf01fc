"""What takes a public page offline asks first, and is logged."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import TestCase
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_issue, section
from tests.helpers import article_form

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def is_live(article):
    return Article.objects.live().filter(pk=article.pk).exists()


def form_for(article, **fields):
    data = article_form(section(), article.authors.get(), title=article.title, slug=article.slug)
    data |= {"body": article.body, "authorships-INITIAL_FORMS": 1}
    data |= {"authorships-0-id": article.authorships.get().pk, **fields}
    return data


def test_moving_a_live_article_into_an_unpublished_issue_asks_first(editor_client):
    article = make_article("On The Site")
    upcoming = make_issue(status="draft")
    asked = editor_client.post(change_url(article), form_for(article, issue=upcoming.pk))
    assert asked.status_code == 200
    assert "This article is live: in the issue of" in asked.text
    assert is_live(article)
    saved = editor_client.post(
        change_url(article), form_for(article, issue=upcoming.pk, take_offline="on"), follow=True
    )
    assert "Taken off the site: moved into the unpublished issue" in saved.text
    assert not is_live(article)
    assert LogEntry.objects.filter(
        object_id=str(article.pk), change_message__startswith="Taken off the site"
    ).exists()


def test_moving_into_a_published_issue_needs_no_question(editor_client):
    article = make_article("Stays Up")
    out = make_issue()
    response = editor_client.post(change_url(article), form_for(article, issue=out.pk))
    assert response.status_code == 302
    assert is_live(article)


def test_withdrawing_a_live_article_asks_first_then_withdraws(editor_client):
    article = make_article("Withdraw Me")
    press = {"CHANGE_FORM-action": "withdraw", "_selected_action": article.pk}
    asked = editor_client.post(change_url(article), press)
    assert "This article is live: withdrawing takes its page off the site" in asked.text
    assert "Yes, take it off the site" in asked.text
    assert is_live(article)
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(change_url(article), press | {"confirmed": "yes"})
    assert not is_live(article)
    assert article.transitions.get().action == "withdraw"


def test_withdrawing_from_the_list_asks_for_all_the_live_ones(editor_client):
    first, second = make_article("First Live"), make_article("Second Live")
    listing = reverse("admin:articles_article_changelist")
    data = {"action": "withdraw", "_selected_action": [first.pk, second.pk]}
    asked = editor_client.post(listing, data)
    assert "These articles are live" in asked.text
    assert "First Live" in asked.text and "Second Live" in asked.text
    editor_client.post(listing, data | {"confirmed": "yes"})
    assert not is_live(first) and not is_live(second)
