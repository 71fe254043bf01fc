"""The issue's page is where the issue is built: find, add, arrange and remove its articles."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from tests.factories import make_article, make_author, make_issue

pytestmark = pytest.mark.django_db


def issue_page(issue):
    return reverse("admin:articles_issue_change", args=[issue.pk])


def url(name, issue):
    return reverse(f"admin:articles_issue_{name}", args=[issue.pk])


def test_the_table_of_contents_shows_each_title_once_with_state_badge_and_problems(
    managing_editor_client,
):
    issue = make_issue(status="draft")
    make_article("Ready One", status="approved", issue=issue)
    make_article("Unfinished One", status="draft", issue=issue, body="")
    page = managing_editor_client.get(issue_page(issue)).text
    assert page.count(">Ready One<") == 1
    assert page.count(">Unfinished One<") == 1
    assert "is draft, not approved" in page
    assert "has no text" in page
    assert '<span class="badge badge-hidden">Not public</span>' in page
    assert re.search(r"Before this issue can be published, \d+ things must be fixed", page)


def test_a_published_issue_shows_its_live_articles(managing_editor_client):
    issue = make_issue()
    make_article("Out Now", issue=issue)
    page = managing_editor_client.get(issue_page(issue)).text
    assert '<span class="badge badge-live">Live</span>' in page
    assert "must be fixed" not in page


def test_dropping_an_article_into_another_section_saves_the_order(managing_editor_client):
    issue = make_issue(status="draft")
    first = make_article("First", status="approved", issue=issue)
    second = make_article("Second", status="approved", issue=issue)
    digest = Section.objects.get(slug="news-digest")
    reports = Section.objects.get(slug="field-reports")
    order = [[reports.pk, [second.pk]], [digest.pk, [first.pk]]]
    response = managing_editor_client.post(url("arrange", issue), {"order": json.dumps(order)})
    assert response.json()["saved"].startswith("Order saved ")
    first.refresh_from_db()
    assert (first.section, first.issue_position) == (digest, 0)
    assert LogEntry.objects.filter(object_id=str(issue.pk)).exists()


def test_without_javascript_the_positions_order_the_contents(managing_editor_client):
    issue = make_issue()
    first = make_article("First", issue=issue, issue_position=0)
    second = make_article("Second", issue=issue, issue_position=1)
    section = first.section.pk
    fields = {f"position-{first.pk}": 5, f"section-{first.pk}": section}
    fields |= {f"position-{second.pk}": 1, f"section-{second.pk}": section}
    response = managing_editor_client.post(url("arrange", issue), fields, follow=True)
    assert "The new order is saved." in response.text
    public = managing_editor_client.get(issue.get_absolute_url()).text
    assert public.index("Second") < public.index("First")


def test_only_the_issues_own_articles_are_arranged(managing_editor_client):
    issue = make_issue(status="draft")
    elsewhere = make_article("Elsewhere", issue=make_issue(date=timezone.localdate()))
    digest = Section.objects.get(slug="news-digest")
    order = json.dumps([[digest.pk, [elsewhere.pk]]])
    managing_editor_client.post(url("arrange", issue), {"order": order})
    elsewhere.refresh_from_db()
    assert elsewhere.section != digest


def test_articles_are_found_by_title_or_author_and_added(managing_editor_client):
    issue = make_issue(status="draft")
    author = make_author("Svante Cornell")
    make_article("Caspian Pipelines", status="approved", authors=[author])
    make_article("Unrelated", status="approved")
    found = managing_editor_client.get(url("find", issue), {"q": "cornell"}).text
    assert "Caspian Pipelines" in found
    assert "Unrelated" not in found
    fragment = managing_editor_client.get(url("find", issue), {"q": "caspian", "fragment": 1})
    assert "<html" not in fragment.text and "Caspian Pipelines" in fragment.text
    article = Article.objects.get(title="Caspian Pipelines")
    add = f"{url('add_article', issue)}?article={article.pk}"
    response = managing_editor_client.post(add, follow=True)
    assert "“Caspian Pipelines” is in this issue now." in response.text
    article.refresh_from_db()
    assert article.issue == issue


def test_adding_a_live_article_to_an_unpublished_issue_asks_first(managing_editor_client):
    issue = make_issue(status="draft")
    live = make_article("Live Already")
    add = f"{url('add_article', issue)}?article={live.pk}"
    asked = managing_editor_client.post(add, follow=True)
    assert "takes it off the site" in asked.text
    assert "Add and take offline" in asked.text
    live.refresh_from_db()
    assert live.issue is None
    managing_editor_client.post(add, {"confirm_offline": "1"})
    live.refresh_from_db()
    assert live.issue == issue
    assert not Article.objects.live().filter(pk=live.pk).exists()
    assert "taken off the site" in LogEntry.objects.get(object_id=str(live.pk)).change_message


def test_removing_an_article_leaves_it_out_of_the_issue(managing_editor_client):
    issue = make_issue(status="draft")
    article = make_article("Going", status="approved", issue=issue)
    remove = f"{url('remove_article', issue)}?article={article.pk}"
    response = managing_editor_client.post(remove, follow=True)
    assert "“Going” is no longer in this issue." in response.text
    article.refresh_from_db()
    assert article.issue is None


def test_removing_an_article_that_would_go_live_asks_first(managing_editor_client):
    issue = make_issue(status="draft")
    held = make_article("Held Back", issue=issue, published_at=timezone.now() - timedelta(1))
    remove = f"{url('remove_article', issue)}?article={held.pk}"
    asked = managing_editor_client.post(remove, follow=True)
    assert "goes live at once" in asked.text
    held.refresh_from_db()
    assert held.issue == issue
    managing_editor_client.post(remove, {"confirm_live": "1"})
    assert Article.objects.live().filter(pk=held.pk).exists()


def test_an_editor_without_the_issue_permission_cannot_arrange(editor_client):
    issue = make_issue(status="draft")
    article = make_article("Stay", status="approved", issue=issue)
    response = editor_client.post(f"{url('remove_article', issue)}?article={article.pk}")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.issue == issue


def test_saving_the_issue_form_saves_typed_positions(managing_editor_client):
    issue = make_issue(status="draft")
    first = make_article("First", status="approved", issue=issue, issue_position=0)
    second = make_article("Second", status="approved", issue=issue, issue_position=1)
    page = managing_editor_client.get(issue_page(issue))
    form = page.context["adminform"].form
    data = {
        name: (form[name].value() if form[name].value() is not None else "")
        for name in ("date", "volume", "number", "title", "cover_alt")
    }
    data |= {f"position-{first.pk}": 7, f"section-{first.pk}": first.section.pk}
    data |= {f"position-{second.pk}": 2, f"section-{second.pk}": second.section.pk}
    response = managing_editor_client.post(issue_page(issue), data)
    assert response.status_code == 302, re.findall("errorlist.{200}", response.text)
    first.refresh_from_db()
    assert first.issue_position == 1
