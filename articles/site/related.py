"""What an article page offers next: related articles, and the neighbours in its issue."""

from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from analyst import versions

from ..models import Article, Authorship, prefetch_authors
from . import freshness

RELATED_SHOWN = 4


def related_articles(article, limit=RELATED_SHOWN):
    """Live articles sharing authors or tags with `article`, those sharing most first."""
    author_ids = [authorship.author_id for authorship in article.authorships.all()]
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not author_ids and not tag_ids:
        return []
    by_authors = Authorship.objects.filter(author__in=author_ids)
    by_tags = Article.tags.through.objects.filter(tag__in=tag_ids)
    return list(
        Article.objects.live()
        .filter(Q(pk__in=by_authors.values("article_id")) | Q(pk__in=by_tags.values("article_id")))
        .exclude(pk=article.pk)
        .annotate(shared=_shared(by_authors, author_ids) + _shared(by_tags, tag_ids))
        .select_related("section")
        .without_text()
        .order_by("-shared", "-published_at", "-pk")[:limit]
    )


def _shared(links, ids):
    """How many of the links (authorships or taggings) name each article, counted per article:
    joining both to every candidate multiplied the rows a popular tag brings. Zero without a
    query when there are none to share (an empty IN inside the count would empty the result).
    """
    if not ids:
        return Value(0)
    per_article = links.filter(article_id=OuterRef("pk")).order_by().values("article_id")
    return Coalesce(Subquery(per_article.annotate(count=Count("*")).values("count")), 0)


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
