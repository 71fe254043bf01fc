"""Plain text editors type comes out as that very text in every output, escaped once for it.

Every field holds one payload of the corpus (the 40 hostile snippets, the 8 hostile strings,
and an ampersand), each behind its own label, and every output is read the way its reader reads
it: a page by a browser (its text, its attributes, its JSON-LD data), a feed by a feed reader
(plain-text elements as text, HTML ones parsed as HTML), an email by a mail program (the subject
as a header, the text part as text, the HTML part as HTML), the admin by an editor. Each must
show the typed text exactly: nothing injected, nothing escaped twice (`Q&amp;A`).
"""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from lxml import etree, html

from analyst.models import SiteSettings
from articles.models import Article, Section, Tag
from newsletter import sending
from newsletter.content import confirmation_message
from tests.factories import (
    make_article,
    make_author,
    make_campaign,
    make_issue,
    make_member,
    make_subscriber,
    make_tag,
    make_user,
)
from tests.xss_payloads import HOSTILE, HOSTILE_TEXT, assert_page_harmless

pytestmark = pytest.mark.django_db

PAYLOADS = [*HOSTILE, *HOSTILE_TEXT, "Q&A: Kazakh <b>oil</b> & “gas” &amp; 'tax'"]
ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
ADMIN_SCRIPT_TYPES = {None, "text/javascript", "application/json", "importmap", "module"}


class Typed:
    """What editors typed into each plain-text field: the payload behind the field's label.

    Cut to the field's length where it has one, as the admin's form would stop the typing (and
    PostgreSQL refuses more).
    """

    LENGTHS = {
        "section": Section._meta.get_field("name").max_length,
        "tag": Tag._meta.get_field("name").max_length,
    }

    def __init__(self, payload):
        self.payload = payload

    def __getattr__(self, label):
        return f"{label.capitalize()} {self.payload}"[: self.LENGTHS.get(label)]


@pytest.fixture(params=PAYLOADS, ids=[f"payload{n}" for n in range(len(PAYLOADS))])
def typed(request):
    return Typed(request.param)


@pytest.fixture
def publication(typed):
    """A site, section, issue, author, tag and article whose every text field holds `typed`."""
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"name": typed.site, "tagline": typed.tagline}
    )
    section = Section.objects.create(name=typed.section, slug="hostile", position=9)
    issue = make_issue(date=datetime.date(2026, 11, 18), title=typed.issue)
    author = make_author(typed.author, slug="ann", bio=typed.bio)
    article = make_article(
        typed.title,
        slug="caspian",
        teaser=typed.teaser,
        authors=[author],
        issue=issue,
        body="<p>A plain body about the Caspian.</p>",
        bio=typed.bioline,
    )
    Article.objects.filter(pk=article.pk).update(section=section)
    article.refresh_from_db()
    article.tags.add(make_tag(typed.tag))
    return article


def normalized(text):
    return " ".join(text.split())


def assert_shows(text, *expected):
    shown = normalized(text)
    for value in expected:
        assert normalized(value) in shown, value


def assert_not_escaped_twice(raw, typed):
    """The raw page never holds the text escaped twice (what the parsed text also proves)."""
    assert escape(escape(typed.payload)) not in raw


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_page_shows_the_typed_text(client, publication, typed):
    article = publication
    pages = {
        "/": [typed.title, typed.teaser, typed.author],
        article.get_absolute_url(): [typed.title, typed.author, typed.bioline, typed.tag],
        article.issue.get_absolute_url(): [typed.issue, typed.title, typed.author],
        "/sections/hostile/": [typed.section, typed.title, typed.teaser],
        article.tags.get().get_absolute_url(): [typed.tag, typed.title],
        "/authors/": [typed.author],
        "/authors/ann/": [typed.author, typed.bio, typed.title],
        "/issues/": [typed.issue],
        "/most-read/": [typed.title],
        "/search/?q=caspian": [typed.title],
    }
    for url, expected in pages.items():
        raw = page(client, url)
        assert_page_harmless(raw)
        assert_not_escaped_twice(raw, typed)
        document = html.document_fromstring(raw)
        assert_shows(document.text_content(), typed.site, *expected)
        assert document.findtext(".//title").startswith(typed.site) or typed.site in normalized(
            document.findtext(".//title")
        ), url


def test_the_article_pages_metadata_holds_the_typed_text(client, publication, typed):
    document = html.document_fromstring(page(client, publication.get_absolute_url()))
    meta = {
        element.get("property") or element.get("name"): element.get("content")
        for element in document.iter("meta")
    }
    assert meta["og:title"] == typed.title
    assert meta["twitter:title"] == typed.title
    assert meta["og:description"] == typed.teaser
    assert meta["description"] == typed.teaser
    assert meta["og:site_name"] == typed.site
    assert meta["article:section"] == typed.section
    assert meta["article:tag"] == typed.tag
    assert meta["citation_title"] == typed.title
    assert meta["citation_author"] == typed.author
    assert meta["citation_journal_title"] == typed.site
    (block,) = document.xpath("//script[@type='application/ld+json']")
    data = json.loads(block.text)
    assert data["headline"] == typed.title
    assert data["author"][0]["name"] == typed.author
    assert data["publisher"]["name"] == typed.site
    assert data["articleSection"] == typed.section
    assert data["keywords"] == [typed.tag]


def html_text(fragment):
    """What a feed reader shows of an HTML element: its markup parsed, then its text."""
    return html.fragment_fromstring(fragment or "", create_parent="div").text_content()


FEEDS = ["/feed/", "/sections/hostile/feed/", "/authors/ann/feed/"]


