"""Printing: a print stylesheet, a Print button, and the issue printing as its contents."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from lxml import html

from tests.factories import make_article, make_issue

pytestmark = pytest.mark.django_db
PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "print.css"


def page_of(client, url):
    return html.fromstring(client.get(url).content)


def test_every_page_loads_the_print_stylesheet_for_print_only(client):
    page = page_of(client, "/")
    (link,) = page.cssselect("link[href$='css/print.css']")
    assert link.get("media") == "print"
    assert finders.find("css/print.css") == str(PRINT_CSS)


def test_the_print_stylesheet_hides_navigation_and_sidebar_and_shows_link_addresses():
    css = PRINT_CSS.read_text()
    hidden = css.split("{ display: none !important; }")[0]
    for selector in (".site-nav", ".sidebar", ".site-footer", ".skip-link", ".page-tools"):
        assert selector in hidden
    assert 'content: " (" attr(href) ")"' in css


def test_the_article_page_has_a_print_button_and_its_address_for_paper(client):
    article = make_article("On paper")
    page = page_of(client, article.get_absolute_url())
    assert page.cssselect("button[data-print]")[0].text_content() == "Print this article"
    assert page.cssselect(".print-url")[0].text_content() == (
        "http://127.0.0.1:8000/articles/on-paper/"
    )


def test_the_issue_page_prints_as_its_table_of_contents(client):
    issue = make_issue()
    make_article("Printed report", issue=issue)
    page = page_of(client, issue.get_absolute_url())
    assert page.cssselect("button[data-print]")[0].text_content() == ("Print the table of contents")
    assert page.cssselect(".issue .contents-section .article-item-title")
    css = PRINT_CSS.read_text()
    assert ".issue .article-item" in css
    assert ".issue-nav" in css.split("{ display: none !important; }")[0]
