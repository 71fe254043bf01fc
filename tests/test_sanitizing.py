"""Article HTML is untrusted: nothing that runs survives into a page."""

import pytest
from lxml import html

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
    '<embed src="javascript:alert(1)">',
    '<body onload="alert(1)">',
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<svg onload="alert(1)"/>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
    "</style></mglyph></table></mtext></math>",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="x" onmouseover="alert(1)">',
    '<details open ontoggle="alert(1)">x</details>',
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    '<input autofocus onfocus="alert(1)">',
    '<marquee onstart="alert(1)">x</marquee>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<p style="x:expression(alert(1))">x</p>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<img srcset="x 1x, javascript:alert(1) 2x">',
    '<a href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">x</a>',
    "<xss id=x tabindex=1 onfocusin=alert(1)></xss>",
    "<template><script>alert(1)</script></template>",
]


DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "form", "input", "meta", "base", "link"}
DANGEROUS_TAGS |= {"style", "svg", "math", "video", "audio", "source", "template", "frame"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "background", "formaction", "xlink:href"}


def assert_harmless(fragment):
    """Nothing in the fragment can run: no scripting elements, handlers or script URLs."""
    tree = html.fragment_fromstring(fragment, create_parent="div")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag.lower() not in DANGEROUS_TAGS, html.tostring(element)
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            assert name.lower() != "style", (name, value)
            if name.lower() in URL_ATTRIBUTES:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                assert scheme in ("", "http", "https", "mailto"), (name, value)


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
