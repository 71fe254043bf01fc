"""django-tasks-db's `db_worker`, with a heartbeat, a sweep, and a way through database outages.

django-tasks-db 0.13 leaves the task of a killed worker RUNNING for ever and exits on any
database error other than a locked SQLite file (its issues #5 and #49). This worker keeps its
loop, its options and its task handling, and adds three things:

- a heartbeat thread (`newsletter.workers`) that beats every few seconds and, once steady,
  takes back what workers that stopped beating held (`newsletter.tasks.take_back_stalled`):
  their claimed deliveries, their RUNNING tasks, their campaigns, queued again;
- a lost database connection, while polling or while recording a task's result, is waited
  out: the worker reconnects with a growing pause and goes on (a send in progress does the
  same inside its own loop, see `newsletter.sending`);
- asked to stop (SIGTERM, Ctrl-C), a send ends after its current batch and queues the rest,
  instead of holding the stop for as long as the campaign takes.
"""

import logging

from django.db import DatabaseError
from django_tasks_db.management.commands import db_worker

from newsletter import tasks, workers

logger = logging.getLogger(__name__)
RESULT_FIELDS = ["status", "return_value", "finished_at", "exception_class_path", "traceback"]


class Worker(db_worker.Worker):
    def run(self):
        heartbeat = workers.Heartbeat(self.worker_id)
        workers.stopping.clear()
        heartbeat.start(sweep=tasks.take_back_stalled)
        try:
            with workers.running(heartbeat):
                self.run_through_outages()
        finally:
            heartbeat.stop()

    def run_through_outages(self):
        while self.running:
            try:
                return super().run()
            except DatabaseError as error:
                logger.warning("Worker %s lost the database: %s", self.worker_id, error)
                self.startup_delay = False
                if not workers.wait_for_database(lambda: not self.running):
                    return None
        return None

    def run_task(self, db_task_result):
        try:
            super().run_task(db_task_result)
        except DatabaseError as error:
            # The task ran; its result could not be written. Write it once the database is back.
            logger.warning("Worker %s lost the database saving a result: %s", self.worker_id, error)
            if workers.wait_for_database(lambda: not self.running):
                db_task_result.save(update_fields=RESULT_FIELDS)
                resume_if_sending(db_task_result)

    def shutdown(self, signum, frame):
        workers.stopping.set()
        super().shutdown(signum, frame)


def resume_if_sending(db_task_result):
    """A send whose end could not be recorded may have stopped early: queue it again."""
    if db_task_result.task_path == tasks.send_campaign.module_path:
        tasks.send_campaign.enqueue(*db_task_result.args_kwargs["args"])


class Command(db_worker.Command):
    help = (
        "Run the background worker: django-tasks-db's db_worker, with a heartbeat that takes "
        "back the work of stopped workers within seconds, and that outlives database outages."
    )

    def handle(self, **options):
        # django-tasks-db builds its Worker by name from this module's namespace.
        original, db_worker.Worker = db_worker.Worker, Worker
        try:
            super().handle(**options)
        finally:
            db_worker.Worker = original
