"""Snippets: the words around a match, the matches marked, safe to put in a page."""

import html
import re

from django.contrib.postgres.search import SearchHeadline
from django.db.models import CharField, Func, Value
from django.db.models.functions import Concat
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from ..models import STRUCTURED_PARTS
from ..text.plain import plain
from .index import CONFIG

# ts_headline marks matches with these; they are turned into <mark> after escaping the text.
_START, _STOP = "\u27e6", "\u27e7"
MARKERS = (_START, _STOP)


def headline(tsquery):
    """ts_headline over the article's text, its matches between the markers."""
    return SearchHeadline(
        _plain_text(),
        tsquery,
        config=CONFIG,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def _plain_text():
    text_html = Concat(*STRUCTURED_PARTS, "body", output_field=CharField())
    return Func(text_html, Value(r"<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")


def add_snippets(articles, query, terms):
    """Give each article of a results page its `snippet`: from ts_headline, or found here."""
    for article in articles:
        if not query:
            article.snippet = ""
        elif hasattr(article, "headline"):
            # A match in the title or names only: the listing's teaser says more.
            found = _START in article.headline
            article.snippet = marked(html.unescape(article.headline)) if found else ""
        else:
            article.snippet = snippet_of(plain(article.text_html()), terms)


def marked(headline):
    """Escape a headline and turn its match markers into <mark> elements."""
    escaped = escape(headline.replace("\n", " "))
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def snippet_of(plain_text, terms, words=30):
    """About `words` words of `plain_text` around the first term found, terms in <mark>."""
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    found = pattern.search(plain_text)
    if found is None:
        return ""
    tokens = plain_text.split(" ")
    at = len(plain_text[: found.start()].split(" ")) - 1
    start = max(0, at - words // 3)
    window = " ".join(tokens[start : start + words])
    pieces, last = [], 0
    for match in pattern.finditer(window):
        pieces.append(format_html("{}<mark>{}</mark>", window[last : match.start()], match.group()))
        last = match.end()
    pieces.append(escape(window[last:]))
    prefix = "… " if start else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # each piece escaped
