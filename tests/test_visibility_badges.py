"""Each article's badge says whether readers see it, as live() decides, not the stored state."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_issue

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")


def badge_on_page(client, article):
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    return page.split('class="badge badge-', 1)[1].split("</span>", 1)[0]


def test_a_published_article_in_a_published_issue_is_live(editor_client):
    article = make_article("Out There", issue=make_issue())
    assert badge_on_page(editor_client, article) == 'live">Live'
    assert '<span class="badge badge-live">Live</span>' in editor_client.get(LIST).text


def test_a_published_article_of_an_unpublished_issue_is_not_public(editor_client):
    draft_issue = make_issue(status="draft")
    article = make_article("Waiting For Its Issue", issue=draft_issue)
    assert badge_on_page(editor_client, article) == 'hidden">Not public'


def test_a_scheduled_article_says_when(editor_client):
    at = timezone.now() + timedelta(days=2)
    article = make_article("Later", status="scheduled", published_at=at)
    assert badge_on_page(editor_client, article).startswith('scheduled">Scheduled for ')


def test_an_issue_published_for_later_schedules_its_articles_to_its_time(editor_client):
    later = timezone.now() + timedelta(days=3)
    issue = make_issue(published_at=later)
    article = make_article("With Its Issue", issue=issue)
    assert "Scheduled for" in badge_on_page(editor_client, article)


def test_drafts_and_withdrawn_articles_are_not_public(editor_client):
    for state in ("draft", "withdrawn"):
        article = make_article(f"In {state}", status=state)
        assert badge_on_page(editor_client, article) == 'hidden">Not public'
