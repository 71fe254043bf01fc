"""The site's own faces, served from its static files, and the lead story on the home page."""

import re
from pathlib import Path

from django.conf import settings
from lxml import html

from tests.factories import make_article, make_issue

STATIC = Path(settings.BASE_DIR) / "static"


def font_faces():
    css = (STATIC / "css" / "site.css").read_text()
    return re.findall(r"@font-face \{(.*?)\}", css, re.S)


def test_every_face_is_a_file_of_our_own_with_its_licence():
    faces = font_faces()
    families = {re.search(r"font-family: '([^']+)'", face).group(1) for face in faces}
    assert families == {"Source Serif 4", "Playfair Display"}
    for face in faces:
        (address,) = re.findall(r"url\(([^)]+)\)", face)
        assert address.startswith("../fonts/"), address
        assert (STATIC / "css" / address).resolve().stat().st_size > 10_000
    assert sorted(p.name for p in (STATIC / "fonts").glob("OFL-*.txt")) == [
        "OFL-playfair-display.txt",
        "OFL-source-serif-4.txt",
    ]


def test_no_stylesheet_or_page_asks_a_remote_font_service(client, db):
    for css in (STATIC / "css").glob("*.css"):
        assert not re.search(r"url\((['\"]?)https?:", css.read_text()), css.name
    page = client.get("/").text
    assert "fonts.googleapis" not in page and "@import" not in page


def test_the_home_page_leads_with_the_first_article_of_the_issue(client, db):
    issue = make_issue()
    lead = make_article(
        "THE LEAD", section_slug="analytical-articles", issue=issue, teaser="Why it matters."
    )
    make_article("Second", section_slug="analytical-articles", issue=issue, issue_position=1)
    make_article("A report", issue=issue)
    tree = html.fromstring(client.get("/").content)
    (story,) = tree.cssselect(".lead-story")
    assert story.cssselect(".lead-story-title a")[0].get("href") == lead.get_absolute_url()
    assert story.cssselect(".teaser")[0].text_content() == "Why it matters."
    titles = [a.text_content() for a in tree.cssselect(".current-issue .article-item-title a")]
    assert titles == ["Second", "A report"]
