"""Fault test: kill the worker and cut its database connections during a big send.

    .venv/bin/python bench/send_faults.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/analyst_faults \\
        RECIPIENTS=5000 FAULTS=20 .venv/bin/python bench/send_faults.py

A PostgreSQL database (`BENCH_DATABASE_URL`, created if missing; its subscribers and
campaigns are deleted first) gets the demo issue and RECIPIENTS confirmed subscribers, and a
campaign is queued as the admin queues it. `manage.py db_worker` sends it to an aiosmtpd
server in this process, which counts every message each address receives. This script is
the worker's supervisor (as systemd's `Restart=always`): whenever the worker exits it starts a
new one. During the send it injects FAULTS kills (`kill -9` of the worker) and FAULTS cuts
(`pg_terminate_backend` of every database connection but its own), spread evenly over the
send, each at a moment the worker is in the middle of a message: half while the server holds
the answer to a message it has just taken (the moment a kill could double a message), half
between the recipient and the message's end (the moment one could lose it).

With WORKERS=2 (or more) that many workers send the campaign together, each under a supervisor
of its own, and the kills take them in turn; with FAULTS=0 nothing is injected, which shows
several workers sharing one campaign without a duplicate.

It ends when the campaign is marked sent (or after TIMEOUT seconds), and reports counts:
recipients, messages received, addresses with exactly one, duplicates, missing; the faults
injected, the worker's restarts, and the exits the script did not cause (a worker must
outlive a cut connection). It exits non-zero unless every subscriber got exactly one message.
The results go to bench/results/send_faults.json, the workers' log beside it.
"""

import collections
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/analyst_send_faults"
)
RECIPIENTS = int(os.environ.get("RECIPIENTS", "5000"))
FAULTS = int(os.environ.get("FAULTS", "20"))  # this many kills, and this many cuts
TIMEOUT = float(os.environ.get("TIMEOUT", "1800"))
SINK_PORT = int(os.environ.get("SINK_PORT", "0"))
WORKERS = int(os.environ.get("WORKERS", "1"))  # workers sending the campaign together


class FaultySink:
    """An SMTP server that counts what each address receives and injects faults on cue."""

    def __init__(self, faults):
        self.faults = faults  # [(after how many messages, kind, where)], in order
        self.received = collections.Counter()
        self.total = 0
        self.injected = collections.Counter()

    def due(self, where):
        if self.faults and self.faults[0][0] <= self.total and self.faults[0][2] == where:
            return self.faults.pop(0)[1]
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        self.inject(self.due("rcpt"))  # the message's end not yet sent
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            self.received[address] += 1
        self.total += 1
        self.inject(self.due("data"))  # taken, and the worker waits for this answer
        return "250 2.0.0 Accepted"

    def inject(self, kind):
        if kind is not None:
            self.injected[kind] += 1
            FAULT_ACTIONS[kind]()


class Supervisor:
    """Keep one worker running, as systemd does; kill it on request."""

    def __init__(self, env, log):
        self.env, self.log = env, log
        self.process = None
        self.starts = 0
        self.kills_asked = 0
        self.unexpected_exits = []
        self.stopping = False
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.keep_running, daemon=True)

    def start(self):
        self.spawn()
        self.thread.start()

    def spawn(self):
        with self.lock:
            self.starts += 1
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
                env=self.env,
                cwd=ROOT,
                stdout=self.log,
                stderr=subprocess.STDOUT,
            )

    def keep_running(self):
        while not self.stopping:
            status = self.process.wait()
            if self.stopping:
                return
            if status != -signal.SIGKILL:
                self.unexpected_exits.append(status)
            time.sleep(0.2)  # RestartSec
            self.spawn()

    def kill(self):
        with self.lock:
            self.kills_asked += 1
            os.kill(self.process.pid, signal.SIGKILL)

    def stop(self):
        self.stopping = True
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def ensure_database():
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    with psycopg.connect(with_database(DATABASE_URL, "postgres"), autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def cut_connections(database, own):
    """Terminate every connection to the database except this script's own."""
    database.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> ALL(%s)",
        [own],
    )


FAULT_ACTIONS = {}


