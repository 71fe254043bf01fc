"""The reader's pages on a phone (390 px) and a desktop (1280 px): header, menu, overflow, text."""

import pytest

expect = pytest.importorskip(
    "playwright.sync_api", reason="needs the playwright package: pip install -e . --group dev"
).expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LONG_QUERY = "x" * 600


def addresses(publication):
    return {
        "home": "/",
        "article": publication["article"].get_absolute_url(),
        "issue": publication["issue"].get_absolute_url(),
        "search": f"/search/?q={LONG_QUERY}",
        "search-results": "/search/?q=military",
    }


def open_at(page, live_server, path, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}{path}")


def header_height(page):
    return page.locator("header.masthead").bounding_box()["height"]


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("name", ["home", "article", "issue", "search", "search-results"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_is_wider_than_the_screen(
    live_server, page, publication, artifacts, name, viewport
):
    open_at(page, live_server, addresses(publication)[name], viewport)
    page.screenshot(path=artifacts / f"{name}-{viewport['width']}.png", full_page=True)
    assert overflow(page) <= 0


@pytest.mark.parametrize("name", ["home", "article", "issue", "search"])
def test_the_header_takes_at_most_120_pixels_of_a_phone(live_server, page, publication, name):
    open_at(page, live_server, addresses(publication)[name], PHONE)
    assert header_height(page) <= 120


def test_the_article_text_starts_on_a_phone_s_first_screen(live_server, page, publication):
    open_at(page, live_server, publication["article"].get_absolute_url(), PHONE)
    first_line = page.locator(".article-text p").first.bounding_box()
    assert first_line["y"] + 40 < PHONE["height"]


def test_the_menu_and_search_open_on_demand_on_a_phone(live_server, page, publication):
    open_at(page, live_server, "/", PHONE)
    authors = page.locator(".site-nav").get_by_role("link", name="Authors")
    expect(authors).to_be_hidden()
    expect(page.locator("#site-search-q")).to_be_hidden()

    page.get_by_text("Menu", exact=True).click()
    expect(authors).to_be_visible()
    page.get_by_text("Search", exact=True).first.click()
    page.locator("#site-search-q").fill("military")
    page.locator("#site-search-q").press("Enter")
    expect(page.locator("h1")).to_have_text("Search the archive")
    assert overflow(page) <= 0


def test_the_menu_and_search_open_on_a_phone_without_javascript(browser, live_server, publication):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/authors/")
    page.get_by_text("Menu", exact=True).click()
    expect(page.locator(".site-nav").get_by_role("link", name="Authors")).to_be_visible()
    context.close()


def test_the_desktop_shows_the_menu_and_search_without_a_click(live_server, page, publication):
    open_at(page, live_server, "/", DESKTOP)
    expect(page.locator(".site-nav").get_by_role("link", name="Authors")).to_be_visible()
    expect(page.locator("#site-search-q")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_menu_marks_the_page_the_reader_is_on(live_server, page, publication, viewport):
    open_at(page, live_server, "/authors/", viewport)
    if viewport is PHONE:
        page.get_by_text("Menu", exact=True).click()
    current = page.locator(".site-nav a[aria-current]")
    expect(current).to_have_text("Authors")
    expect(current).to_have_attribute("aria-current", "page")
    other = page.locator(".site-nav").get_by_role("link", name="Issues")
    assert current.evaluate("a => getComputedStyle(a).fontWeight") != other.evaluate(
        "a => getComputedStyle(a).fontWeight"
    )


def test_the_text_and_display_faces_load_from_the_site(live_server, page, publication):
    fonts = []
    page.on(
        "request", lambda request: request.resource_type == "font" and fonts.append(request.url)
    )
    open_at(page, live_server, publication["article"].get_absolute_url(), DESKTOP)
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts]"
        ".filter(face => face.status === 'loaded').map(face => face.family))"
    )
    assert {"Source Serif 4", "Playfair Display"} <= set(loaded)
    assert fonts and all(url.startswith(f"{live_server.url}/static/fonts/") for url in fonts)
