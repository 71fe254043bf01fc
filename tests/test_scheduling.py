"""A scheduled article goes public at its time, by itself, on every public surface."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db


def public_surfaces(article):
    """Each public page that may show the article, with what shows it there."""
    author = article.authors.get()
    return [
        (reverse("articles:home"), article.title),
        (article.section.get_absolute_url(), article.title),
        (author.get_absolute_url(), article.title),
        (reverse("articles:author-list"), author.name),
        (make_tag("Kazakhstan").get_absolute_url(), article.title),
        (article.get_absolute_url(), article.title),
    ]


def visible_everywhere(client, article):
    pages = [(client.get(url), marker) for url, marker in public_surfaces(article)]
    return [page.status_code == 200 and marker in page.text for page, marker in pages]


def test_a_scheduled_article_is_invisible_a_second_before_its_time_and_visible_after(
    client, editor
):
    article = make_article("Timed Analysis", status="in_review")
    article.tags.add(make_tag("Kazakhstan"))
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    article.approve(by=editor, at=at)
    assert article.status == "scheduled"
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert visible_everywhere(client, article) == [False] * 6
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        assert visible_everywhere(client, article) == [True] * 6


def test_withdrawing_takes_an_article_off_every_public_surface_at_once(
    client, editor, django_capture_on_commit_callbacks
):
    article = make_article("Regretted Piece")
    article.tags.add(make_tag("Kazakhstan"))
    assert visible_everywhere(client, article) == [True] * 6
    with django_capture_on_commit_callbacks(execute=True):
        article.withdraw(by=editor, comment="Legal asked us to.")
    assert visible_everywhere(client, article) == [False] * 6
    assert article.transitions.get().comment == "Legal asked us to."


def test_the_admin_shows_publication_times_in_the_publications_zone(editor_client, settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    with timezone.override("Europe/Stockholm"):
        at = timezone.make_aware(timezone.datetime(2030, 7, 1, 9, 30))
    article = make_article("Summer Piece", status="scheduled", published_at=at)
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "1 July 2030, 09:30 (CEST, Europe/Stockholm)" in page
    assert "In Europe/Stockholm." in page


def test_the_article_list_shows_publication_times_with_their_zone(editor_client):
    make_article("Listed Later", status="scheduled", published_at=timezone.now() + timedelta(1))
    page = editor_client.get(reverse("admin:articles_article_changelist")).text
    assert f"({timezone.get_current_timezone_name()})" in page
    assert "?o=" in page
