"""What an article page offers next: related articles, and the neighbours in its issue."""

import heapq
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import chain
from operator import itemgetter

from django.db.models import CharField, Value
from django.utils.functional import cached_property

from analyst import fragments, versions

from ..models import Article, prefetch_authors
from . import freshness

RELATED_SHOWN = 4
# The ways one article links to others, and the relation each one is followed by.
LINKED_BY = {"author": "authorships__author", "tag": "tags"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PK_BITS = 2**64 - 1
KEY_BYTES = 48  # a recency key (an int of about 115 bits) and its place in a list


def related_articles(article, limit=RELATED_SHOWN):
    """Live articles sharing authors or tags with `article`: those sharing most first, and the
    newest first of those sharing as many.

    A popular tag brings thousands of candidates. Each author's and tag's articles are kept (see
    `linked_articles`) and counted here: once they are, ranking costs one query, for the four
    shown.
    """
    links = [("author", each.author_id) for each in article.authorships.all()]
    links += [("tag", tag.pk) for tag in article.tags.all()]
    if not links:
        return []
    ranked = most_shared(linked_articles(links), article.pk, limit)
    shown = Article.objects.live().filter(pk__in=ranked).select_related("section").without_text()
    by_id = {each.pk: each for each in shown}
    return [by_id[pk] for pk in ranked if pk in by_id]


def most_shared(linked, excluded, limit):
    """The ids of the `limit` articles found in most of the `linked` lists of recency keys, the
    latest published first of those found as often, never `excluded`."""
    shared = Counter(chain.from_iterable(linked))
    best = heapq.nlargest(limit + 1, shared.items(), key=itemgetter(1, 0))
    ids = [key & PK_BITS for key, _ in best]
    return [pk for pk in ids if pk != excluded][:limit]


def recency_key(pk, published_at):
    """One number per article that orders as (published_at, pk) does, its id in the low bits."""
    return (published_at - EPOCH) // timedelta(microseconds=1) << 64 | pk


def linked_articles(links):
    """For each (kind, id) of `links`, the live articles by that author or with that tag, as a
    list of their `recency_key`s.

    Kept in this process until any listing changes, all missing ones read in one query. What
    they show is not shown by the related articles: those show the articles they list.
    """
    kept = fragments.remember_each(
        [("linked", *link) for link in links],
        _read_linked,
        showing=[freshness.LISTINGS],
        size=lambda keys: KEY_BYTES * len(keys),
    )
    return list(kept.values())


def _read_linked(keys):
    live = Article.objects.live().order_by()
    queries = []
    for kind, relation in LINKED_BY.items():
        ids = [link_id for _, each_kind, link_id in keys if each_kind == kind]
        if ids:
            label = Value(kind, output_field=CharField())
            rows = live.filter(**{f"{relation}__in": ids})
            queries.append(rows.values_list(label, relation, "pk", "published_at"))
    found = {key: [] for key in keys}
    for kind, link_id, pk, published_at in queries[0].union(*queries[1:], all=True):
        found[("linked", kind, link_id)].append(recency_key(pk, published_at))
    return found


def issue_neighbours(article):
    """The live articles before and after `article` in its issue's order, or None."""
    if article.issue_id is None:
        return None, None
    contents = list(
        Article.objects.live()
        .filter(issue_id=article.issue_id)
        .in_issue_order()
        .values("pk", "slug", "title", "display_title")
    )
    position = next(i for i, each in enumerate(contents) if each["pk"] == article.pk)
    previous = contents[position - 1] if position > 0 else None
    following = contents[position + 1] if position + 1 < len(contents) else None
    return _linked(previous), _linked(following)


def _linked(row):
    if row is None:
        return None
    article = Article(slug=row["slug"], title=row["title"], display_title=row["display_title"])
    return {"title": article.shown_title, "url": article.get_absolute_url()}


def with_authors_and_tags(article):
    """The article with its authors, tags and files loaded, all shown by the page being built."""
    prefetch_authors([article], "tags", "attachments")
    versions.shows(*freshness.article_names(article), *article.ordered_authors)
    versions.shows(*article.tags.all())
    return article


class ArticlePage:
    """What an article page shows beyond the article's own row, loaded only if rendered.

    The page's fragments (see analyst.fragments) are usually kept already, and then none of
    this is read from the database.
    """

    def __init__(self, article):
        self._article = article

    @cached_property
    def article(self):
        return with_authors_and_tags(self._article)

    @cached_property
    def related_articles(self):
        shown = related_articles(self.article)
        versions.shows(*shown)
        return shown

    @cached_property
    def _neighbours(self):
        versions.shows(*freshness.article_names(self._article))
        return issue_neighbours(self._article)

    @property
    def previous_article(self):
        return self._neighbours[0]

    @property
    def next_article(self):
        return self._neighbours[1]
