"""sitemap.xml: the home page, live articles, published issues, sections, authors and tags,
each with its last change (an article's last edit, or its publication if later)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse

from ..models import Article, Author, Authorship, Issue, Section, Tag


def _changed(prefix=""):
    return Greatest(f"{prefix}updated_at", f"{prefix}published_at")


def _latest_live(**filters):
    """The last change of the live articles matching `filters`, as a subquery."""
    articles = Article.objects.live().filter(**filters).order_by()
    latest = articles.values(*filters).annotate(latest=Max(_changed()))
    return Subquery(latest.values("latest"))


class ListedSitemap(Sitemap):
    """A sitemap that reads its items once: Django asks for them again for the latest lastmod."""

    def items(self):
        if not hasattr(self, "_listed_items"):
            self._listed_items = list(self.listed())
        return self._listed_items

    # Addresses as the canonical links give them, whatever host the request came in on.
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(ListedSitemap):
    changefreq = "monthly"
    priority = 0.8

    def listed(self):
        articles = Article.objects.live().only("slug", "updated_at", "published_at")
        return articles.order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.last_changed


class IssueSitemap(ListedSitemap):
    changefreq = "monthly"
    priority = 0.6

    def listed(self):
        return (
            Issue.objects.published()
            .annotate(latest=_latest_live(issue=OuterRef("pk")))
            .only("slug", "published_at")
            .order_by("-date")
        )

    def lastmod(self, issue):
        return max(filter(None, [issue.latest, issue.published_at]))


class SectionSitemap(ListedSitemap):
    changefreq = "weekly"
    priority = 0.5

    def listed(self):
        return Section.objects.annotate(latest=_latest_live(section=OuterRef("pk"))).filter(
            latest__isnull=False
        )

    def lastmod(self, section):
        return section.latest


class AuthorSitemap(ListedSitemap):
    changefreq = "weekly"
    priority = 0.4

    def listed(self):
        live_authorships = Authorship.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.live()
        ).order_by()
        latest = Subquery(
            live_authorships.values("author")
            .annotate(latest=Max(_changed("article__")))
            .values("latest")
        )
        return Author.objects.annotate(latest=latest).filter(latest__isnull=False).order_by("name")

    def lastmod(self, author):
        return author.latest


class HomeSitemap(ListedSitemap):
    changefreq = "weekly"
    priority = 1.0

    def listed(self):
        latest = Article.objects.live().aggregate(latest=Max(_changed()))["latest"]
        return [latest] if latest else []

    def location(self, latest):
        return reverse("articles:home")

    def lastmod(self, latest):
        return latest


class TagSitemap(ListedSitemap):
    changefreq = "weekly"
    priority = 0.4

    def listed(self):
        live = Article.objects.live().filter(tags=OuterRef("pk")).order_by()
        latest = Subquery(live.values("tags").annotate(latest=Max(_changed())).values("latest"))
        return Tag.objects.annotate(latest=latest).filter(latest__isnull=False).order_by("name")

    def lastmod(self, tag):
        return tag.latest


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "issues": IssueSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
