"""A small store in each process's memory, in front of the shared cache."""

import time
from collections import OrderedDict
from threading import Lock


class LocalStore:
    """A bounded least-recently-used store in this process's memory, with expiry times.

    It holds at most `max_entries` values and, when `max_bytes` is given, values whose sizes (as
    told to set()) add up to at most that: the least recently used go first.
    """

    def __init__(self, max_entries, max_bytes=None):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.size = 0
        self.lock = Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            value, expires_at, _ = entry
            if expires_at <= time.time():
                self._remove(key)
                return None
            self.entries.move_to_end(key)
            return value

    def set(self, key, value, timeout, size=0):
        with self.lock:
            if key in self.entries:
                self._remove(key)
            if self.max_bytes is not None and size > self.max_bytes:
                return
            self.entries[key] = (value, time.time() + timeout, size)
            self.size += size
            while len(self.entries) > self.max_entries or self._over_size():
                self._remove(next(iter(self.entries)))

    def _over_size(self):
        return self.max_bytes is not None and self.size > self.max_bytes

    def _remove(self, key):
        _, _, size = self.entries.pop(key)
        self.size -= size

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0
