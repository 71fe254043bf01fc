"""In real browsers, one per person: an editorial team's week, from first draft to newsletter."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Issue
from newsletter.models import Campaign
from tests.browser.test_workflow import press, signed_in
from tests.factories import make_article, make_issue, make_subscriber

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def type_into(page, part, text):
    """Type at the end of one of the article form's rich-text parts."""
    page.locator(f".field-{part} .ProseMirror[contenteditable]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_a_week_from_two_sittings_of_drafting_to_the_sent_newsletter(
    new_page, live_server, contributor, editor, managing_editor, smtp_sink, artifacts
):
    from playwright.sync_api import expect

    issue = make_issue(status=Issue.Status.DRAFT, date=timezone.localdate() + timedelta(days=3))
    make_article("Already In The Issue", status="approved", issue=issue)
    make_subscriber("reader@example.org", status="confirmed")

    # The contributor drafts in two sittings: a save with only the background, then more
    # text, a reload before saving (the autosave keeps it), and the rest.
    carla = signed_in(new_page(), live_server, "carla")
    carla.goto(f"{live_server.url}/admin/articles/article/add/")
    carla.fill("#id_title", "Water Rights Divide the Valley")
    carla.select_option("#id_section", label="Analytical Articles")
    type_into(carla, "background", "Farmers upstream built new canals last spring.")
    press(carla, "Save and continue editing")
    expect(carla.locator("#checklist")).to_contain_text("Still missing")
    type_into(carla, "implications", "Downstream towns now ration water in summer.")
    expect(carla.locator("#autosave-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    carla.reload()
    carla.get_by_role("link", name="Restore the unsaved text").click()
    type_into(carla, "conclusions", "A basin authority is the only lasting answer.")
    press(carla, "Save and continue editing")
    expect(carla.locator("#checklist")).to_contain_text("Nothing is missing")
    press(carla, "Submit for review")
    article = Article.objects.get(title="Water Rights Divide the Valley")
    assert article.status == Article.Status.IN_REVIEW
    assert "ration water" in article.implications

    # The editor sends it back, the contributor resubmits, the editor approves with a time.
    edith = signed_in(new_page(), live_server, "edith")
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    edith.goto(change)
    edith.fill("#workflow_comment", "Name the basin in the first sentence.")
    press(edith, "Request changes")
    carla.goto(change)
    type_into(carla, "background", " The basin is the Ferghana.")
    press(carla, "Save and continue editing")
    press(carla, "Submit for review")
    edith.goto(change)
    at = timezone.localtime() + timedelta(days=2)
    edith.fill("#workflow_at", at.strftime("%Y-%m-%dT%H:%M:%S"))
    press(edith, "Approve")
    assert Article.objects.get(pk=article.pk).status == Article.Status.SCHEDULED

    # The managing editor builds the issue by search and drag, and publishes it.
    manuel = signed_in(new_page(), live_server, "manuel")
    manuel.goto(f"{live_server.url}/admin/articles/issue/{issue.pk}/change/")
    manuel.fill("#toc-find", "water rights")
    manuel.locator("#toc-found").get_by_role("button", name="Add").click()
    manuel.wait_for_load_state()
    expect(manuel.locator(".toc-title")).to_have_count(2)
    rows = manuel.locator(".toc-article")
    added = manuel.locator(".toc-article", has_text="Water Rights")
    added.locator(".drag-handle").drag_to(manuel.locator(".toc-section").first)
    expect(manuel.locator("#arrange-status")).to_have_text(re.compile("^Order saved"))
    expect(rows.first).to_contain_text("Water Rights")
    assert Article.objects.get(pk=article.pk).issue_position == 0
    manuel.screenshot(path=artifacts / "week-issue-page.png", full_page=True)
    manuel.get_by_role("link", name="Check and publish…").click()
    press(manuel, "Publish the issue")
    assert Issue.objects.get(pk=issue.pk).is_published
    assert Article.objects.live().filter(pk=article.pk).exists()

    # …and sends the newsletter from the issue's page, and sees it finish.
    manuel.get_by_role("link", name="Prepare the newsletter for this issue").click()
    press(manuel, "Save and continue editing")
    manuel.select_option('select[name="CHANGE_FORM-action"]', "send_to_subscribers")
    press(manuel, "Run")
    manuel.get_by_role("button", name=re.compile("^Yes, send it")).click()
    expect(manuel.locator(".field-status .readonly")).to_have_text("Sent")
    expect(manuel.locator(".field-finished_at .readonly")).not_to_have_text("-")
    assert Campaign.objects.get().status == Campaign.Status.SENT
    # The sink has had the workflow's mail all week too; the newsletter went to its one reader.
    assert smtp_sink.recipients().count("reader@example.org") == 1
