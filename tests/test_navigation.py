"""The main menu marks where the reader is, on every page, cached or not."""

import pytest
from django.urls import reverse
from lxml import html

from articles.models import Section
from tests.factories import make_issue

pytestmark = pytest.mark.django_db


def current_entries(client, url):
    tree = html.fromstring(client.get(url).content)
    return [
        (a.text_content(), a.get("aria-current"))
        for a in tree.cssselect(".site-nav a[aria-current]")
    ]


def test_the_menu_marks_the_page_itself(client):
    assert current_entries(client, "/authors/") == [("Authors", "page")]
    assert current_entries(client, "/") == [("Home", "page")]


def test_the_menu_marks_the_entry_a_page_belongs_to(client):
    issue = make_issue()
    assert current_entries(client, issue.get_absolute_url()) == [("Issues", "true")]
    assert current_entries(client, "/sections/field-reports/") == [("Field Reports", "page")]


def test_each_page_gets_its_own_marked_menu_from_the_fragment_cache(client):
    for url, label in [("/most-read/", "Most read"), ("/authors/", "Authors")] * 2:
        assert current_entries(client, url) == [(label, "page")]


def test_a_page_outside_the_menu_marks_nothing(client):
    assert current_entries(client, "/search/?q=oil") == []


def test_a_section_renamed_in_the_admin_is_renamed_in_the_menu(
    admin_client, django_capture_on_commit_callbacks
):
    section = Section.objects.get(slug="field-reports")
    assert "Field Reports" in menu_labels(admin_client, "/")
    change = reverse("admin:articles_section_change", args=[section.pk])
    form = {
        "name": "Reports from the Field",
        "slug": "reports-from-the-field",
        "description": section.description,
        "position": section.position,
        "structured": "",
        "listed": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change, form)
    assert response.status_code == 302
    labels = menu_labels(admin_client, "/")
    assert "Reports from the Field" in labels and "Field Reports" not in labels
    entries = current_entries(admin_client, "/sections/reports-from-the-field/")
    assert entries == [("Reports from the Field", "page")]


def menu_labels(client, url):
    tree = html.fromstring(client.get(url).content)
    return [a.text_content() for a in tree.cssselect(".site-nav a")]
