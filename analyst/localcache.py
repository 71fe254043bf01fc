"""A small store in each process's memory, in front of the shared cache."""

import time
from collections import OrderedDict
from threading import Lock


class LocalStore:
    """A bounded least-recently-used store in this process's memory, with expiry times."""

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self.entries = OrderedDict()
        self.lock = Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            value, expires_at = entry
            if expires_at <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return value

    def set(self, key, value, timeout):
        with self.lock:
            self.entries[key] = (value, time.time() + timeout)
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()
