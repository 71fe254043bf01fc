"""Hostile input for the sanitizing tests, and the checks that nothing in it can run.

Used for every way text leaves the site: the article page, listings, search, feeds and email.
"""

import json

from lxml import html

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


# Plain-text fields (titles, teasers, names, bios, tags) must come out as the same text, escaped.
HOSTILE_TEXT = [
    "<script>alert('t')</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<a href=javascript:alert(1)>x</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "]]><script>alert(1)</script>",
]
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def assert_page_harmless(page):
    """A whole page runs only our own scripts: no inline code, handlers or script URLs."""
    tree = html.document_fromstring(page)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        assert tag not in {"iframe", "object", "embed", "svg", "math", "base", "frame"}, tag
        if tag == "script":
            assert_own_script(element)
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (tag, name, value)
            if name.lower() in URL_ATTRIBUTES:
                assert not value.strip().lower().startswith(SCRIPT_SCHEMES), (name, value)


def assert_own_script(element):
    """A script element is one of our static files, or a JSON-LD data block that stays data."""
    if element.get("src"):
        assert element.get("src").startswith("/static/"), element.get("src")
        return
    assert element.get("type") == "application/ld+json", html.tostring(element)
    json.loads(element.text)
    assert "<" not in element.text, element.text
