"""Choose the pages `make bench` measures, from the archive in the database, and probe them.

Prints one LABEL=/path item per line for every page that answers 200 on the running server
within PROBE_SECONDS (best of two tries); pages that do not (search or feeds on a branch that
has none yet, a page too slow to answer one request) are left out of the load, reported on
stderr and, with --unanswered FILE, written there as JSON for the table to show. Loading a page
that cannot answer would keep every worker busy long after its measurement, and spoil the next.
Run with the same environment as the server, plus BENCH_BASE_URL.
"""

import argparse
import json
import os
import sys
import time
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
PROBE_SECONDS = float(os.environ.get("PROBE_SECONDS", 5))


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def answer_of(url):
    """The status of one GET of `url`, or why there was none within PROBE_SECONDS."""
    opener = urllib.request.build_opener(NoRedirects)
    started = time.monotonic()
    try:
        with opener.open(url, timeout=PROBE_SECONDS) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except TimeoutError:
        return f"no answer in {PROBE_SECONDS:g} s"
    except (urllib.error.URLError, ConnectionError) as error:
        return f"no answer ({error})"
    if time.monotonic() - started > PROBE_SECONDS:
        return f"answered only after {PROBE_SECONDS:g} s"
    return status


def probe(url):
    """The best of two tries: the first may pay for a cold process."""
    first = answer_of(url)
    return first if first == 200 else answer_of(url)


def candidates():
    """(label, [paths to try, first that answers wins]) for every kind of page."""
    from django.db.models import Count

    from articles.models import Article, Author, Issue, Tag
    from articles.site.sitemaps import ARTICLES_PER_SITEMAP
    from articles.site.views import LISTING_PAGE_SIZE

    live = Article.objects.live()
    middle = live.filter(section__structured=True).order_by("pk")
    article = middle[middle.count() // 2]
    issues = Issue.objects.published().order_by("date")
    issue = issues[issues.count() // 2]
    section = article.section
    last_page = max(1, -(-live.filter(section=section).count() // LISTING_PAGE_SIZE))
    sitemap_pages = max(1, -(-live.count() // ARTICLES_PER_SITEMAP))
    author = Author.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    query = urllib.parse.urlencode({"q": SEARCH_QUERY})
    return [
        ("home", ["/"]),
        ("issue", [issue.get_absolute_url()]),
        ("section", [f"{section.get_absolute_url()}?page={min(DEEP_PAGE, last_page)}"]),
        ("last-page", [f"{section.get_absolute_url()}?page={last_page}"]),
        ("article", [article.get_absolute_url()]),
        ("author", [author.get_absolute_url()]),
        ("tag", [tag.get_absolute_url()]),
        ("archive", ["/issues/"]),
        ("search", [f"/search/?{query}"]),
        ("feed", FEED_PATHS.split()),
        ("sitemap", SITEMAP_PATHS.split()),
        ("sitemap-page", [f"/sitemap-articles.xml?p={sitemap_pages}"]),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--unanswered", help="write the pages left out, and why, to this JSON file")
    args = parser.parse_args()
    import django

    django.setup()
    base = os.environ["BENCH_BASE_URL"].rstrip("/")
    unanswered = []
    for label, paths in candidates():
        answers = [(path, probe(base + path)) for path in paths]
        found = next((path for path, status in answers if status == 200), None)
        if found:
            print(f"{label}={found}")
        else:
            tried = ", ".join(f"{path} → {status}" for path, status in answers)
            unanswered.append({"page": label, "path": answers[0][0], "why": tried})
            print(f"not measured: {label} ({tried})", file=sys.stderr)
    if args.unanswered:
        Path(args.unanswered).write_text(json.dumps(unanswered, indent=1))


if __name__ == "__main__":
    main()
