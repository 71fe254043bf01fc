"""Signup timing: does the answer's delay tell a known address from a new one?

    .venv/bin/python bench/signup_timing.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/analyst_timing \\
        BENCH_CACHE_URL=redis://127.0.0.1:6379/0 ROUNDS=400 .venv/bin/python bench/signup_timing.py

With production settings (DEBUG off, PostgreSQL, the database task queue, Redis when
BENCH_CACHE_URL is given), ROUNDS addresses in each state (new, pending, confirmed,
unsubscribed) are signed up through the signup endpoint, each address once and from its own
network address, so that every request meets the same rate-limit counters. The states take
turns in a shuffled order each round, so that a drift of the machine's speed falls on all of
them alike. Reported: the median answer time of each state and the largest difference between
two medians; it exits non-zero when that is above LIMIT_MS (1 ms). The database
(`BENCH_DATABASE_URL`, created if missing) loses its subscribers and queued tasks first.
"""

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/analyst_signup_timing"
)
ROUNDS = int(os.environ.get("ROUNDS", "400"))
WARMUP = int(os.environ.get("WARMUP", "50"))
LIMIT_MS = float(os.environ.get("LIMIT_MS", "1.0"))
STATES = ("new", "pending", "confirmed", "unsubscribed")


def configure(static_root):
    """Production settings on this machine's database and cache, before Django starts."""
    os.environ.update(
        STATIC_ROOT=static_root,
        DATABASE_URL=DATABASE_URL,
        DEBUG="false",
        SECRET_KEY="benchmark-only-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="WARNING",
        SECURE_SSL_REDIRECT="false",
    )
    if os.environ.get("BENCH_CACHE_URL"):
        os.environ["CACHE_URL"] = os.environ["BENCH_CACHE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")
    sys.path.insert(0, str(ROOT))


def ensure_database():
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def addresses_in_each_state(count):
    """`count` addresses per state, each to be signed up once."""
    from newsletter.models import Subscriber

    run = uuid.uuid4().hex[:8]
    made = {
        state: [f"{state}{n}.{run}@timing.example.org" for n in range(count)] for state in STATES
    }
    Subscriber.objects.bulk_create(Subscriber(email=email) for email in made["pending"])
    for email in made["confirmed"] + made["unsubscribed"]:
        subscriber = Subscriber.objects.create(email=email)
        subscriber.confirm()
    for subscriber in Subscriber.objects.filter(email__in=made["unsubscribed"]):
        subscriber.unsubscribe(via="benchmark")
    return made


def sign_up_once(client, email, n):
    """One signup from its own network address; seconds it took."""
    address = f"198.18.{n // 250}.{n % 250 + 1}"
    started = time.perf_counter()
    response = client.post(
        "/newsletter/subscribe/",
        {"email": email, "website": "", "source": "footer"},
        REMOTE_ADDR=address,
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (response.status_code, email)
    return elapsed


def measure(client, made, skip):
    """Median seconds per state over the addresses after the first `skip`."""
    timings = {state: [] for state in STATES}
    order = list(STATES)
    n = 0
    for index in range(len(made["new"])):
        random.shuffle(order)
        for state in order:
            n += 1
            elapsed = sign_up_once(client, made[state][index], n)
            if index >= skip:
                timings[state].append(elapsed)
    return {state: statistics.median(values) for state, values in timings.items()}


def main():
    with tempfile.TemporaryDirectory() as static_root:
        configure(static_root)
        ensure_database()
        medians = run()
    spread = (max(medians.values()) - min(medians.values())) * 1000
    for state in STATES:
        print(f"{state:>13}  median {medians[state] * 1000:6.2f} ms")
    print(f"{'largest gap':>13}  {spread:6.2f} ms (limit {LIMIT_MS} ms, {ROUNDS} signups each)")
    sys.exit(0 if spread <= LIMIT_MS else 1)


def run():
    """Sign up every prepared address; the median seconds of each state."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from newsletter.models import Subscriber

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # the answer page, as deployed
    Subscriber.objects.all().delete()
    DBTaskResult.objects.all().delete()
    cache.clear()
    made = addresses_in_each_state(WARMUP + ROUNDS)
    return measure(Client(), made, WARMUP)


if __name__ == "__main__":
    main()