@pytest.mark.parametrize("url", FEEDS)
def test_an_rss_feed_carries_the_typed_text(client, publication, typed, url):
    raw = client.get(url).content
    channel = etree.fromstring(raw).find("channel")
    assert channel.findtext("title").startswith(typed.site)
    # The channel's and items' descriptions are HTML: once parsed, the tagline and teaser.
    assert html_text(channel.findtext("description")) == typed.tagline
    item = channel.find("item")
    assert item.findtext("title") == typed.title
    assert html_text(item.findtext("description")) == typed.teaser
    assert [category.text for category in item.findall("category")] == [typed.section, typed.tag]
    assert item.findtext(DC_CREATOR) == typed.author


@pytest.mark.parametrize("url", [f"{feed}atom/" for feed in FEEDS])
def test_an_atom_feed_carries_the_typed_text(client, publication, typed, url):
    root = etree.fromstring(client.get(url).content)
    assert root.findtext(f"{ATOM}title").startswith(typed.site)
    subtitle = root.find(f"{ATOM}subtitle")
    assert subtitle.get("type", "text") == "text"
    assert subtitle.text == typed.tagline
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == typed.title
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert html_text(summary.text) == typed.teaser
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == typed.author
    terms = [category.get("term") for category in entry.findall(f"{ATOM}category")]
    assert terms == [typed.section, typed.tag]


def assert_email_reads_as_typed(message, subject, *shown):
    assert message.subject == subject
    # The text part sets some headings in capitals, as plain text can only.
    assert_shows(message.body.casefold(), *(text.casefold() for text in shown))
    (body_html, _), *_ = message.alternatives
    assert_page_harmless(body_html)
    assert_shows(html.document_fromstring(body_html).text_content(), *shown)


def test_the_confirmation_email_names_the_site_as_typed(publication, typed):
    message = confirmation_message(make_subscriber("reader@example.org"))
    subject = f"Confirm your subscription to the {typed.site} newsletter"
    assert_email_reads_as_typed(message, subject, typed.site)
    assert message.message()["Subject"] == subject


@pytest.mark.parametrize("full_text", [True, False], ids=["full-text", "teasers"])
def test_the_campaign_email_reads_as_typed(publication, typed, full_text):
    campaign = make_campaign(
        publication.issue, subject=typed.subject, intro=typed.intro, full_text=full_text
    )
    campaign.start_sending(by=make_user())
    make_subscriber("reader@example.org", "confirmed")
    sending.send_campaign(campaign)
    (message,) = mail.outbox
    shown = [typed.intro, typed.issue, typed.title, typed.author, typed.section, typed.site]
    if not full_text:
        shown.append(typed.teaser)
    assert_email_reads_as_typed(message, typed.subject, *shown)
    assert message.message()["Subject"] == typed.subject


def test_the_default_campaign_subject_is_the_site_name_as_typed(client, publication, typed):
    client.force_login(make_user("boss", superuser=True))
    response = client.get(f"/admin/newsletter/campaign/add/?issue={publication.issue.pk}")
    field = html.fromstring(response.content.decode()).get_element_by_id("id_subject")
    assert field.get("value") == f"{typed.site}: the 18 November 2026 issue"


def test_workflow_email_reads_as_typed(typed, django_capture_on_commit_callbacks):
    contributor = make_member("carla", "Contributor")
    make_member("edith", "Editor", author=False)
    article = make_article(
        typed.title,
        status=Article.Status.DRAFT,
        authors=[contributor.author],
        teaser=typed.teaser,
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.submit(by=contributor, comment=typed.comment)
    (message,) = mail.outbox
    assert_email_reads_as_typed(message, f"For review: {typed.title}", typed.title, typed.comment)


def assert_admin_harmless(raw):
    """An admin page runs only the admin's own scripts, and nothing typed becomes markup."""
    document = html.document_fromstring(raw)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script":
            assert (element.get("src") or "/static/").startswith(("/static/", "/admin/jsi18n/"))
            assert element.get("type") in ADMIN_SCRIPT_TYPES, element.get("type")
        assert element.tag not in {"iframe", "object", "embed", "svg", "math", "base"} or (
            element.tag == "svg" and not element.xpath(".//script")
        )
        for name in element.attrib:
            assert not name.lower().startswith("on"), (element.tag, name)
    return document


def test_the_admin_shows_the_typed_text(client, publication, typed):
    client.force_login(make_user("boss", superuser=True))
    article = publication
    pages = {
        "/admin/articles/article/": [typed.title, typed.section],
        f"/admin/articles/article/{article.pk}/change/": [typed.author],
        f"/admin/articles/issue/{article.issue.pk}/change/": [typed.title, typed.author],
        "/admin/articles/author/": [typed.author],
        "/admin/articles/tag/": [typed.tag],
        "/admin/articles/section/": [typed.section],
        "/admin/": [],
    }
    for url, expected in pages.items():
        raw = page(client, url)
        assert_not_escaped_twice(raw, typed)
        document = assert_admin_harmless(raw)
        assert_shows(document.text_content(), *expected)
    form = html.document_fromstring(page(client, f"/admin/articles/article/{article.pk}/change/"))
    assert form.get_element_by_id("id_title").get("value") == typed.title
    assert form.get_element_by_id("id_teaser").text_content().strip() == typed.teaser.strip()
    settings_form = html.document_fromstring(
        page(client, reverse("admin:analyst_sitesettings_change", args=[1]))
    )
    assert settings_form.get_element_by_id("id_name").get("value") == typed.site
