"""Anonymous readers get public pages from the cache; nothing stale or private is served."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Issue
from articles.models.workflow import perform
from tests.factories import make_article, make_issue

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0"


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def built(client, url):
    """Whether the page was built by its view (its templates rendered), not served from the
    page cache: a page built from kept pieces may ask the database nothing either."""
    return bool(client.get(url).templates)


def test_a_second_reader_gets_the_page_without_touching_the_database(client):
    article = make_article("Cached")
    first, _ = queries_for(client, article.get_absolute_url())
    second, count = queries_for(client, article.get_absolute_url())
    assert count == 0 and not second.templates
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_an_edit_shows_at_once(client, django_capture_on_commit_callbacks):
    article = make_article("Before the edit")
    client.get(article.get_absolute_url())
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "After the edit"
        article.save()
    assert "After the edit" in client.get(article.get_absolute_url()).text
    assert "After the edit" in client.get("/sections/field-reports/").text


def test_cached_pages_are_forgotten_when_the_edit_is_committed_not_before(
    client, django_capture_on_commit_callbacks
):
    """A reader between the edit and its commit still reads (and caches) the old page; the
    commit then makes that copy stale, so no one keeps the old text under the new version."""
    article = make_article("Before the commit")
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.title = "After the commit"
        article.save()
        during = client.get(article.get_absolute_url()).text
    assert callbacks, "forgetting waits for the commit"
    assert "Before the commit" in during
    assert "After the commit" in client.get(article.get_absolute_url()).text


def test_an_issue_published_for_later_shows_on_cached_pages_at_its_time(
    client, managing_editor, django_capture_on_commit_callbacks, time_machine
):
    """Publishing for later changes rows with update(), which sends no signal: the cached pages
    must still learn when the issue goes public."""
    from articles.publishing.issues import publish_issue

    time_machine.move_to(timezone.now(), tick=False)
    at = timezone.now() + timedelta(minutes=5)
    issue = make_issue(status=Issue.Status.DRAFT)
    later = at + timedelta(days=1)  # its own time; the issue's comes first
    make_article(
        "Out with its issue", status=Article.Status.SCHEDULED, published_at=later, issue=issue
    )
    assert "Out with its issue" not in client.get("/sections/field-reports/").text
    assert "Out with its issue" not in client.get("/sections/field-reports/").text
    with django_capture_on_commit_callbacks(execute=True):
        publish_issue(issue, by=managing_editor, at=at)
    assert "Out with its issue" not in client.get("/sections/field-reports/").text
    time_machine.shift(timedelta(minutes=5, seconds=1))
    assert "Out with its issue" in client.get("/sections/field-reports/").text


def test_a_withdrawn_article_disappears_from_cached_pages(
    client, editor, django_capture_on_commit_callbacks
):
    article = make_article("Soon gone")
    assert "Soon gone" in client.get("/sections/field-reports/").text
    with django_capture_on_commit_callbacks(execute=True):
        perform(article, "withdraw", by=editor)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Soon gone" not in client.get("/sections/field-reports/").text


def test_a_scheduled_article_appears_on_cached_pages_at_its_time(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    at = timezone.now() + timedelta(minutes=3)
    make_article("On schedule", status=Article.Status.SCHEDULED, published_at=at)
    assert "On schedule" not in client.get("/sections/field-reports/").text
    time_machine.shift(timedelta(minutes=2))
    assert "On schedule" not in client.get("/sections/field-reports/").text
    time_machine.shift(timedelta(minutes=1, seconds=1))
    assert "On schedule" in client.get("/sections/field-reports/").text


def test_a_scheduled_issue_appears_on_the_home_page_at_its_time(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    make_issue()
    at = timezone.now() + timedelta(minutes=1)
    upcoming = make_issue(published_at=at, title="The upcoming issue")
    make_article("In the upcoming issue", issue=upcoming)
    assert "In the upcoming issue" not in client.get("/").text
    time_machine.shift(timedelta(minutes=1, seconds=1))
    assert "In the upcoming issue" in client.get("/").text


def test_logged_in_staff_never_get_or_fill_the_cache(admin_client, client):
    article = make_article("Staff view")
    assert built(admin_client, article.get_absolute_url())
    assert built(admin_client, article.get_absolute_url())
    assert built(client, article.get_absolute_url()), "a staff request must not have filled it"


def test_missing_pages_are_not_cached(client):
    article = make_article("Draft first", status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404
    # Published behind the cache's back (no signal): a cached 404 would still be served.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    assert client.get(article.get_absolute_url()).status_code == 200


def test_reads_are_counted_on_a_cached_page(client):
    article = make_article("Counted while cached")
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    response = client.post(
        "/reads/",
        {"article": article.pk},
        headers={"User-Agent": BROWSER, "Sec-Fetch-Site": "same-origin"},
    )
    assert response.json() == {"count": 1, "counted": True}


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article("Uncached")
    client.get(article.get_absolute_url())
    assert built(client, article.get_absolute_url())


def test_an_edit_made_on_another_server_shows_once_the_version_is_asked_again(
    client, settings, time_machine
):
    from django.core.cache import cache

    from analyst import versions

    time_machine.move_to(timezone.now(), tick=False)
    article = make_article("Shared")
    client.get(article.get_absolute_url())
    # Another server's edit: the shared version moves, this process still remembers the old one.
    Article.objects.filter(pk=article.pk).update(title="Edited elsewhere")
    name = versions.name_of(article)
    cache.set(versions.KEY_PREFIX + name, versions.current([name])[name] + 1, timeout=None)
    assert "Edited elsewhere" not in client.get(article.get_absolute_url()).text
    time_machine.shift(timedelta(seconds=settings.CONTENT_VERSION_SECONDS + 0.1))
    assert "Edited elsewhere" in client.get(article.get_absolute_url()).text