def fault_plan(recipients, faults):
    """Kills and cuts taking turns, evenly spread, half at DATA and half at RCPT."""
    count = 2 * faults
    step = recipients / (count + 1)
    kinds = ["kill", "cut"]
    places = ["data", "data", "rcpt", "rcpt"]
    return [(round(step * (n + 1)), kinds[n % 2], places[n % 4]) for n in range(count)]


def worker_env(port):
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "localhost",
    }


def prepare(env):
    """In a child process: the demo issue, RECIPIENTS subscribers, a campaign queued to send."""
    output = subprocess.run(
        [sys.executable, __file__, "prepare", str(RECIPIENTS)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])["campaign"]


def campaign_status(database, campaign_id):
    row = database.execute(
        "SELECT status FROM newsletter_campaign WHERE id = %s", [campaign_id]
    ).fetchone()
    return row[0] if row else None


def wait_until_sent(database, campaign_id):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if campaign_status(database, campaign_id) == "sent":
            return True
        time.sleep(0.5)
    return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def report(sink, supervisors, finished, seconds, addresses):
    counts = [sink.received.get(address, 0) for address in addresses]
    result = {
        "recipients": len(addresses),
        "messages received": sink.total,
        "exactly one": sum(1 for count in counts if count == 1),
        "duplicates": sum(count - 1 for count in counts if count > 1),
        "missing": sum(1 for count in counts if count == 0),
        "kills": sink.injected["kill"],
        "connection cuts": sink.injected["cut"],
        "workers": len(supervisors),
        "worker starts": sum(supervisor.starts for supervisor in supervisors),
        "worker exits not caused by a kill": sum(
            len(supervisor.unexpected_exits) for supervisor in supervisors
        ),
        "campaign finished": finished,
        "seconds": round(seconds, 1),
    }
    width = max(map(len, result))
    for name, value in result.items():
        print(f"{name:>{width}}  {value}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "send_faults.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def main():
    from aiosmtpd.controller import Controller

    ensure_database()
    port = SINK_PORT or free_port()
    env = worker_env(port)
    campaign_id = prepare(env)
    database = psycopg.connect(DATABASE_URL, autocommit=True)
    faults_connection = psycopg.connect(DATABASE_URL, autocommit=True)
    addresses = [
        row[0]
        for row in database.execute(
            "SELECT email FROM newsletter_subscriber WHERE status = 'confirmed'"
        )
    ]
    sink = FaultySink(fault_plan(len(addresses), FAULTS))
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / "send_faults-workers.log").open("w")
    supervisors = [Supervisor(env, log) for _ in range(WORKERS)]
    kills = itertools.cycle(supervisors)
    own = [database.info.backend_pid, faults_connection.info.backend_pid]
    FAULT_ACTIONS.update(
        kill=lambda: next(kills).kill(), cut=lambda: cut_connections(faults_connection, own)
    )
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    started = time.monotonic()
    for supervisor in supervisors:
        supervisor.start()
    try:
        finished = wait_until_sent(database, campaign_id)
    finally:
        for supervisor in supervisors:
            supervisor.stop()
        controller.stop()
    result = report(sink, supervisors, finished, time.monotonic() - started, addresses)
    ok = finished and result["exactly one"] == result["recipients"]
    sys.exit(0 if ok and not result["worker exits not caused by a kill"] else 1)


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")
    import django

    django.setup()


def prepare_in_child(size):
    """Migrate, load the demo, make `size` confirmed subscribers, and queue the campaign."""
    setup_django()
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    call_command("migrate", verbosity=0)
    from articles.demo.loader import load_demo
    from articles.models import Issue
    from newsletter import tasks
    from newsletter.models import Campaign, Subscriber

    load_demo()
    DBTaskResult.objects.all().delete()
    Campaign.objects.all().delete()
    Subscriber.objects.all().delete()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{n}@faults.example.org",
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(size)
        ),
        batch_size=2000,
    )
    campaign = Campaign.objects.create(
        issue=Issue.objects.published().first(), subject="Fault test issue"
    )
    tasks.start_sending(campaign, by=None)
    print(json.dumps({"campaign": campaign.pk}))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "prepare":
        prepare_in_child(int(sys.argv[2]))
    else:
        main()
