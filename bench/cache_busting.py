"""Cache busting: how much one client filling the query string makes the page cache hold.

    BENCH_CACHE_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/cache_busting.py

With production settings on Redis (`BENCH_CACHE_URL`, required) and the demo publication in a
SQLite file of its own, REQUESTS requests (2,000) are made to one article page, each with a new
random `?utm=` value, and as many to a listing with its first page number written a new way
each time (`?page=01`, `?page=+1`, …); then, for comparison, REQUESTS searches each for a new
word, which are different pages and are each kept. Reported for each: the page entries added to
Redis and the bytes they take there (`MEMORY USAGE`), and what the process keeps in its own
memory. It exits non-zero unless the article and the listing each make one entry. Only keys
under its own prefix are counted and deleted, so a Redis shared with other work is left alone.
"""

import io
import os
import secrets
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("REQUESTS", "2000"))
PREFIX = "cache-busting-" + uuid.uuid4().hex[:8]


def configure(work):
    cache_url = os.environ.get("BENCH_CACHE_URL")
    if not cache_url:
        raise SystemExit("cache_busting: set BENCH_CACHE_URL=redis://host:6379/<db>")
    os.environ.update(
        DATABASE_URL=f"sqlite:///{work}/demo.sqlite3",
        CACHE_URL=cache_url,
        CACHE_KEY_PREFIX=PREFIX,
        STATIC_ROOT=f"{work}/static",
        DEBUG="false",
        SECRET_KEY="benchmark-only-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="analyst.settings",
    )
    sys.path.insert(0, str(ROOT))


def page_keys(redis):
    return list(redis.scan_iter(match=f"{PREFIX}:*:page:*", count=1000))


def held(redis):
    keys = page_keys(redis)
    return len(keys), sum(redis.memory_usage(key) or 0 for key in keys)


def measure(client, redis, urls):
    from analyst import pagecache

    before = held(redis)
    statuses = {client.get(url).status_code for url in urls}
    after = held(redis)
    return {
        "statuses": sorted(statuses),
        "entries": after[0] - before[0],
        "bytes": after[1] - before[1],
        "local_entries": len(pagecache.local_pages.entries),
        "local_bytes": getattr(
            pagecache.local_pages, "size", 0
        ),  # not counted before it was bounded
    }


def main():
    with tempfile.TemporaryDirectory() as work:
        configure(work)
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client

        from articles.models import Article, Tag

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_demo", stdout=io.StringIO())
        redis = cache._cache.get_client(write=False)
        article = Article.objects.live().first().get_absolute_url()
        listing = Tag.objects.first().get_absolute_url()
        signs = ["", "+", " ", " +"]  # with the zeros after them, int() reads each as 1
        cases = {
            "article, ?utm=<random>": [
                f"{article}?utm={secrets.token_hex(8)}" for _ in range(REQUESTS)
            ],
            "listing, ?page=1 spelled anew": [
                f"{listing}?page={signs[n % len(signs)]}{'0' * (n // len(signs))}1"
                for n in range(REQUESTS)
            ],
            "search, ?q=<random word>": [
                f"/search/?q={secrets.token_hex(4)}" for _ in range(REQUESTS)
            ],
        }
        client = Client()
        results = {name: measure(client, redis, urls) for name, urls in cases.items()}
        for key in redis.scan_iter(match=f"{PREFIX}:*", count=1000):
            redis.delete(key)
    for name, result in results.items():
        print(
            f"{name:32} {REQUESTS} requests → {result['entries']} entries, "
            f"{result['bytes'] / 1024:.0f} KB in Redis; this process keeps "
            f"{result['local_entries']} entries, {result['local_bytes'] / 2**20:.1f} MB "
            f"(answers {result['statuses']})"
        )
    bounded = all(results[name]["entries"] == 1 for name in list(cases)[:2])
    return 0 if bounded else 1


if __name__ == "__main__":
    sys.exit(main())
