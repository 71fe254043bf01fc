"""Search over the live articles: their title, teaser, text, authors and tags.

On PostgreSQL each article has a stored, weighted vector (title A; teaser, authors and tags B;
text C) in a GIN index, ranked with ts_rank and shown with ts_headline snippets. Elsewhere (SQLite
on a laptop) a simpler search matches every word anywhere, titles first. Either way only
`Article.objects.live()` is searched, and a results page costs the same few queries.

Authors and tags live in other tables, so the names are copied into `SearchEntry.names` whenever
an article, an authorship, a tag or a name changes (the signals at the bottom follow every write
path: admin, import, demo loader), and the vector is rebuilt from the article and those names.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, ExtractYear, NullIf
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from . import text
from .models import STRUCTURED_PARTS, Article, Author, Authorship, SearchEntry, Tag

CONFIG = "english"
PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
FACET_SIZE = 12
SEARCHED_FIELDS = {"title", "teaser", "derived_teaser", "body", *STRUCTURED_PARTS}
REFRESH_BATCH = 500
# ts_headline marks matches with these; they are turned into <mark> after escaping the text.
_START, _STOP = "\u27e6", "\u27e7"
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w", re.UNICODE)


def uses_postgres():
    return connection.vendor == "postgresql"


# Keeping the entries


def refresh_entries(article_ids):
    """Rebuild the search entries of these articles from their current content."""
    ids = list(article_ids)
    for start in range(0, len(ids), REFRESH_BATCH):
        _refresh_batch(ids[start : start + REFRESH_BATCH])


def _refresh_batch(ids):
    existing = list(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    names = _names_of(existing)
    SearchEntry.objects.bulk_create(
        [SearchEntry(article_id=pk, names=" ".join(names[pk])) for pk in existing],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["names"],
    )
    if uses_postgres():
        SearchEntry.objects.filter(pk__in=existing).update(vector=_weighted_vector())


def _names_of(ids):
    names = defaultdict(list)
    authorships = Authorship.objects.filter(article_id__in=ids).order_by("article_id", "position")
    for article_id, name in authorships.values_list("article_id", "author__name"):
        names[article_id].append(name)
    tagged = Article.tags.through.objects.filter(article_id__in=ids).order_by("tag__name")
    for article_id, name in tagged.values_list("article_id", "tag__name"):
        names[article_id].append(name)
    return names


def _weighted_vector():
    article = Article.objects.filter(pk=OuterRef(OuterRef("pk")))
    own_fields = (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector(
            Coalesce(NullIf("teaser", Value("", output_field=TextField())), "derived_teaser"),
            weight="B",
            config=CONFIG,
        )
        + SearchVector("body", *STRUCTURED_PARTS, weight="C", config=CONFIG)
    )
    vector = Subquery(article.annotate(vector=own_fields).values("vector")[:1])
    return _Concat(vector, SearchVector("names", weight="B", config=CONFIG))


class _Concat(Func):
    """tsvector || tsvector."""

    template = "(%(expressions)s)"
    arg_joiner = " || "

    def __init__(self, *expressions):
        super().__init__(*expressions, output_field=SearchEntry._meta.get_field("vector"))


def _article_ids_of_authorships(**filters):
    return Authorship.objects.filter(**filters).values_list("article_id", flat=True)


def _on_article_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not SEARCHED_FIELDS & set(update_fields):
        return
    refresh_entries([instance.pk])


def _on_authorship_changed(sender, instance, origin=None, **kwargs):
    # Deleting the article deletes its authorships (and its entry) too: nothing to refresh.
    deleting_articles = isinstance(origin, Article) or (
        isinstance(origin, QuerySet) and origin.model is Article
    )
    if not deleting_articles:
        refresh_entries([instance.article_id])


def _on_tags_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if isinstance(instance, Article):
        refresh_entries([instance.pk])
    elif action == "pre_clear":
        instance._search_articles = list(instance.articles.values_list("pk", flat=True))
    else:
        refresh_entries(getattr(instance, "_search_articles", None) or pk_set or [])


def _on_author_saved(sender, instance, created, **kwargs):
    if not created:
        refresh_entries(_article_ids_of_authorships(author=instance))


def _on_tag_saved(sender, instance, created, **kwargs):
    if not created:
        refresh_entries(instance.articles.values_list("pk", flat=True))


def _before_tag_deleted(sender, instance, **kwargs):
    instance._search_articles = list(instance.articles.values_list("pk", flat=True))


def _after_tag_deleted(sender, instance, **kwargs):
    refresh_entries(getattr(instance, "_search_articles", []))


post_save.connect(_on_article_saved, sender=Article, dispatch_uid="search-article")
post_save.connect(_on_authorship_changed, sender=Authorship, dispatch_uid="search-authorship")
post_delete.connect(_on_authorship_changed, sender=Authorship, dispatch_uid="search-authorship-d")
m2m_changed.connect(_on_tags_changed, sender=Article.tags.through, dispatch_uid="search-tags")
post_save.connect(_on_author_saved, sender=Author, dispatch_uid="search-author")
post_save.connect(_on_tag_saved, sender=Tag, dispatch_uid="search-tag")
pre_delete.connect(_before_tag_deleted, sender=Tag, dispatch_uid="search-tag-pre-d")
post_delete.connect(_after_tag_deleted, sender=Tag, dispatch_uid="search-tag-d")


# Searching


def clean_query(query):
    """The query as searched: one line, at most MAX_QUERY_LENGTH characters."""
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH].strip()


def has_words(query):
    return bool(_WORD.search(query))


@dataclass
class Facet:
    key: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Results:
    query: str
    page: object
    total: int
    facets: dict = field(default_factory=dict)


def search(query="", *, section="", author="", tag="", year=None, page=1):
    """Live articles matching `query` and the filters, ranked, with facets and snippets."""
    query = clean_query(query)
    matches = _matching(Article.objects.live(), query)
    matches = _filtered(matches, section=section, author=author, tag=tag, year=year)
    facets = _facets(matches, section=section, author=author, tag=tag, year=year)
    total = sum(facet.count for facet in facets["section"])
    paginator = Paginator(_Counted(_ranked(matches, query), total), PAGE_SIZE)
    results_page = paginator.get_page(page)
    results_page.object_list = _load_page(list(results_page.object_list), query)
    _add_snippets(results_page.object_list, query)
    return Results(query=query, page=results_page, total=total, facets=facets)


def _matching(articles, query):
    if not query:
        return articles
    if uses_postgres():
        return articles.filter(search_entry__vector=_tsquery(query))
    return articles.filter(reduce(and_, (_anywhere(term) for term in _terms(query))))


def _tsquery(query):
    return SearchQuery(query, search_type="websearch", config=CONFIG)


def _terms(query):
    return [term for term in query.split() if has_words(term)][:MAX_TERMS] or [query]


def _anywhere(term):
    fields = ["title", "teaser", "body", *STRUCTURED_PARTS, "search_entry__names"]
    return reduce(or_, (Q(**{f"{name}__icontains": term}) for name in fields))


def _filtered(matches, *, section, author, tag, year):
    if section:
        matches = matches.filter(section__slug=section)
    if author:
        matches = matches.filter(pk__in=_article_ids_of_authorships(author__slug=author))
    if tag:
        matches = matches.filter(
            pk__in=Article.tags.through.objects.filter(tag__slug=tag).values("article_id")
        )
    if year:
        matches = matches.filter(published_at__year=year)
    return matches


def _facets(matches, **selected):
    """Counts of the matches by section, author, tag and year, in one query."""
    matches = matches.order_by()
    year = Cast(ExtractYear("published_at"), CharField())
    groups = [
        ("section", F("section__slug"), F("section__name")),
        ("author", F("authorships__author__slug"), F("authorships__author__name")),
        ("tag", F("tags__slug"), F("tags__name")),
        ("year", year, year),
    ]
    queries = [
        matches.values(kind=Value(kind, output_field=CharField()), key=key, label=label)
        .annotate(count=Count("pk", distinct=True))
        .values_list("kind", "key", "label", "count")
        for kind, key, label in groups
    ]
    rows = queries[0].union(*queries[1:], all=True).order_by()
    facets = {kind: [] for kind, *_ in groups}
    for kind, key, label, count in rows:
        if key is None:  # articles without any tag
            continue
        facets[kind].append(Facet(key, label, count, selected=str(selected[kind] or "") == key))
    return _ordered_facets(facets)


def _by_count(facet):
    return (-facet.count, facet.label.lower())


def _ordered_facets(facets):
    facets["section"].sort(key=_by_count)
    facets["year"].sort(key=lambda facet: facet.key, reverse=True)
    for kind in ("author", "tag"):
        facets[kind].sort(key=_by_count)
        shown = facets[kind][:FACET_SIZE]
        shown += [facet for facet in facets[kind][FACET_SIZE:] if facet.selected]
        facets[kind] = shown
    return facets


def _ranked(matches, query):
    """The ids of the matches, best first: cheap to order, whatever the page asked for."""
    matches = matches.order_by()
    if not query:
        ordered = matches.order_by("-published_at", "-pk")
    elif uses_postgres():
        rank = SearchRank(F("search_entry__vector"), _tsquery(query))
        ordered = matches.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
    else:
        in_title = reduce(and_, (Q(title__icontains=term) for term in _terms(query)))
        first = Case(When(in_title, then=1), default=0, output_field=IntegerField())
        ordered = matches.annotate(in_title=first).order_by("-in_title", "-published_at", "-pk")
    return ordered.values_list("pk", flat=True)


def _load_page(ids, query):
    """The page's articles in the order given, with what the results show of each."""
    articles = Article.objects.filter(pk__in=ids).for_listing()
    if query and uses_postgres():
        # Snippets are costly, so only the page's few articles get one.
        articles = articles.without_text().annotate(headline=_headline(query))
    by_pk = {article.pk: article for article in articles}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _headline(query):
    return SearchHeadline(
        _plain_text(),
        _tsquery(query),
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


class _Counted:
    """A queryset whose length is already known (from the facets), for the paginator."""

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, key):
        return self.queryset[key]


def _add_snippets(articles, query):
    for article in articles:
        if not query:
            article.snippet = ""
        elif hasattr(article, "headline"):
            # A match in the title or names only: the listing's teaser says more.
            found = _START in article.headline
            article.snippet = marked(html.unescape(article.headline)) if found else ""
        else:
            article.snippet = snippet_of(text.plain(article.text_html()), _terms(query))


def marked(headline):
    """Escape a headline and turn its match markers into <mark> elements."""
    escaped = escape(headline.replace("\n", " "))
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


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
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - each piece escaped
