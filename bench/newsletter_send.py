"""Benchmark: send a campaign to 1,000 and 10,000 subscribers through a local SMTP sink.

    .venv/bin/python bench/newsletter_send.py            # SQLite files in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/analyst_bench \\
        .venv/bin/python bench/newsletter_send.py        # or any database: its subscribers
                                                         # and campaigns are deleted!

For each size, a fresh database gets the demo issue and N confirmed subscribers; then a worker
process sends the campaign, exactly as `manage.py send_campaign` does, to an aiosmtpd server in
this process that counts what it accepts. Then, against the same sink, a bare loop builds each
reader's message and sends it over one connection, with none of the sending's bookkeeping: the
mail server's limit as seen from here. Reported: messages per second of the send, the worker's
peak memory (its maximum resident set size, from the operating system), which must not grow
with the number of subscribers, and the send's rate as a share of the bare loop's.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000)


class CountingSink:
    def __init__(self):
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):
        self.accepted += len(envelope.rcpt_tos)
        return "250 2.0.0 Accepted"


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_child(mode, env, *args):
    """Run this script in `mode` in a new process; return its JSON answer and peak RSS in MB."""
    process = subprocess.Popen(
        [sys.executable, __file__, mode, *map(str, args)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{mode} failed with status {status}")
    return json.loads(output.decode().strip().splitlines()[-1]), usage.ru_maxrss / 1024


def bench(size, port, workdir):
    env = {
        **os.environ,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        # As in production: with DEBUG on, Django keeps the last 9,000 queries in memory.
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "localhost",
    }
    if "DATABASE_URL" not in os.environ:
        env["DATABASE_URL"] = f"sqlite:///{workdir}/bench-{size}.sqlite3"
    prepared, _ = run_child("prepare", env, size)
    result, peak_mb = run_child("send", env, prepared["campaign"])
    bare, _ = run_child("bare", env, prepared["campaign"])
    return result, peak_mb, bare


def main():
    from aiosmtpd.controller import Controller

    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    print(
        f"{'subscribers':>12} {'sent':>7} {'seconds':>8} {'msg/s':>7} {'worker peak RSS':>16} "
        f"{'bare loop msg/s':>16} {'× bare':>7}"
    )
    try:
        with tempfile.TemporaryDirectory() as workdir:
            for size in SIZES:
                before = sink.accepted
                result, peak_mb, bare = bench(size, port, workdir)
                received = sink.accepted - before
                assert received == result["sent"] + bare["sent"] == 2 * size, (received, size)
                rate = result["sent"] / result["seconds"]
                bare_rate = bare["sent"] / bare["seconds"]
                print(
                    f"{size:>12,} {result['sent']:>7,} {result['seconds']:>8.1f} "
                    f"{rate:>7.0f} {peak_mb:>13.1f} MB {bare_rate:>16.0f} {rate / bare_rate:>7.2f}"
                )
    finally:
        controller.stop()


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")
    import django

    django.setup()


def prepare(size):
    """Load the demo issue and exactly `size` confirmed subscribers (and no other campaign)."""
    setup_django()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from articles.demo.loader import load_demo
    from articles.models import Issue
    from newsletter.models import Campaign, Subscriber

    load_demo()
    Campaign.objects.all().delete()
    Subscriber.objects.all().delete()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{n}@bench.example.org",
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(size)
        ),
        batch_size=2000,
    )
    campaign = Campaign.objects.create(
        issue=Issue.objects.published().first(), subject="Benchmark issue"
    )
    campaign.start_sending(by=None)
    print(json.dumps({"campaign": campaign.pk}))


def send(campaign_id):
    """Be the worker: send the whole campaign, and say how many went out and how fast."""
    setup_django()
    from newsletter import sending
    from newsletter.models import Campaign

    campaign = Campaign.objects.get(pk=campaign_id)
    started = time.perf_counter()
    outcome = sending.send_campaign(campaign)
    seconds = time.perf_counter() - started
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"sent": outcome.counts["sent"], "seconds": seconds, "peak_mb": own_peak}))


def bare(campaign_id):
    """The mail server's own limit from here: build each reader's message and send it over one
    connection, with none of the sending's bookkeeping (claims, attempts, marks, resuming)."""
    setup_django()
    from django.core.mail import mailers

    from newsletter.content import CampaignMessage
    from newsletter.models import Campaign, Subscriber

    message = CampaignMessage(Campaign.objects.get(pk=campaign_id))
    readers = list(Subscriber.objects.confirmed().values_list("pk", "email"))
    mailer = mailers.default
    started = time.perf_counter()
    with mailer:
        for pk, address in readers:
            mailer.send_messages([message.for_subscriber(pk, address)])
    seconds = time.perf_counter() - started
    print(json.dumps({"sent": len(readers), "seconds": seconds}))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "prepare":
        prepare(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "send":
        send(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "bare":
        bare(int(sys.argv[2]))
    else:
        main()
