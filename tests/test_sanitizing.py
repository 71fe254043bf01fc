"""Article HTML is untrusted: nothing that runs survives into a page."""

import pytest

from articles.text import derive_teaser
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<p onclick="alert(1)">para</p>',
    '<iframe src="https://evil.example"></iframe>',
    "<svg><script>alert(1)</script></svg>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name="q"></form>',
    '<object data="x.swf"></object>',
]


def assert_harmless(page):
    lowered = page.lower()
    assert "alert(" not in lowered
    assert "javascript:" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered
    assert (
        "<iframe" not in lowered
        and "<object" not in lowered
        and '<form action="https://evil' not in lowered
    )


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_reaches_the_article_page(client, payload):
    article = make_article("Hostile", body=f"<p>Fine text.</p>{payload}")
    page = client.get(article.get_absolute_url()).content.decode()
    main = page.split('<main id="content"', 1)[1].split("</main>", 1)[0]
    assert_harmless(main)
    assert "Fine text." in main


def test_it_is_cleaned_when_saved(db):
    article = make_article("Saved", body='<p onclick="x()">Text <script>bad()</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Text </p>"


def test_stored_html_is_cleaned_again_when_shown(client):
    article = make_article("Sneaky")
    type(article).objects.filter(pk=article.pk).update(body="<p>Ok</p><script>alert(1)</script>")
    main = client.get(article.get_absolute_url()).content.decode().split("</main>")[0]
    assert "<script>alert" not in main


def test_links_keep_their_address_and_gain_a_safe_rel(db):
    article = make_article("Links", body='<p><a href="https://example.org/x">x</a></p>')
    assert article.body == (
        '<p><a href="https://example.org/x" rel="noopener noreferrer">x</a></p>'
    )


def test_titles_and_teasers_are_escaped(client):
    article = make_article("<b>Bold</b> & <script>x()</script>", teaser="<img src=x onerror=y()>")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>x()" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp;" in page
    assert "<img src=x onerror" not in page


def test_derived_teasers_contain_no_markup():
    assert derive_teaser('<p>Hello <a href="javascript:x">world</a>.</p>') == "Hello world."
