"""An issue is checked, dry-run, then published with its articles in one go, once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django_fsm.signals import post_transition

from articles.models import Article, Issue, IssuePublication
from tests.factories import make_article, make_issue, make_png

pytestmark = pytest.mark.django_db


def publish_url(issue):
    return reverse("admin:articles_issue_publish", args=[issue.pk])


def ready_issue():
    issue = make_issue(status=Issue.Status.DRAFT)
    make_article("Ready One", issue=issue, status="approved", teaser="One.")
    make_article("Ready Two", issue=issue, status="approved", teaser="Two.")
    return issue


def publish(client, issue, **data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(publish_url(issue), {"publish": "1", **data}, follow=True)


def test_the_preflight_check_lists_everything_that_blocks_the_issue(managing_editor_client):
    issue = make_issue(status=Issue.Status.DRAFT)
    make_article("Still Draft", issue=issue, status="draft")
    make_article("Nobody Wrote", issue=issue, status="approved", authors=[])
    make_article(
        "Half Done",
        issue=issue,
        status="approved",
        section_slug="analytical-articles",
        implications="",
    )
    make_article("Blank Teaser", issue=issue, status="approved", body="<p></p>")
    Article.objects.filter(title="Nobody Wrote").update(
        image=SimpleUploadedFile("x.png", make_png().read()).name
    )
    page = managing_editor_client.get(publish_url(issue)).text
    assert "“Still Draft” is draft, not approved." in page
    assert "“Nobody Wrote” has no authors." in page
    assert "“Nobody Wrote” has an image without a description (alt text)." in page
    assert "“Half Done” misses its Implications part." in page
    assert "“Blank Teaser” has no teaser." in page
    assert "“Blank Teaser” has no text." in page
    assert "Not approved yet, so blocking the issue: Still Draft" in page
    assert 'name="publish"' not in page


def test_an_empty_issue_cannot_be_published(managing_editor_client):
    issue = make_issue(status=Issue.Status.DRAFT)
    assert "The issue has no articles." in managing_editor_client.get(publish_url(issue)).text
    response = publish(managing_editor_client, issue)
    assert "The issue has no articles." in response.text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_the_dry_run_shows_what_would_go_live_and_changes_nothing(managing_editor_client):
    issue = ready_issue()
    make_article("Pulled", issue=issue, status="withdrawn", published_at=timezone.now())
    page = managing_editor_client.get(publish_url(issue)).text
    assert "Everything is ready." in page
    assert "Ready One" in page and "Ready Two" in page
    assert "Left out (withdrawn): Pulled" in page
    assert not Article.objects.filter(status="published").exists()
    assert managing_editor_client.get(issue.get_absolute_url()).status_code == 404


def test_publishing_an_issue_puts_it_and_its_articles_live_and_records_who(
    managing_editor_client, managing_editor
):
    issue = ready_issue()
    response = publish(managing_editor_client, issue)
    assert "with 2 articles" in response.text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED
    page = managing_editor_client.get(issue.get_absolute_url()).text
    assert "Ready One" in page and "Ready Two" in page
    record = IssuePublication.objects.get()
    assert (record.by, record.article_count) == (managing_editor, 2)
    assert Article.objects.filter(status="published").count() == 2
    change = managing_editor_client.get(
        reverse("admin:articles_issue_change", args=[issue.pk])
    ).text
    assert "manuel on" in change


def test_publishing_an_issue_twice_changes_nothing_the_second_time(managing_editor_client):
    issue = ready_issue()
    publish(managing_editor_client, issue)
    again = publish(managing_editor_client, issue)
    assert "already published; nothing was changed" in again.text
    assert IssuePublication.objects.count() == 1
    assert Article.objects.get(title="Ready One").transitions.count() == 1


def test_a_failure_midway_publishes_nothing(managing_editor_client):
    issue = ready_issue()

    def fail_on_the_second(sender, instance, name, **kwargs):
        if instance.title == "Ready Two":
            raise RuntimeError("the disk is full")

    post_transition.connect(fail_on_the_second, weak=False)
    try:
        with pytest.raises(RuntimeError):
            publish(managing_editor_client, issue)
    finally:
        post_transition.disconnect(fail_on_the_second)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert not Article.objects.exclude(status="approved").exists()
    assert not IssuePublication.objects.exists()


def test_an_issue_published_for_a_later_time_goes_live_then(managing_editor_client):
    issue = ready_issue()
    later = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    publish(managing_editor_client, issue, public_from=later.strftime("%Y-%m-%dT%H:%M"))
    assert set(Article.objects.values_list("status", flat=True)) == {"scheduled"}
    assert managing_editor_client.get(issue.get_absolute_url()).status_code == 404
    with time_machine.travel(later + timedelta(seconds=1)):
        page = managing_editor_client.get(issue.get_absolute_url())
        assert page.status_code == 200 and "Ready One" in page.text


def test_editors_without_the_managing_role_cannot_publish_an_issue(editor_client):
    issue = ready_issue()
    assert editor_client.post(publish_url(issue), {"publish": "1"}).status_code == 403
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_the_table_of_contents_shows_authors_state_words_and_problems(managing_editor_client):
    issue = make_issue(status=Issue.Status.DRAFT)
    article = make_article("Listed Piece", issue=issue, status="draft")
    page = managing_editor_client.get(reverse("admin:articles_issue_change", args=[issue.pk])).text
    assert "Author Number" in page
    assert "Draft" in page
    assert "is draft, not approved" in page
    assert f'<span class="toc-words">{article.word_count} words</span>' in page


def test_the_issue_page_takes_the_same_number_of_queries_for_few_and_many_articles(
    managing_editor_client,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    issue = make_issue(status=Issue.Status.DRAFT)
    url = reverse("admin:articles_issue_change", args=[issue.pk])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert managing_editor_client.get(url).status_code == 200
        return len(queries)

    make_article(issue=issue, status="approved")
    count_queries()
    few = count_queries()
    for _ in range(10):
        make_article(issue=issue, status="draft", section_slug="analytical-articles")
    count_queries()  # new articles make the cached site-wide content stale once
    assert count_queries() == few
