"""Walk every public URL pattern with a hidden article's own values: nothing of it shows."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import Article, Issue
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0"
NOT_PUBLIC = ("admin/",)
SECRET_TITLE = "Secret embargoed analysis"
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


def walk(patterns, prefix=""):
    """Yield (route, pattern) for every URL pattern below `patterns`."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def public_routes():
    for route, _ in walk(get_resolver().url_patterns):
        if not route.startswith(NOT_PUBLIC):
            yield route


def fill(route, values):
    """The URL of `route` with each argument taken from the hidden article, or None."""
    if route.startswith("^") or "(?P" in route:
        return None  # regular-expression routes serve files, not pages
    names = ARGUMENT.findall(route)
    if any(name not in values for name in names):
        return None
    return "/" + ARGUMENT.sub(lambda match: str(values[match.group(1)]), route)


def hidden_article(state):
    author = make_author("Embargoed Author")
    tag = make_tag("Embargoland")
    if state == "draft issue":
        issue = make_issue(status=Issue.Status.DRAFT)
        article = make_article(SECRET_TITLE, issue=issue, authors=[author])
    else:
        issue = make_issue(status=Issue.Status.DRAFT)
        article = make_article(SECRET_TITLE, status=state, issue=issue, authors=[author])
    article.tags.add(tag)
    return article


@pytest.mark.parametrize(
    "state",
    [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.APPROVED, "draft issue"],
)
def test_no_public_url_shows_a_hidden_article(client, state):
    article = hidden_article(state)
    make_article("A live neighbour", authors=[make_author("Public Author")])
    issue, author, tag = article.issue, article.authors.get(), article.tags.get()
    values = {
        "slug": article.slug,
        "pk": article.pk,
        "id": article.pk,
        "article_id": article.pk,
        "year": issue.date.year,
        "issue": issue.slug,
        "issue_slug": issue.slug,
        "author": author.slug,
        "author_slug": author.slug,
        "tag": tag.slug,
        "tag_slug": tag.slug,
        "section": article.section.slug,
        "section_slug": article.section.slug,
    }
    walked = 0
    for route in public_routes():
        url = fill(route, values)
        if url is None:
            continue
        for query in ("", f"?q={article.slug}", f"?q={SECRET_TITLE}"):
            response = client.get(url + query, headers={"User-Agent": BROWSER})
            walked += 1
            if response.streaming:
                continue
            body = response.content.decode(errors="replace")
            if not query:  # a search page may echo the words it was asked for
                assert SECRET_TITLE not in body, (route, url)
            assert article.get_absolute_url() not in body, (route, url + query)
            assert "embargoed-author" not in body, (route, url + query)
    assert walked > 20
    for url in [article.get_absolute_url(), issue.get_absolute_url()]:
        assert client.get(url).status_code == 404
