"""Which sending processes are alive, and taking back what a dead one held.

Every process that sends registers a heartbeat row and beats it every BEAT_SECONDS from a
thread of its own, on the database's clock (so machines whose clocks differ still agree). The
deliveries a process claims stay its own while its beats come; once they have stopped for
STALE_AFTER, any other worker's sweep (`tasks.take_back_stalled`, run from that worker's
heartbeat thread) gives them back to pending, fails the task it was running (django-tasks-db
would leave it RUNNING for ever) and queues the campaign again. A process killed with
`kill -9` is thus replaced within seconds, with no timer to set up.

A sweeper sweeps only after its own beats have come steadily for STALE_AFTER: after a database
outage every worker's beats look old, and the first one back must give the others time to
beat again before it takes anything of theirs.
"""

import itertools
import logging
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager, suppress
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connection, connections
from django.db.models import Subquery
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import Campaign, Delivery, WorkerHeartbeat

BEAT_SECONDS = 2.0
STALE_AFTER = timedelta(seconds=10)
FORGET_AFTER = timedelta(days=1)  # heartbeat rows of killed workers are kept this long
# A sender hands a message's end to the mail server only with a beat this recent, well inside
# STALE_AFTER: no sweeper can have taken its claim back by then.
FRESH_SECONDS = 5.0
DATABASE_RETRY_SECONDS = (0.2, 0.5, 1, 2, 5)

logger = logging.getLogger(__name__)
stopping = threading.Event()  # set when the worker is asked to stop: sends end after the batch
_current = None


class WorkerLost(Exception):
    """The worker running this task stopped beating: it was killed, or lost its machine."""


class Heartbeat:
    """This process's heartbeat row, and the thread that beats it."""

    def __init__(self, worker_id=None):
        self.worker_id = worker_id or uuid.uuid4().hex
        self.last_beat = None  # time.monotonic() of the last beat the database took
        self.steady_since = None
        self._stop = threading.Event()
        self._thread = None

    def register(self):
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "beat_at": Now()},
        )
        self._beaten()

    def beat(self):
        """Tell the database this process is alive; register again if the row went away."""
        if not WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(beat_at=Now()):
            self.register()
        self._beaten()

    def _beaten(self):
        now = time.monotonic()
        self.steady_since = self.steady_since or now
        self.last_beat = now

    def ensure_fresh(self):
        """Beat now unless a beat came lately; DatabaseError if the database is not there."""
        if self.last_beat is None or time.monotonic() - self.last_beat > FRESH_SECONDS / 2:
            self.beat()

    @property
    def steady(self):
        """Whether beats have come without a break for STALE_AFTER."""
        since = self.steady_since
        return since is not None and time.monotonic() - since >= STALE_AFTER.total_seconds()

    def start(self, sweep=None):
        """Register, then beat from a thread until `stop()`, calling `sweep()` once steady."""
        self.register()
        self._thread = threading.Thread(
            target=self._run, args=(sweep,), name="heartbeat", daemon=True
        )
        self._thread.start()

    def _run(self, sweep):
        while not self._stop.wait(BEAT_SECONDS):
            try:
                close_old_connections()
                self.beat()
                if sweep is not None and self.steady:
                    sweep()
            except DatabaseError as error:
                self.steady_since = None
                logger.warning("Worker %s could not beat: %s", self.worker_id, error)
                close_quietly()
            except Exception:  # a failed sweep must not stop the beats that keep our claims
                logger.exception("Worker %s: sweeping failed", self.worker_id)
        connections.close_all()

    def stop(self):
        """Stop beating and remove the row: nothing of ours is left to take back."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=BEAT_SECONDS * 5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            close_quietly()  # it will go stale instead


def current():
    return _current


@contextmanager
def running(heartbeat):
    """Make `heartbeat` this process's own for the duration (the worker's, or a command's)."""
    global _current
    previous, _current = _current, heartbeat
    try:
        yield heartbeat
    finally:
        _current = previous


@contextmanager
def beating():
    """This process's heartbeat, or one registered for this send only (beaten as it goes)."""
    if _current is not None:
        yield _current
        return
    heartbeat = Heartbeat()
    heartbeat.register()
    with running(heartbeat):
        try:
            yield heartbeat
        finally:
            heartbeat.stop()


def live_workers():
    return WorkerHeartbeat.objects.filter(beat_at__gte=Now() - STALE_AFTER)


def forget_dead_workers():
    """Delete the rows of workers silent for a day (a killed worker never deletes its own)."""
    return WorkerHeartbeat.objects.filter(beat_at__lt=Now() - FORGET_AFTER).delete()[0]


def release_stalled_deliveries():
    """Give the deliveries claimed by workers that stopped beating back to pending.

    Returns how many, and the campaigns they belong to.
    """
    stalled = Delivery.objects.filter(
        status=Delivery.Status.SENDING, campaign__status=Campaign.Status.SENDING
    ).exclude(claimed_by__in=Subquery(live_workers().values("worker_id")))
    campaigns = set(stalled.values_list("campaign_id", flat=True).distinct())
    # Due by the clock claims compare with (this process's), not the database's.
    released = stalled.update(
        status=Delivery.Status.PENDING, claimed_by="", next_attempt_at=timezone.now()
    )
    return released, campaigns


def fail_lost_tasks():
    """Mark tasks whose worker stopped beating as failed; return those tasks."""
    live = set(live_workers().values_list("worker_id", flat=True))
    lost = [
        result
        for result in DBTaskResult.objects.running()
        if not (result.worker_ids and result.worker_ids[-1] in live)
    ]
    for result in lost:
        worker = result.worker_ids[-1] if result.worker_ids else "unknown"
        result.set_failed(WorkerLost(f"Worker {worker} stopped beating while running this task."))
    return lost


def close_quietly():
    """Drop this thread's connection, which may already be broken."""
    with suppress(DatabaseError):
        connection.close()


def wait_for_database(should_stop=None):
    """Reconnect, waiting a little longer after each failure; False if told to stop first."""
    for attempt in itertools.count():
        close_quietly()
        try:
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return True
        except DatabaseError as error:
            if attempt == 0:
                logger.warning("Database unreachable (%s); waiting for it", error)
        if should_stop is not None and should_stop():
            return False
        time.sleep(DATABASE_RETRY_SECONDS[min(attempt, len(DATABASE_RETRY_SECONDS) - 1)])
    return False
