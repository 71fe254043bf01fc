"""Searching the live articles: matching, filters, facets with counts, ranking, one page.

On PostgreSQL the stored vectors are matched with websearch syntax and ranked with ts_rank; on
SQLite (a laptop) the FTS5 table is matched, every word stemmed and its accents folded, ranked
with bm25. Either way only `Article.objects.live()` is searched.

A search is two steps, so that the first can be kept and shared by every page of results:
`find()` matches once for the facets and once for the ranking, and keeps the ids of the best
KEPT_RESULTS matches; `page_of()` and `articles_of()` turn one page of them into articles with
snippets.
"""

import re
from array import array
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, F, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, ExtractYear

from ..models import Article, Author, Authorship, Section, Tag
from . import fts
from .index import CONFIG, uses_postgres
from .snippets import MARKERS, add_snippets, headline

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
FACET_SIZE = 12
# The best matches a search keeps the ids of; a page beyond them asks the database again.
KEPT_RESULTS = 1000
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
class Found:
    """What a search found: how many, the facets, and the ids of the best matches, best first."""

    query: str
    filters: dict
    total: int
    facets: dict
    best_ids: array


@dataclass
class Results:
    query: str
    page: object
    total: int
    facets: dict = field(default_factory=dict)


def find(query="", *, section="", author="", tag="", year=None):
    """Match `query` and the filters: the facets, the total and the best matches' ids."""
    query = clean_query(query)
    filters = {"section": section, "author": author, "tag": tag, "year": year}
    matches = _matches(query, filters)
    facets = _facets(matches, **filters)
    total = sum(facet.count for facet in facets["section"])
    best_ids = array("q", _ranked(matches, query)[:KEPT_RESULTS]) if total else array("q")
    return Found(query, filters, total, facets, best_ids)


def page_of(found, number):
    """The page `number` of what was found (the last if past the end), listing the ids."""
    return Paginator(_RankedIds(found), PAGE_SIZE).get_page(number)


def articles_of(ids, query):
    """The articles of a page of ids, in that order, each with its snippet."""
    articles = _load_page(list(ids), query)
    add_snippets(articles, query, _terms(query))
    return articles


def _matches(query, filters):
    return _filtered(_matching(Article.objects.live(), query), **filters)


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
    """Counts of the matches by section, author, tag and year, in one query.

    The matches are found once, as a common table the four counts read: matching the text is
    the costly part of a search. An article names an author, or a tag, at most once.
    """
    rows = _facet_rows(matches)
    facets = {kind: [] for kind in selected}
    for kind, key, label, count in rows:
        facets[kind].append(Facet(key, label, count, selected=str(selected[kind] or "") == key))
    return _ordered_facets(facets)


def _facet_rows(matches):
    year = Cast(ExtractYear("published_at"), CharField())
    matched = matches.order_by().values("pk", "section_id", year=year)
    matched_sql, params = matched.query.sql_with_params()
    section, author, tag = (model._meta.db_table for model in (Section, Author, Tag))
    authorship, tagging = Authorship._meta.db_table, Article.tags.through._meta.db_table
    sql = f"""
        WITH matched (id, section_id, year) AS ({matched_sql})
        SELECT 'section', s.slug, s.name, COUNT(*) FROM matched
            JOIN {section} s ON s.id = matched.section_id GROUP BY s.slug, s.name
        UNION ALL
        SELECT 'author', a.slug, a.name, COUNT(*) FROM matched
            JOIN {authorship} w ON w.article_id = matched.id JOIN {author} a ON a.id = w.author_id
            GROUP BY a.slug, a.name
        UNION ALL
        SELECT 'tag', t.slug, t.name, COUNT(*) FROM matched
            JOIN {tagging} x ON x.article_id = matched.id JOIN {tag} t ON t.id = x.tag_id
            GROUP BY t.slug, t.name
        UNION ALL
        SELECT 'year', matched.year, matched.year, COUNT(*) FROM matched GROUP BY matched.year
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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


class _RankedIds:
    """The ids of what was found, best first, for the paginator: the kept ones, or asked again."""

    def __init__(self, found):
        self.found = found

    def count(self):
        return self.found.total

    def __len__(self):
        return self.found.total

    def __getitem__(self, key):
        if key.stop <= len(self.found.best_ids):
            return list(self.found.best_ids[key])
        found = self.found
        return list(_ranked(_matches(found.query, found.filters), found.query)[key])
