"""Cold start: the time a crawler takes to fetch every page of a site once, right after a deploy.

usage: cold_crawl.py NAME BASE_URL (--analyst | --paths FILE) [--clients 8] [--json FILE]

With --analyst the pages are read from the archive in the database (run with the server's
environment): every live article, and every listing page — home, the issue archive of each
year, every issue, every page of every section, author and tag, the feeds and every sitemap
page. --paths reads one path per line instead (for the Wagtail anchor). Each page is fetched
once, by CLIENTS concurrent clients each on its own kept-alive connection; prints the pages,
the time, the pages per second, the latency percentiles and the pages that did not answer 200.
Loopback only.
"""

import argparse
import http.client
import ipaddress
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")


def analyst_paths():
    """Every article page and every listing page of the archive, articles first."""
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article, Author, Issue, Section, Tag
    from articles.site.sitemaps import SITEMAPS, live_summary
    from articles.site.views import LISTING_PAGE_SIZE

    live = Article.objects.live()
    paths = [article.get_absolute_url() for article in live.only("slug").order_by("pk")]
    paths += ["/", reverse("articles:issue-archive"), reverse("articles:feed")]
    years = Issue.objects.published().dates("date", "year")
    paths += [reverse("articles:issue-year", args=[day.year]) for day in years]
    paths += [issue.get_absolute_url() for issue in Issue.objects.published().only("slug", "date")]
    for model, relation in ((Section, "section"), (Author, "authors"), (Tag, "tags")):
        counts = live.order_by().values_list(relation).annotate(n=Count("pk"))
        slugs = dict(model.objects.values_list("pk", "slug"))
        for pk, count in counts:
            owner = model(pk=pk, slug=slugs[pk])
            pages = -(-count // LISTING_PAGE_SIZE)
            paths.append(owner.get_absolute_url())
            paths += [f"{owner.get_absolute_url()}?page={n}" for n in range(2, pages + 1)]
    live = live_summary()
    for name, sitemap_class in SITEMAPS.items():
        pages, _ = sitemap_class().summary(live)
        address = reverse(f"articles:sitemap-{name}")
        paths += [address if n == 1 else f"{address}?p={n}" for n in range(1, pages + 1)]
    return paths


def fetch_all(base_url, paths, clients):
    """Fetch every path once with `clients` threads; (seconds, latencies in ms, failures)."""
    parts = urllib.parse.urlsplit(base_url)
    queue = iter(paths)
    lock = threading.Lock()
    latencies, failures = [], []

    def client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while True:
            with lock:
                path = next(queue, None)
            if path is None:
                return
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"User-Agent": "cold-crawl/1"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                status = type(error).__name__
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    failures.append((path, status))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("name")
    parser.add_argument("base_url")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--analyst", action="store_true")
    source.add_argument("--paths")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--json")
    args = parser.parse_args()
    if not ipaddress.ip_address(urllib.parse.urlsplit(args.base_url).hostname).is_loopback:
        raise SystemExit("cold_crawl: loopback addresses only")
    if args.analyst:
        paths = analyst_paths()
    else:
        paths = [line.strip() for line in Path(args.paths).read_text().splitlines() if line.strip()]
    seconds, latencies, failures = fetch_all(args.base_url, paths, args.clients)
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    result = {
        "site": args.name,
        "pages": len(paths),
        "seconds": round(seconds, 1),
        "pages_per_s": round(len(paths) / seconds, 1),
        "p50_ms": round(quantiles[49], 1),
        "p99_ms": round(quantiles[98], 1),
        "failed": len(failures),
        "clients": args.clients,
        "first_failures": failures[:5],
    }
    print(
        f"  {args.name:<16} {result['pages']:>6} pages in {result['seconds']:>7.1f} s "
        f"({result['pages_per_s']:.1f}/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
        f"{result['failed']} not 200)",
        file=sys.stderr,
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
