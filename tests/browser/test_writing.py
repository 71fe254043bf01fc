"""In a real browser: what a contributor types survives a closed tab, and the counts follow."""

import re

import pytest

from articles.models import Article
from tests.browser.test_workflow import open_article, press, signed_in
from tests.factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_text_typed_before_a_closed_tab_is_offered_back_and_saved(
    new_page, live_server, contributor
):
    from playwright.sync_api import expect

    article = make_article("Two Sittings", status="draft", authors=[contributor.author])
    first_sitting = signed_in(new_page(), live_server, "carla")
    open_article(first_sitting, live_server, article)
    counts = first_sitting.locator("#live-word-count")
    expect(counts).to_have_text(re.compile(r"^\d+ words · about 1 minute to read$"))
    before = int(counts.inner_text().split()[0])
    first_sitting.locator(".field-body .ProseMirror[contenteditable]").click()
    first_sitting.keyboard.press("Control+End")
    first_sitting.keyboard.type(" Written in the first sitting.")
    expect(counts).to_contain_text(f"{before + 5} words")
    expect(first_sitting.locator("#autosave-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    first_sitting.close()  # the tab is closed without saving

    second_sitting = signed_in(new_page(), live_server, "carla")
    open_article(second_sitting, live_server, article)
    expect(second_sitting.locator("#autosave-offer")).to_contain_text("Unsaved text from")
    second_sitting.get_by_role("link", name="Restore the unsaved text").click()
    body = second_sitting.locator(".field-body .ProseMirror[contenteditable]")
    expect(body).to_contain_text("Written in the first sitting.")
    press(second_sitting, "Save and continue editing")
    assert "Written in the first sitting." in Article.objects.get(pk=article.pk).body
    expect(second_sitting.locator("#autosave-offer")).to_have_count(0)
