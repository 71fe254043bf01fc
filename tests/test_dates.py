"""Every reader's page writes dates in the publication's one style: 16 July 2003."""

import re
from datetime import date

import pytest
from lxml import html

from articles.models import StaffPublication
from tests.factories import make_article, make_issue

pytestmark = pytest.mark.django_db

MONTH_FIRST = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{1,2}, \d{4}"
)


def visible_text(client, url):
    tree = html.fromstring(client.get(url).content)
    return " ".join(tree.cssselect("body")[0].text_content().split())


def test_no_page_writes_a_date_month_first(client):
    issue = make_issue(date=date(2003, 7, 16))
    article = make_article("The Kazakh military looks west", issue=issue)
    StaffPublication.objects.create(
        kind=StaffPublication.Kind.OP_ED,
        authors="S. Frederick Example",
        title="A view",
        date=date(2023, 3, 30),
    )
    for url in ["/", article.get_absolute_url(), issue.get_absolute_url(), "/staff-publications/"]:
        text = visible_text(client, url)
        assert not MONTH_FIRST.search(text), (url, MONTH_FIRST.search(text).group())
    assert "30 March 2023" in visible_text(client, "/staff-publications/")
