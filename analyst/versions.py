"""Versions of what pages show, so that an edit makes stale only the pages that showed it.

A kept page or fragment remembers the versions of what it showed when it was built: names such
as "article:12", "issue:3", "listings" or "site" (every page shows the site-wide pieces). An edit
bumps the versions of what it changed once it is committed; a kept copy whose versions are no
longer all current is stale and is built again. Everything else stays kept.

Versions are values of one counter in the shared cache, so a bump is always greater than any
version read before it. A copy built by a request is kept only if nothing it showed was bumped
after the request began: that edit may have landed between the request's reads.
"""

import contextvars
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .localcache import LocalStore

SITE = "site"
CLOCK = "clock"
KEY_PREFIX = "version:"
# A version outlives every copy kept with it; one the cache forgot starts again at the clock's
# value, which no older copy can match.
KEPT_FOR = 24 * 60 * 60
# Each process reuses the versions it read for CONTENT_VERSION_SECONDS: an edit shows at once
# in the process that made it, and in the others within that time.
remembered = LocalStore(max_entries=50_000)
_recordings = contextvars.ContextVar("recordings", default=())


def name_of(instance):
    """The version name of a model instance: "article:12"."""
    return f"{instance._meta.model_name}:{instance.pk}"


def clock():
    """The counter's value now: the start of a request, for `keepable`."""
    return current([CLOCK])[CLOCK]


def current(names):
    """{name: its current version}, from this process's memory or the shared cache."""
    found = {name: remembered.get(name) for name in names}
    missing = [name for name, version in found.items() if version is None]
    if missing:
        shared = cache.get_many([KEY_PREFIX + name for name in missing])
        for name in missing:
            version = shared.get(KEY_PREFIX + name) or _first_version(name)
            remembered.set(name, version, settings.CONTENT_VERSION_SECONDS)
            found[name] = version
    return found


def _first_version(name):
    """The version of a name never bumped (or evicted from the cache): the clock's value now.

    No copy kept before its last bump can match it; the clock itself starts at the time in
    nanoseconds, so that it never goes back, even after the cache was emptied.
    """
    version = cache.get(KEY_PREFIX + CLOCK) if name != CLOCK else None
    if version is None:
        version = time.time_ns()
        cache.add(KEY_PREFIX + CLOCK, version, timeout=KEPT_FOR)
    cache.add(KEY_PREFIX + name, version, timeout=KEPT_FOR)
    return cache.get(KEY_PREFIX + name, version)


def is_current(shown):
    """Whether every version in `shown` ({name: version}) is still the current one."""
    return current(shown) == shown


def keepable(names, began):
    """{name: version} for a copy showing `names`, or None if one changed after `began`."""
    versions = current(names)
    return None if max(versions.values(), default=0) > began else versions


def bump(*names):
    """Make every kept copy that showed one of `names` stale, once the change is committed."""
    names = set(names)
    transaction.on_commit(lambda: _bump_now(names))


def _bump_now(names):
    try:
        version = cache.incr(KEY_PREFIX + CLOCK)  # atomic: no two bumps get the same version
    except ValueError:  # no clock yet: a new (or emptied) cache
        version = time.time_ns()
        cache.set(KEY_PREFIX + CLOCK, version, timeout=KEPT_FOR)
    cache.set_many({KEY_PREFIX + name: version for name in names}, timeout=KEPT_FOR)
    for name in (*names, CLOCK):
        remembered.set(name, version, settings.CONTENT_VERSION_SECONDS)


class recording:
    """`with recording() as shown:` collects in `shown` the names of what is shown meanwhile."""

    def __enter__(self):
        self.shown = {SITE}
        self.token = _recordings.set((*_recordings.get(), self.shown))
        return self.shown

    def __exit__(self, *exc_info):
        _recordings.reset(self.token)


def shows(*things):
    """Say that what is being built shows these model instances or names."""
    recordings = _recordings.get()
    if not recordings:
        return
    names = [thing if isinstance(thing, str) else name_of(thing) for thing in things]
    for shown in recordings:
        shown.update(names)
