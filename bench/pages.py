"""Choose the pages `make bench` measures, from the archive in the database, and probe them.

Prints one LABEL=/path item per line for every page that answers 200 on the running server;
pages that do not (search or feeds on a branch that has none yet) are reported on stderr and
left out. Run with the same environment as the server, plus BENCH_BASE_URL.
"""

import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")

DEEP_PAGE = int(os.environ.get("DEEP_PAGE", 200))
SEARCH_QUERY = os.environ.get("SEARCH_QUERY", "Kazakhstan pipeline")
FEED_PATHS = os.environ.get("FEED_PATHS", "/feed/ /feeds/ /feeds/rss/ /feeds/atom/ /rss/ /feed.xml")
SITEMAP_PATHS = os.environ.get("SITEMAP_PATHS", "/sitemap.xml /sitemap/")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_of(url):
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def candidates():
    """(label, [paths to try, first that answers wins]) for every kind of page."""
    from django.db.models import Count

    from articles.models import Article, Author, Issue, Tag
    from articles.site.views import LISTING_PAGE_SIZE

    live = Article.objects.live()
    middle = live.filter(section__structured=True).order_by("pk")
    article = middle[middle.count() // 2]
    issues = Issue.objects.published().order_by("date")
    issue = issues[issues.count() // 2]
    section = article.section
    last_page = max(1, -(-live.filter(section=section).count() // LISTING_PAGE_SIZE))
    author = Author.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    query = urllib.parse.urlencode({"q": SEARCH_QUERY})
    return [
        ("home", ["/"]),
        ("issue", [issue.get_absolute_url()]),
        ("section", [f"{section.get_absolute_url()}?page={min(DEEP_PAGE, last_page)}"]),
        ("article", [article.get_absolute_url()]),
        ("author", [author.get_absolute_url()]),
        ("tag", [tag.get_absolute_url()]),
        ("archive", ["/issues/"]),
        ("search", [f"/search/?{query}"]),
        ("feed", FEED_PATHS.split()),
        ("sitemap", SITEMAP_PATHS.split()),
    ]


def main():
    import django

    django.setup()
    base = os.environ["BENCH_BASE_URL"].rstrip("/")
    for label, paths in candidates():
        answers = [(path, status_of(base + path)) for path in paths]
        found = next((path for path, status in answers if status == 200), None)
        if found:
            print(f"{label}={found}")
        else:
            tried = ", ".join(f"{path} → {status}" for path, status in answers)
            print(f"not measured: {label} (no page answers 200: {tried})", file=sys.stderr)


if __name__ == "__main__":
    main()
