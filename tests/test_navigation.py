"""The main menu marks where the reader is, on every page, cached or not."""

import pytest
from lxml import html

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
