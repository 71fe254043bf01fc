"""Article HTML is untrusted: nothing that runs survives into a page."""

import pytest

from articles.text.teasers import derive_teaser
from tests.factories import make_article
from tests.xss_payloads import HOSTILE, assert_harmless

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_reaches_the_article_page(client, payload):
    article = make_article("Hostile", body=f"<p>Fine text.</p>{payload}")
    page = client.get(article.get_absolute_url()).content.decode()
    text = page.split('<div class="article-text">', 1)[1].split("</article>", 1)[0]
    assert_harmless(text)
    assert "Fine text." in text


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
