"""A reader in a real browser: from the home page to an article, and the read counter."""

import pytest

from articles.models import Article
from tests.browser.conftest import DESKTOP_CHROME

expect = pytest.importorskip(
    "playwright.sync_api", reason="needs the playwright package: pip install -e . --group dev"
).expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shown_count(page):
    return int(page.locator("[data-read-count]").inner_text())


def test_a_reader_goes_from_the_home_page_to_the_issue_and_an_article(
    live_server, page, publication
):
    page.goto(live_server.url)
    page.get_by_role("link", name=publication["issue"].date.strftime("%-d %B %Y")).first.click()
    assert page.locator("h1").inner_text() == "Security in the Caspian"
    page.get_by_role("link", name="The Kazakh military looks west").click()
    assert page.locator("h1").inner_text() == "The Kazakh military looks west"
    assert page.url == f"{live_server.url}{publication['article'].get_absolute_url()}"
    assert "By S. Frederick Example and Svante E. Example" in page.locator(".byline").inner_text()


def test_a_page_load_counts_one_read_and_a_reload_none(live_server, page, publication):
    article = publication["article"]
    with page.expect_response("**/reads/"):
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.wait_for_function("document.querySelector('[data-read-count]').textContent === '5183'")
    assert shown_count(page) == 5183
    assert Article.objects.get(pk=article.pk).read_count == 5183

    with page.expect_response("**/reads/") as beacon:
        page.reload()
    assert beacon.value.json() == {"count": 5183, "counted": False}
    assert shown_count(page) == 5183
    assert Article.objects.get(pk=article.pk).read_count == 5183


def test_the_citation_is_copied_with_the_button(live_server, context, page, publication):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}{publication['article'].get_absolute_url()}")
    page.get_by_role("button", name="Copy the citation").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation").inner_text()
    assert copied.startswith("S. Frederick Example and Svante E. Example, “The Kazakh military")


def test_the_article_page_keeps_to_the_content_security_policy(
    live_server, strict_context, publication
):
    page = strict_context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    with page.expect_response("**/reads/"):
        page.goto(f"{live_server.url}{publication['article'].get_absolute_url()}")
    page.get_by_role("button", name="Print this article").wait_for()
    assert problems == []


def test_the_article_page_is_photographed_at_desktop_and_phone_widths(
    live_server, page, publication, artifacts
):
    url = f"{live_server.url}{publication['article'].get_absolute_url()}"
    for name, width in [("desktop", 1280), ("phone", 390)]:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        path = artifacts / f"article-{name}-{width}.png"
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 10_000
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the phone layout scrolls sideways"


def test_a_reader_without_javascript_is_counted_and_sees_the_count_now(
    browser, live_server, publication
):
    article = publication["article"]
    context = browser.new_context(java_script_enabled=False, user_agent=DESKTOP_CHROME)
    page = context.new_page()
    with page.expect_response("**/reads/*.svg") as image:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert "Read 5,183 times" in image.value.text()
    expect(page.locator("[data-read-count-line]")).to_be_hidden()
    expect(page.locator(".read-count-now img")).to_be_visible()
    assert Article.objects.get(pk=article.pk).read_count == 5183
    context.close()
