"""The sitemap index and its pages: the home page, live articles, published issues, sections,
authors, tags and the files of live articles, each with its last change (an article's last
edit, or its publication if later).

Every sitemap is split into pages of at most ARTICLES_PER_SITEMAP addresses, in the order the
objects were made, so a page never grows past that size and an old page changes only when one
of its own objects does: however large the archive, each page costs the same.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Count, Max
from django.db.models.functions import Greatest
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_GET

from analyst.links import absolute_url

from ..models import Article, Attachment, Author, Issue, Section, Tag
from .views import kept_listing

ARTICLES_PER_SITEMAP = 2000


def _changed():
    """An article's last change as readers see it: its last edit, or its publication if later."""
    return Greatest("updated_at", "published_at")


def live_summary():
    """How many articles are live, the latest change among them, and the latest in each issue
    ("by_issue"): one grouped query for the whole index."""
    grouped = Article.objects.live().order_by().values_list("issue")
    rows = list(grouped.annotate(count=Count("pk"), latest=Max(_changed())))
    return {
        "count": sum(count for _, count, _ in rows),
        "latest": max((latest for _, _, latest in rows), default=None),
        "by_issue": {issue: latest for issue, _, latest in rows if issue is not None},
    }


class PagedSitemap(Sitemap):
    """A sitemap in pages of bounded size, in the order its objects were made.

    An object's last change is the latest change of its live articles, read for all objects in
    one grouped query rather than one subquery per object.
    """

    limit = ARTICLES_PER_SITEMAP
    model = None
    grouped_by = None  # the live articles' field that names the object

    def items(self):
        return self.model.objects.filter(pk__in=self.live_changes()).only("slug").order_by("pk")

    def live_changes(self):
        """{object's pk: latest change of its live articles}, read once."""
        if not hasattr(self, "_live_changes"):
            grouped = Article.objects.live().order_by().values_list(self.grouped_by)
            changes = grouped.annotate(latest=Max(_changed()))
            self._live_changes = {pk: latest for pk, latest in changes if pk is not None}
        return self._live_changes

    def lastmod(self, item):
        return self.live_changes()[item.pk]

    def get_latest_lastmod(self):
        return max(self.live_changes().values(), default=None)

    def pages_for(self, count):
        """How many pages `count` addresses take (none when empty: the index leaves it out)."""
        return -(-count // self.limit)

    def summary(self, live):
        """(number of pages, latest change) for the index, in as few queries as may be; `live`
        is live_summary(), read once for every sitemap."""
        return self.pages_for(len(self.live_changes())), self.get_latest_lastmod()

    # Addresses as the canonical links give them, whatever host the request came in on.
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(PagedSitemap):
    """Rows of (slug, last change) rather than articles: a page lists thousands of them."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.live().order_by("pk").values_list("slug", _changed())

    def location(self, row):
        head, tail = self.path_around_slug()
        return f"{head}{row[0]}{tail}"

    def path_around_slug(self):
        """An article's path before and after its slug, reversed once for the whole page."""
        if not hasattr(self, "_path_around_slug"):
            self._path_around_slug = reverse("articles:detail", args=["-"]).rsplit("-", 1)
        return self._path_around_slug

    def lastmod(self, row):
        return row[1]

    def summary(self, live):
        return self.pages_for(live["count"]), live["latest"]


class IssueSitemap(PagedSitemap):
    """Every published issue; its last change is its publication or its articles' latest."""

    changefreq = "monthly"
    priority = 0.6
    grouped_by = "issue"

    def items(self):
        return Issue.objects.published().only("slug", "date", "published_at").order_by("pk")

    def lastmod(self, issue):
        return max(filter(None, [self.live_changes().get(issue.pk), issue.published_at]))

    def summary(self, live):
        self._live_changes = live["by_issue"]
        issues = Issue.objects.published().aggregate(count=Count("pk"), latest=Max("published_at"))
        latest = filter(None, [super().get_latest_lastmod(), issues["latest"]])
        return self.pages_for(issues["count"]), max(latest, default=None)


class SectionSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.5
    model = Section
    grouped_by = "section"


class AuthorSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.4
    model = Author
    grouped_by = "authors"


class TagSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.4
    model = Tag
    grouped_by = "tags"


class FileSitemap(PagedSitemap):
    """The files of live articles; a file changed when it was uploaded or last edited, or when
    its article last changed, if that came later."""

    changefreq = "yearly"
    priority = 0.3

    def items(self):
        files = Attachment.objects.filter(article__in=Article.objects.live())
        files = files.select_related("article").only("article__slug")
        changed = Greatest("updated_at", "article__updated_at", "article__published_at")
        return files.annotate(changed=changed).order_by("pk")

    def lastmod(self, attachment):
        return attachment.changed

    def summary(self, live):
        files = self.items().aggregate(count=Count("pk"), latest=Max("changed"))
        return self.pages_for(files["count"]), files["latest"]


class HomeSitemap(PagedSitemap):
    """The home page, changed with the latest live article."""

    changefreq = "weekly"
    priority = 1.0

    def items(self):
        latest = Article.objects.live().aggregate(latest=Max(_changed()))["latest"]
        return [latest] if latest else []

    def location(self, latest):
        return reverse("articles:home")

    def lastmod(self, latest):
        return latest

    def summary(self, live):
        return (1 if live["count"] else 0), live["latest"]


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "issues": IssueSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "files": FileSitemap,
}


@x_robots_tag
@require_GET
def sitemap_index(request):
    """The index: every page of every sitemap, each with the latest change in its sitemap."""
    entries = kept_listing(request, ("sitemap-index",), index_entries)
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def index_entries():
    entries = []
    live = live_summary()
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        address = absolute_url(reverse(f"articles:sitemap-{name}"))
        pages, latest = sitemap.summary(live)
        entries += [
            SitemapIndexItem(f"{address}?p={page}" if page > 1 else address, latest)
            for page in range(1, pages + 1)
        ]
    return entries


URLSET = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{}</urlset>\n'
)


@x_robots_tag
@require_GET
def sitemap_page(request, name):
    """One page of one sitemap, written directly (a template costs more than the queries here)
    and kept until a listing changes."""
    number = request.GET.get("p", "1")
    number = number if number.isdigit() else "not a page"  # a 404, which is never kept
    document = kept_listing(request, ("sitemap", name, number), lambda: page_xml(name, number))
    if document is None:
        raise Http404("No such page of the sitemap.")
    return HttpResponse(document, content_type="application/xml")


def page_xml(name, number):
    """The XML of one page of one sitemap, or None if it has no such page."""
    sitemap = SITEMAPS[name]()
    try:
        page = sitemap.paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        return None
    return URLSET.format("".join(url_entry(sitemap, item) for item in page.object_list))


def url_entry(sitemap, item):
    lastmod = sitemap.lastmod(item)
    return (
        f"<url><loc>{escape(absolute_url(sitemap.location(item)))}</loc>"
        f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>"
        f"<changefreq>{sitemap.changefreq}</changefreq><priority>{sitemap.priority}</priority>"
        "</url>\n"
    )
