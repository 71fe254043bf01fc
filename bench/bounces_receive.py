"""Benchmark: the flood of reports after a campaign, through `receive_bounces`' SMTP server.

    .venv/bin/python bench/bounces_receive.py              # SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/analyst_bounces_bench \\
        .venv/bin/python bench/bounces_receive.py          # any database: its subscribers,
                                                           # campaigns and reports are deleted!

A campaign is recorded as sent to REPORTS (2,000) subscribers; then one report per delivery —
hard, soft and delayed DSNs and ARF complaints in turn — goes over one SMTP connection to our
bounce server, and the same messages to a bare aiosmtpd server that takes them without reading
them, in the same run. Reported: reports per second of each and their ratio (what reading and
recording costs), and a check that every report was recorded once and every reader's state is
what its report asks. Results in bench/results/bounces_receive.json.
"""

import json
import os
import smtplib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = int(os.environ.get("REPORTS", "2000"))
KINDS = ("hard", "soft", "delayed", "complaint")
EXPECTED = {
    "hard": "suspended",
    "soft": "confirmed",
    "delayed": "confirmed",
    "complaint": "unsubscribed",
}


def set_up_django(workdir):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bounces.sqlite3")
    os.environ.update({"DEBUG": "false", "LOG_LEVEL": "ERROR", "ALLOWED_HOSTS": "localhost"})
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + os.urandom(16).hex())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sent_campaign(size):
    """A campaign marked sent to `size` new readers; [(address, return path)] in order."""
    from django.utils import timezone

    from articles.models import Issue
    from newsletter import returnpath
    from newsletter.models import Campaign, Delivery, Subscriber

    Campaign.objects.all().delete()
    Subscriber.objects.all().delete()
    now = timezone.now()
    readers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", status="confirmed", confirmed_at=now)
        for n in range(size)
    )
    issue = Issue.objects.order_by("-date").first() or Issue.objects.create(
        date=now.date(), volume=1, number=1, status="published", published_at=now
    )
    campaign = Campaign.objects.create(issue=issue, status="sent", started_at=now)
    deliveries = Delivery.objects.bulk_create(
        Delivery(campaign=campaign, subscriber=reader, status="sent", sent_at=now)
        for reader in readers
    )
    return [(d.subscriber.email, returnpath.return_path(d.pk)) for d in deliveries]


def reports(recipients):
    from tests import bounce_reports

    messages = []
    for number, (address, path) in enumerate(recipients):
        kind = KINDS[number % len(KINDS)]
        if kind == "complaint":
            raw = bounce_reports.complaint(path, address, queue_id=str(number))
        else:
            raw = bounce_reports.dsn(kind, path, address, queue_id=f"Q{number}")
        messages.append((kind, address, path, raw))
    return messages


class Bare:
    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 Accepted"


def send_all(port, messages):
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        for _, _, path, raw in messages:
            client.sendmail("", [path], raw)
    return time.perf_counter() - started


def timed(server, messages):
    server.start()
    try:
        return send_all(server.port, messages)
    finally:
        server.stop()


def check(messages):
    from newsletter.models import DeliveryReport, Subscriber

    statuses = dict(Subscriber.objects.values_list("email", "status"))
    wrong = sum(statuses[address] != EXPECTED[kind] for kind, address, _, _ in messages)
    return {"recorded": DeliveryReport.objects.count(), "wrong_states": wrong}


def main():
    from aiosmtpd.controller import Controller

    with tempfile.TemporaryDirectory() as workdir:
        set_up_django(workdir)
        from newsletter import receivers
        from tests.newsletter_fixtures import free_port

        messages = reports(sent_campaign(REPORTS))
        bare = timed(Controller(Bare(), hostname="127.0.0.1", port=free_port()), messages)
        ours = timed(receivers.smtp_server("127.0.0.1", free_port()), messages)
        result = {
            "reports": REPORTS,
            "database": os.environ["DATABASE_URL"].split(":", 1)[0],
            "bare_per_second": round(REPORTS / bare, 1),
            "ours_per_second": round(REPORTS / ours, 1),
            "ratio": round(bare / ours, 3),
            **check(messages),
        }
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "bounces_receive.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))
    print(
        f"{REPORTS} reports: {result['ours_per_second']}/s through receive_bounces, "
        f"{result['bare_per_second']}/s to a bare SMTP server "
        f"(ours at {result['ratio']}× its rate); recorded {result['recorded']}, "
        f"{result['wrong_states']} readers in the wrong state"
    )
    if result["recorded"] != REPORTS or result["wrong_states"]:
        raise SystemExit("some reports were lost or misread")


if __name__ == "__main__":
    main()
