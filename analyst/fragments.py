"""Rendered pieces of pages and the rows behind them, kept in each process's memory for the
current content version.

Every page repeats the same masthead, navigation, sidebar and footer, and an article page the
same article whatever its read count. `{% fragment "name" vary… %}…{% endfragment %}` renders its
contents once per process and content version (see pagecache) and reuses the HTML, so a page the
page cache does not answer (a signed-in editor, a first reader) costs little more than its one
query. An edit anywhere changes the version, which makes every kept fragment unreachable; the
next scheduled publication ends their lifetime, as it does the page cache's.
"""

from django.conf import settings

from .localcache import LocalStore
from .pagecache import lifetime, request_content_version

store = LocalStore(max_entries=settings.FRAGMENT_CACHE_ENTRIES)


def remember(request, key, compute):
    """The value kept under `key` for the current content version, or `compute()`'s, then kept.

    A value of None is not kept: a page that answers 404 is asked again next time.
    """
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return compute()
    versioned = (request_content_version(request), *key)
    value = store.get(versioned)
    if value is None:
        value = compute()
        timeout = lifetime(settings.FRAGMENT_CACHE_SECONDS)
        if value is not None and timeout > 0:
            store.set(versioned, value, timeout)
    return value


def render_fragment(context, name, vary, render):
    """The HTML of a fragment: kept, or rendered by `render()` and kept (never in a preview)."""
    if context.get("preview"):
        return render()
    return remember(context.get("request"), ("fragment", name, *vary), render)
