"""Whole public pages for anonymous readers, from the shared cache.

A view opts in with `@public_page`. Its response is cached for readers who carry no session
cookie, keyed by the address with only the query parameters the page reads (see pagekeys), in
the shared cache and in a small store in each process's memory, both bounded (a cap on one
page; entries and bytes in each process; Redis's own maxmemory), with the versions of what the
page showed (see versions): an edit makes stale only the pages that showed what it changed,
once it is committed. The apps say which changes those are (`forget`, from signals connected
in their ready(); `forget_pages_on_change` for site-wide models, whose changes make every page
stale). Content scheduled to go public ends the cached pages' lifetime at that moment: the apps
say when that is (`watch_schedule`).
Responses that set a cookie, vary on the cookie (the session was touched), use a CSRF token, are
not 200, or say `private`/`no-store` are never stored.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import pagekeys, versions
from .localcache import LocalStore

# The most read pages stay in each process as well: a reader's page then costs at most one
# shared-cache lookup, whatever the page's size.
local_pages = LocalStore(
    max_entries=settings.PAGE_CACHE_LOCAL_ENTRIES, max_bytes=settings.PAGE_CACHE_LOCAL_MB * 2**20
)
NEXT_CHANGE_KEY = "pagecache:next-change"
STORED_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")
# A stored page is (status, headers, content, the time it expires, the versions it showed).
CONTENT, EXPIRES, SHOWN = 2, 3, 4
# Callables that each say when the next scheduled content goes public (or None).
_schedules = []


def public_page(view, *, query_parameters=None, page_kwarg=None, shows=()):
    """Mark a view as a public page that anonymous readers may get from the cache.

    The page is kept once per address and the query parameters it reads (see pagekeys);
    `query_parameters` and `page_kwarg` name them for a view that does not say itself.
    `shows` names what the page shows beyond the objects its view declares (versions.shows),
    such as the version of every listing.
    """
    parameters = pagekeys.query_parameters(view, query_parameters, page_kwarg)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        pagekeys.keep_only(request, parameters)
        key = page_key(request)
        cached = kept_page(key)
        if cached is not None:
            return rebuild(cached)
        began = versions.clock()
        with versions.recording() as shown:
            versions.shows(*shows)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        store(key, response, request, versions.keepable(shown, began))
        return response

    return wrapper


def kept_page(key):
    """The page stored under `key`, from this process or else from the shared cache, if what it
    showed has not changed since.

    Answering from the cache asks nothing of the database, so kept pages are served while it is
    down: a page from the shared cache stays in this process until the moment stored with it.
    """
    cached = local_pages.get(key)
    if cached is None:
        cached = cache.get(key)
        if not is_stored_page(cached):
            return None
        keep_locally(key, cached, cached[EXPIRES] - time.time())
    return cached if versions.is_current(cached[SHOWN]) else None


def keep_locally(key, cached, timeout):
    local_pages.set(key, cached, timeout, size=len(cached[CONTENT]))


def is_small_enough(response):
    """Whether the page fits the cache's cap on one page; a larger one is built each time."""
    return len(response.content) <= settings.PAGE_CACHE_PAGE_MAX_KB * 1024


def is_stored_page(cached):
    """Whether `cached` is a page as store() keeps it (an older release kept other shapes)."""
    return isinstance(cached, tuple) and len(cached) == 5


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def page_key(request):
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{request.get_host()}:{address}"


def forget(*names):
    """Make the cached pages that showed `names` stale once the change being made is committed.

    Not before: a request served between the change and its commit would read the old content
    and could keep it as current.
    """
    versions.bump(*names)
    transaction.on_commit(lambda: cache.delete(NEXT_CHANGE_KEY))


def forget_pages(**kwargs):
    """Make every cached page stale once the change being made is committed."""
    forget(versions.SITE)


def forget_pages_on_change(*models, relations=()):
    """Forget every cached page whenever one of `models`, or a many-to-many relation, changes.

    For site-wide content, which every page shows. Changes made with QuerySet.update() send no
    signal: call forget_pages() after them.
    """
    for model in models:
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(forget_pages, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(forget_pages, sender=model, dispatch_uid=f"{uid}-delete")
    for through in relations:
        uid = f"pagecache-{through._meta.label}"
        m2m_changed.connect(forget_pages, sender=through, dispatch_uid=f"{uid}-m2m")


def is_storable(response, request):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cookie" not in response.get("Vary", "")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (hasattr(request, "session") and request.session.accessed)
    )


def store(key, response, request, shown):
    """Keep the response with the versions of what it showed (None: it changed meanwhile)."""
    if shown is None or not (is_storable(response, request) and is_small_enough(response)):
        return
    timeout = lifetime(settings.PAGE_CACHE_SECONDS)
    if timeout <= 0:
        return
    headers = {name: response[name] for name in STORED_HEADERS if name in response}
    cached = (response.status_code, headers, response.content, time.time() + timeout, shown)
    cache.set(key, cached, timeout=timeout)
    keep_locally(key, cached, timeout)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


def lifetime(limit):
    """Seconds, at most `limit`, that content may stay cached: not past the next scheduled one."""
    if limit <= 0:
        return 0
    next_change = cache.get(NEXT_CHANGE_KEY)
    if next_change is None:
        moment = next_scheduled_change()
        next_change = moment.timestamp() if moment else float("inf")
        cache.set(NEXT_CHANGE_KEY, next_change, timeout=limit)
    return int(min(limit, next_change - time.time()))


def watch_schedule(next_change):
    """Let cached pages live no longer than `next_change()`, the next time content goes public."""
    if next_change not in _schedules:
        _schedules.append(next_change)


def next_scheduled_change():
    """When the next scheduled content goes public, if any is waiting."""
    return min(filter(None, (next_change() for next_change in _schedules)), default=None)


def rebuild(cached):
    status, headers, content, *_ = cached
    response = HttpResponse(content, status=status, headers=headers)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response
