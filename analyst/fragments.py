"""Rendered pieces of pages and the rows behind them, kept in each process's memory with the
versions of what they showed (see versions).

Every page repeats the same masthead, navigation, sidebar and footer, and an article page the
same article whatever its read count. `{% fragment "name" vary… %}…{% endfragment %}` renders its
contents once per process and reuses the HTML while what it showed is unchanged, so a page the
page cache does not answer (a signed-in editor, a first reader) costs little more than its one
query. An edit makes stale only the pieces that showed what it changed; the next scheduled
publication ends their lifetime, as it does the page cache's.
"""

from django.conf import settings

from . import versions
from .localcache import LocalStore
from .pagecache import lifetime

store = LocalStore(
    max_entries=settings.FRAGMENT_CACHE_ENTRIES, max_bytes=settings.FRAGMENT_CACHE_MB * 2**20
)


def remember(request, key, compute, seconds=None, size=None):
    """The value kept under `key` while what it showed is unchanged, or `compute()`'s, then kept.

    What it showed counts as shown by the page around it too. A value of None is not kept: a
    page that answers 404 is asked again next time. `seconds` keeps it no longer than that, for
    values that change without an edit (read counts). `size(value)` tells how many bytes it
    takes, for FRAGMENT_CACHE_MB; text is measured by its length unless told.
    """
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return compute()
    kept = _current(key)
    if kept is not None:
        versions.shows(*kept[1])
        return kept[0]
    began = versions.clock()
    with versions.recording() as shown:
        value = compute()
    versions.shows(*shown)
    timeout = lifetime(min(settings.FRAGMENT_CACHE_SECONDS, seconds or float("inf")))
    keepable = versions.keepable(shown, began)
    if value is not None and keepable is not None and timeout > 0:
        store.set(key, (value, keepable), timeout, size=(size or _length)(value))
    return value


def remember_each(keys, compute, showing, size=None):
    """{key: value} for each of `keys`, kept while the versions named in `showing` are unchanged,
    the missing ones from one call to `compute(missing keys)`.

    Unlike remember(), the values count as shown by nothing around them: they are rows behind
    a computation whose caller says what its own result shows.
    """
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return compute(keys)
    found = {}
    for key in keys:
        kept = _current(key)
        if kept is not None:
            found[key] = kept[0]
    missing = [key for key in keys if key not in found]
    if not missing:
        return found
    began = versions.clock()
    computed = compute(missing)
    keepable = versions.keepable(showing, began)
    timeout = lifetime(settings.FRAGMENT_CACHE_SECONDS)
    if keepable is not None and timeout > 0:
        for key in missing:
            value = computed[key]
            store.set(key, (value, keepable), timeout, size=(size or _length)(value))
    return found | computed


def _current(key):
    """The (value, versions) kept under `key` while those versions are current, or None."""
    kept = store.get(key)
    return kept if kept is not None and versions.is_current(kept[1]) else None


def _length(value):
    return len(value) if isinstance(value, (str, bytes)) else 0


def render_fragment(context, name, vary, render):
    """The HTML of a fragment: kept, or rendered by `render()` and kept (never in a preview)."""
    if context.get("preview"):
        return render()
    return remember(context.get("request"), ("fragment", name, *vary), render)
