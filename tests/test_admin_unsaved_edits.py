"""A button on the change form keeps what was typed above it."""

import pytest
from django.urls import reverse
from lxml import html

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def form_data(page):
    """What a browser would send for the change form as the page shows it."""
    form = html.fromstring(page).cssselect("form#article_form, form[id$='_form']")[0]
    data = {}
    for field in form.inputs:
        kind = getattr(field, "type", field.tag)
        if field.name is None or kind in ("submit", "button", "file"):
            continue
        if kind == "checkbox" and not field.checked:
            continue
        value = field.value
        if field.tag == "select":
            value = value if not field.multiple else list(value)
        data[field.name] = "" if value is None else value
    return data


def test_submitting_for_review_saves_the_teaser_just_typed(contributor_client, contributor):
    article = make_article("Needs a teaser", status="draft", authors=[contributor.author])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(contributor_client.get(url).content)
    data |= {
        "teaser": "Written just now.",
        "CHANGE_FORM-action": "submit",
        "_selected_action": str(article.pk),
    }
    contributor_client.post(url, data)
    article.refresh_from_db()
    assert article.teaser == "Written just now."
    assert article.status == Article.Status.IN_REVIEW


def test_edits_that_do_not_validate_come_back_and_nothing_moves(contributor_client, contributor):
    article = make_article("Keep me", status="draft", authors=[contributor.author])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(contributor_client.get(url).content)
    data |= {
        "title": "",
        "teaser": "Not lost.",
        "CHANGE_FORM-action": "submit",
        "_selected_action": str(article.pk),
    }
    response = contributor_client.post(url, data)
    assert response.status_code == 200
    assert "Not lost." in response.text
    article.refresh_from_db()
    assert (article.title, article.status) == ("Keep me", Article.Status.DRAFT)
