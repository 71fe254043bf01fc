"""The XSS corpus wherever text leaves the site: feeds, newsletter email, search, listings."""

import feedparser
import pytest
from django.core import mail
from lxml import etree, html

from articles.models import Issue
from newsletter import sending
from tests.factories import (
    make_article,
    make_author,
    make_campaign,
    make_issue,
    make_subscriber,
    make_tag,
    make_user,
)
from tests.xss_payloads import (
    HOSTILE,
    HOSTILE_TEXT,
    SCRIPT_SCHEMES,
    assert_harmless,
    assert_page_harmless,
)

pytestmark = pytest.mark.django_db

RSS_HTML = [
    "channel/item/description",
    "channel/item/{http://purl.org/rss/1.0/modules/content/}encoded",
]
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_HTML = [f"{ATOM}entry/{ATOM}summary", f"{ATOM}entry/{ATOM}content"]


def hostile_article(payload, **fields):
    return make_article("Hostile", body=f"<p>Fine text.</p>{payload}<p>Caspian end.</p>", **fields)


def article_with_hostile_text(text):
    """An article whose every plain-text field, and its author's and tag's, carry `text`."""
    author = make_author(f"Ann {text}", slug="ann", bio=f"Writes {text}")
    article = make_article(
        f"Caspian {text}",
        teaser=f"Teaser {text}",
        authors=[author],
        body="<p>A plain body about the Caspian.</p>",
    )
    article.tags.add(make_tag(f"Tag {text}"))
    return article


def html_in_feed(content, paths):
    """The HTML each entry carries, as a feed reader gets it after parsing the XML."""
    root = etree.fromstring(content)
    fragments = [element.text or "" for path in paths for element in root.findall(path)]
    assert fragments
    return fragments


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response.content, feed


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize(("url", "paths"), [("/feed/", RSS_HTML), ("/feed/atom/", ATOM_HTML)])
def test_hostile_markup_never_reaches_a_feed(client, payload, url, paths):
    hostile_article(payload)
    raw, feed = read_feed(client, url)
    for fragment in html_in_feed(raw, paths):
        assert_harmless(fragment)
    (entry,) = feed.entries
    assert "Fine text." in entry.content[0].value
    assert_harmless(entry.content[0].value)
    assert_harmless(entry.summary)


@pytest.mark.parametrize("text", HOSTILE_TEXT)
@pytest.mark.parametrize(("url", "paths"), [("/feed/", RSS_HTML), ("/feed/atom/", ATOM_HTML)])
def test_hostile_titles_teasers_and_names_stay_text_in_a_feed(client, text, url, paths):
    article_with_hostile_text(text)
    raw, feed = read_feed(client, url)
    for fragment in html_in_feed(raw, paths):
        assert_harmless(fragment)
    (entry,) = feed.entries
    # A feed reader shows the teaser (HTML by convention) as the very text the editor typed.
    assert html.fragment_fromstring(entry.summary, create_parent="div").text_content() == (
        f"Teaser {text}"
    )
    assert entry.authors[0].name == f"Ann {text}"
    assert [tag.term for tag in entry.tags] == ["Field Reports", f"Tag {text}"]
    # An Atom title is text; readers guess whether an RSS title that looks like HTML is HTML.
    if url.endswith("/atom/") or entry.title_detail.type == "text/plain":
        assert (entry.title, entry.title_detail.type) == (f"Caspian {text}", "text/plain")
    else:
        assert_harmless(entry.title)


def send_issue_of(article, *, full_text):
    campaign = make_campaign(article.issue, full_text=full_text)
    campaign.start_sending(by=make_user())
    make_subscriber("reader@example.org", "confirmed")
    sending.send_campaign(campaign)
    (message,) = mail.outbox
    (html_part, _), text_part = message.alternatives[0], message.body
    return html_part, text_part


def assert_email_harmless(html_part):
    assert_page_harmless(html_part)
    body = html.document_fromstring(html_part).body
    for element in body.iter("script", "style", "form", "input"):
        raise AssertionError(html.tostring(element))


@pytest.mark.parametrize("full_text", [True, False], ids=["full-text", "teasers"])
@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_reaches_the_campaign_email(payload, full_text):
    article = hostile_article(payload, issue=make_issue())
    html_part, text_part = send_issue_of(article, full_text=full_text)
    assert_email_harmless(html_part)
    # The text part is plain text; still, no script address from the body reaches it.
    assert not any(scheme in text_part.lower() for scheme in SCRIPT_SCHEMES), text_part
    assert "Fine text." in text_part and "Fine text." in html_part  # the teaser, or all of it
    assert ("Caspian end." in text_part) is full_text
    assert ("Caspian end." in html_part) is full_text


@pytest.mark.parametrize("full_text", [True, False], ids=["full-text", "teasers"])
@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_hostile_titles_teasers_and_names_stay_text_in_the_campaign_email(text, full_text):
    article = article_with_hostile_text(text)
    article.issue = make_issue(title=f"Issue {text}")
    article.save()
    html_part, text_part = send_issue_of(article, full_text=full_text)
    assert_email_harmless(html_part)
    shown = html.document_fromstring(html_part).text_content()
    assert f"Caspian {text}" in shown
    assert f"By Ann {text}" in shown
    assert f"Issue {text}" in shown
    assert f"Caspian {text}" in text_part  # the text part is plain text: the title as typed
    if not full_text:
        assert f"Teaser {text}" in shown


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_reaches_a_search_snippet(client, payload):
    hostile_article(f"<p>Fine text about the Caspian.</p>{payload}")
    response = client.get("/search/", {"q": "caspian"})
    page = response.content.decode()
    assert_page_harmless(page)
    snippets = html.fromstring(page).cssselect(".search-result .snippet")
    assert snippets
    assert snippets[0].cssselect("mark")
    for snippet in snippets:
        assert_harmless(html.tostring(snippet, encoding="unicode"))


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_a_hostile_search_query_is_shown_as_text(client, text):
    make_article("Caspian notes", body=f"<p>Caspian {text.replace('<', '&lt;')}.</p>")
    page = client.get("/search/", {"q": f"caspian {text}"}).content.decode()
    assert_page_harmless(page)
    summary = html.fromstring(page).cssselect(".search-summary")[0].text_content()
    assert f"caspian {text}" in " ".join(summary.split()) or text.strip() in summary


PUBLIC_PAGES = [
    "/",
    "/articles/caspian/",
    "/authors/",
    "/authors/ann/",
    "/sections/field-reports/",
    "/search/?q=caspian",
    "/most-read/",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_hostile_titles_teasers_names_bios_and_tags_are_escaped_on_every_page(client, text):
    article = article_with_hostile_text(text)
    article.slug = "caspian"
    article.issue = make_issue(title=f"Issue {text}", status=Issue.Status.PUBLISHED)
    article.save()
    tag = article.tags.get()
    for url in [*PUBLIC_PAGES, article.issue.get_absolute_url(), tag.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert_page_harmless(page)
        assert text not in page, url  # only ever in its escaped form
    assert_shown_as_typed(client, "/articles/caspian/", [f"Caspian {text}", f"Writes {text}"])
    assert_shown_as_typed(client, "/sections/field-reports/", [f"Teaser {text}", f"Ann {text}"])
    assert_shown_as_typed(client, tag.get_absolute_url(), [f"Tag {text}"])
    assert_shown_as_typed(client, "/authors/ann/", [f"Ann {text}", f"Writes {text}"])


def assert_shown_as_typed(client, url, texts):
    shown = " ".join(html.fromstring(client.get(url).content).text_content().split())
    for text in texts:
        assert text in shown, (url, text)
