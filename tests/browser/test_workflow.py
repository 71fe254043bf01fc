"""In a real browser: a draft goes through review and appears on the site at its time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def signed_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")


def press(page, label):
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_a_draft_is_reviewed_fixed_approved_with_a_time_and_then_public(
    new_page, live_server, contributor, editor, time_machine
):
    article = make_article("Draft on Water Rights", status="draft", authors=[contributor.author])

    as_contributor = signed_in(new_page(), live_server, "carla")
    open_article(as_contributor, live_server, article)
    press(as_contributor, "Submit for review")
    assert "1 article submitted for review." in as_contributor.content()

    as_editor = signed_in(new_page(), live_server, "edith")
    assert "Draft on Water Rights" in as_editor.locator("#editors-desk").inner_text()
    open_article(as_editor, live_server, article)
    as_editor.fill("#workflow_comment", "Give the title a sharper point.")
    press(as_editor, "Request changes")
    assert "sent back with changes requested" in as_editor.content()

    open_article(as_contributor, live_server, article)
    assert "Give the title a sharper point." in as_contributor.content()
    as_contributor.fill("#id_title", "Water Rights Divide the Valley")
    press(as_contributor, "Save and continue editing")
    press(as_contributor, "Submit for review")

    # Days ahead, so that it cannot come while the browser works; the clock is then moved past it
    # (the live server runs in this process, and reads the moved clock).
    at = timezone.localtime() + timedelta(days=2)
    open_article(as_editor, live_server, article)
    as_editor.fill("#workflow_at", at.strftime("%Y-%m-%dT%H:%M:%S"))
    press(as_editor, "Approve")
    assert "1 article approved." in as_editor.content()
    assert Article.objects.get(pk=article.pk).status == "scheduled"

    reader = new_page()
    public = f"{live_server.url}{article.get_absolute_url()}"
    assert reader.goto(public).status == 404
    time_machine.move_to(at + timedelta(minutes=1))
    response = reader.goto(public)
    assert response.status == 200
    assert "Water Rights Divide the Valley" in reader.content()
