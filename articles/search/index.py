"""The search index: each article's SearchEntry, kept in step with everything search reads.

Authors and tags live in other tables, so their names are copied into `SearchEntry.names`
whenever an article, an authorship, a tag or a name changes (the receivers below, connected by
the app's ready()), and on PostgreSQL the weighted vector (title A; teaser, authors and tags B;
text C) is rebuilt from the article and those names. On SQLite the article's row of the FTS5
table (articles.search.fts) is written instead.
"""

import contextlib
import contextvars
from collections import defaultdict

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Func, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from ..models import STRUCTURED_PARTS, Article, Author, Authorship, SearchEntry, Tag
from ..text.plain import plain
from . import fts

CONFIG = "analyst_english"  # English stemming after unaccent (migration 0011)
SEARCHED_FIELDS = {"title", "teaser", "derived_teaser", "body", *STRUCTURED_PARTS}
REFRESH_BATCH = 500
# Inside refreshed_together(): the articles whose entries wait to be rebuilt at its end.
_pending = contextvars.ContextVar("search_refresh_pending", default=None)


def uses_postgres():
    return connection.vendor == "postgresql"


@contextlib.contextmanager
def refreshed_together():
    """Rebuild the entries of every article changed inside, once, when the block ends well.

    For bulk writers (the archive import): one rebuild per batch, not several per article. Use
    it inside the transaction, so that the entries commit with the articles.
    """
    pending = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    refresh_entries(pending)


def uses_sqlite_fts():
    return connection.vendor == "sqlite"


def refresh_entries(article_ids):
    """Rebuild the search entries of these articles from their current content."""
    if (pending := _pending.get()) is not None:
        pending.update(article_ids)
        return
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
    elif uses_sqlite_fts():
        fts.delete_rows(set(ids) - set(existing))
        fts.replace_rows(_fts_rows(existing, names))


def _fts_rows(ids, names):
    articles = Article.objects.filter(pk__in=ids).only(
        "title", "teaser", "derived_teaser", "body", *STRUCTURED_PARTS
    )
    for article in articles:
        text = plain(article.text_html())
        yield article.pk, article.title, article.listing_teaser, " ".join(names[article.pk]), text


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


def _on_article_deleted(sender, instance, **kwargs):
    if uses_sqlite_fts():
        fts.delete_rows([instance.pk])


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


def connect_signals():
    """Follow every write path (admin, import, demo loader) that changes what search reads."""
    post_save.connect(_on_article_saved, sender=Article, dispatch_uid="search-article")
    post_delete.connect(_on_article_deleted, sender=Article, dispatch_uid="search-article-d")
    post_save.connect(_on_authorship_changed, sender=Authorship, dispatch_uid="search-authorship")
    post_delete.connect(
        _on_authorship_changed, sender=Authorship, dispatch_uid="search-authorship-d"
    )
    m2m_changed.connect(_on_tags_changed, sender=Article.tags.through, dispatch_uid="search-tags")
    post_save.connect(_on_author_saved, sender=Author, dispatch_uid="search-author")
    post_save.connect(_on_tag_saved, sender=Tag, dispatch_uid="search-tag")
    pre_delete.connect(_before_tag_deleted, sender=Tag, dispatch_uid="search-tag-pre-d")
    post_delete.connect(_after_tag_deleted, sender=Tag, dispatch_uid="search-tag-d")
