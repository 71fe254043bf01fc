"""Drive an import: each item through the writer, a line per item, a progress bar, a summary."""

import itertools
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import reset_queries, transaction

from ..search.index import refreshed_together
from .item import ItemError
from .writer import Outcome

ACTIONS = ("created", "updated", "unchanged", "skipped", "failed")
BAR_WIDTH = 30
BATCH_SIZE = 200  # items per transaction


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def failed(self):
        return self.counts["failed"]

    def line(self):
        counts = ", ".join(f"{self.counts[action]} {action}" for action in self._actions())
        rate = self.total / self.seconds if self.seconds else 0
        items = "item" if self.total == 1 else "items"
        return f"{self.total} {items} in {self.seconds:.1f} s ({rate:.0f}/s): {counts}."

    def _actions(self):
        extra = [action for action in self.counts if action not in ACTIONS]
        return [*ACTIONS[:4], *extra, "failed"]


class Progress:
    """A bar on a terminal; elsewhere (a log, a test) a line at each tenth of the way."""

    def __init__(self, stream, total):
        self.stream = stream
        self.total = total
        self.done = 0
        self.counts = Counter()
        self.started = time.monotonic()
        self.interactive = getattr(stream, "isatty", lambda: False)()
        self._next_tenth = 1

    def advance(self, action):
        self.done += 1
        self.counts[action] += 1
        if self.interactive:
            self._draw()
        elif self.total and self.done * 10 >= self._next_tenth * self.total:
            self._next_tenth = self.done * 10 // self.total + 1
            self.stream.write(self._status() + "\n")

    def above(self, write, *args):
        """Print a line without tearing the bar."""
        if self.interactive:
            self.stream.write("\r\033[K")
        write(*args)
        if self.interactive:
            self._draw()

    def finish(self):
        if self.interactive:
            self.stream.write("\n")

    def _draw(self):
        self.stream.write("\r\033[K" + self._status())
        self.stream.flush()

    def _status(self):
        share = self.done / self.total if self.total else 1
        filled = round(BAR_WIDTH * min(share, 1))
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        counts = " ".join(f"{action} {n}" for action, n in sorted(self.counts.items()))
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        return f"[{bar}] {self.done}/{self.total} {counts} ({rate:.0f}/s)"


def run_import(entries, *, total, writer, report, progress_stream, verbosity=1, keep=None):
    """Write every entry (an ImportItem, or the ItemError it became); return the Summary.

    `report(line, action)` prints a line about one item; `keep(outcome)`, if given, is handed
    every outcome (for the CSV report).
    """
    summary = Summary()
    progress = Progress(progress_stream, total)
    started = time.monotonic()
    try:
        # One transaction per batch (each item a savepoint of its own inside it): a commit
        # per item would cost a disk flush each.
        for batch in itertools.batched(entries, BATCH_SIZE):
            with transaction.atomic(), refreshed_together():
                writer.prepare([entry for entry in batch if not isinstance(entry, ItemError)])
                for entry in batch:
                    outcome = _outcome(entry, writer)
                    if keep is not None:
                        keep(outcome)
                    summary.counts[_counted(outcome.action)] += 1
                    for line in _lines(outcome, verbosity):
                        progress.above(report, line, outcome.action)
                    progress.advance(_counted(outcome.action))
            reset_queries()  # with DEBUG on, Django keeps every query of a long run otherwise
    finally:
        progress.finish()
        summary.seconds = time.monotonic() - started
    return summary


def _outcome(entry, writer):
    if isinstance(entry, ItemError):
        facts = {"source": entry.source, "key": entry.key}
        return Outcome(entry.action, entry.label, reason=entry.reason, facts=facts)
    return writer.write(entry)


def _counted(action):
    return action.removeprefix("would be ")


def _lines(outcome, verbosity):
    quiet = verbosity < 1 or (outcome.action == "unchanged" and verbosity < 2)
    if quiet and outcome.action != "failed":
        return []
    detail = f" — {outcome.reason}" if outcome.reason else ""
    where = f" → {outcome.url}" if outcome.url and outcome.action != "failed" else ""
    lines = [f"{outcome.action:<9} {outcome.label}{where}{detail}"]
    if outcome.hidden:
        lines.append(f"          hidden: {outcome.hidden}")
    lines += [f"          note: {warning}" for warning in outcome.warnings]
    return lines
