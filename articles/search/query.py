"""Searching the live articles: matching, filters, facets with counts, ranking, one page.

On PostgreSQL the stored vectors are matched with websearch syntax and ranked with ts_rank; on
SQLite (a laptop) the FTS5 table is matched, every word stemmed and its accents folded, ranked
with bm25. Either way only `Article.objects.live()` is searched, and a results page costs the
same few queries.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, ExtractYear

from ..models import Article, Authorship
from . import fts
from .index import CONFIG, uses_postgres
from .snippets import MARKERS, add_snippets, headline

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
FACET_SIZE = 12
_WORD = re.compile(r"\w", re.UNICODE)


def clean_query(query):
    """The query as searched: one line of printable characters, at most MAX_QUERY_LENGTH."""
    printable = "".join(c if c.isprintable() else " " for c in query or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


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
    add_snippets(results_page.object_list, query, _terms(query))
    return Results(query=query, page=results_page, total=total, facets=facets)


def _matching(articles, query):
    if not query:
        return articles
    if uses_postgres():
        return articles.filter(search_entry__vector=_tsquery(query))
    matching = RawSQL(fts.matching_sql(), [fts.match_expression(_terms(query))])
    return articles.filter(pk__in=matching)


def _tsquery(query):
    return SearchQuery(query, search_type="websearch", config=CONFIG)


def _terms(query):
    return [term for term in query.split() if has_words(term)][:MAX_TERMS] or [query]


def _filtered(matches, *, section, author, tag, year):
    if section:
        matches = matches.filter(section__slug=section)
    if author:
        matches = matches.filter(
            pk__in=Authorship.objects.filter(author__slug=author).values("article_id")
        )
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
        return fts.ranked_ids(_terms(query), matches)
    return ordered.values_list("pk", flat=True)


def _load_page(ids, query):
    """The page's articles in the order given, with what the results show of each."""
    articles = Article.objects.filter(pk__in=ids).for_listing()
    if query and uses_postgres():
        # Snippets are costly, so only the page's few articles get one.
        articles = articles.without_text().annotate(headline=headline(_tsquery(query)))
    elif query:
        table = Article._meta.db_table
        snippet = fts.snippet(_terms(query), *MARKERS, table)
        articles = articles.without_text().annotate(
            headline=Coalesce(snippet, Value(""), output_field=TextField())
        )
    by_pk = {article.pk: article for article in articles}
    return [by_pk[pk] for pk in ids if pk in by_pk]


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
