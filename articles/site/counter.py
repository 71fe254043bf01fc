"""The read counter: who counts as a reader, once per half hour, and the atomic increment.

A read is recorded by a small POST the article page sends after it loads (a beacon), so a page
served from a cache still counts and clients that do not run the page (most bots) do not.
Readers are told apart without cookies, by a salted daily hash of address and user agent kept
in the cache for the dedupe window; the salt changes every day, so hashes cannot be linked
across days. Whatever its headers say, one network address adds at most
READS_PER_ADDRESS_PER_HOUR reads to one article in any hour; reads above that are not counted,
and logged.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from analyst.clients import client_address

from ..models import Article, DailyReads

logger = logging.getLogger(__name__)
HOUR = 60 * 60

_PREFETCH_HEADERS = {
    "HTTP_SEC_PURPOSE": "prefetch",
    "HTTP_PURPOSE": "prefetch",
    "HTTP_X_PURPOSE": "preview",
    "HTTP_X_MOZ": "prefetch",
}


def is_reader(request):
    """Whether the request comes from a person's browser actually showing one of our pages."""
    user_agent = request.headers.get("User-Agent", "").strip()
    if not user_agent or CrawlerDetect(user_agent=user_agent).isCrawler():
        return False
    if not comes_from_our_pages(request):
        return False
    return not any(
        marker in request.META.get(header, "").lower()
        for header, marker in _PREFETCH_HEADERS.items()
    )


def comes_from_our_pages(request):
    """Whether the browser says the request was made by one of this site's own pages.

    Browsers send Sec-Fetch-Site (or, older ones, Origin or Referer) by themselves; scripts and
    tools that post to the counter directly usually send neither.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    source = request.headers.get("Origin") or request.headers.get("Referer", "")
    return bool(source) and urlsplit(source).netloc == request.get_host()


def is_first_read(request, article_id, now=None):
    """Remember this reader for the dedupe window; False if they read the article within it."""
    now = timezone.localtime(now)
    window = settings.READ_DEDUPE_SECONDS
    reader = f"{client_address(request)}|{request.headers.get('User-Agent', '')}|{article_id}"
    since_midnight = now - now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Just after midnight, a read from before it was hashed with yesterday's salt.
    yesterday = now.date() - timedelta(days=1)
    if since_midnight < timedelta(seconds=window) and cache.get(_read_key(reader, yesterday)):
        return False
    return cache.add(_read_key(reader, now.date()), 1, timeout=window)


def _read_key(reader, day):
    salt = f"analyst.read-counter.{day.isoformat()}"
    digest = salted_hmac(salt, reader, algorithm="sha256").hexdigest()
    return f"read:{digest}"


def within_address_limit(request, article_id):
    """Take one of the address's reads of the article for an hour; False once all are taken.

    Each read counted holds one of READS_PER_ADDRESS_PER_HOUR slots in the cache for exactly an
    hour, taken with an atomic add: so no hour, however it is cut, counts more from one address,
    and readers at the same moment cannot take one slot twice.
    """
    address = client_address(request)
    source = salted_hmac(
        "analyst.read-counter.address", f"{address}|{article_id}", algorithm="sha256"
    ).hexdigest()
    slots = [f"reads-from:{source}:{slot}" for slot in range(settings.READS_PER_ADDRESS_PER_HOUR)]
    taken = cache.get_many(slots)
    if any(cache.add(slot, 1, timeout=HOUR) for slot in slots if slot not in taken):
        return True
    if cache.add(f"reads-from:{source}:logged", 1, timeout=HOUR):
        logger.warning(
            "Reads of article %s from %s are not counted: more than %s in an hour.",
            article_id,
            address,
            settings.READS_PER_ADDRESS_PER_HOUR,
        )
    return False


def record_read(article_id, now=None):
    """Add one read to the article and to its day, atomically; return the new total."""
    today = timezone.localdate(now)
    with transaction.atomic():
        updated = Article.objects.filter(pk=article_id).update(read_count=F("read_count") + 1)
        if not updated:
            return None
        _add_daily_read(article_id, today)
        return Article.objects.values_list("read_count", flat=True).get(pk=article_id)


def current_count(article_id):
    """The article's read count as it stands now (one indexed lookup, no model)."""
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT read_count FROM {table} WHERE id = %s", [article_id])
        row = cursor.fetchone()
    return row[0] if row else 0


def _add_daily_read(article_id, day):
    table = connection.ops.quote_name(DailyReads._meta.db_table)
    count = connection.ops.quote_name("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, date, {count}) VALUES (%s, %s, 1) "
            f"ON CONFLICT (article_id, date) DO UPDATE SET {count} = {table}.{count} + 1",
            [article_id, day],
        )
