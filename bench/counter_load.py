"""The read counter under load: N beacons from C concurrent clients, then count what was kept.

Each beacon is a POST /reads/ as the article page's script sends it (with several servers
given, the clients take them in turn), from a distinct desktop Chrome (the build number
varies) at a distinct address (the X-Forwarded-For a proxy would add; the server runs with
TRUST_X_FORWARDED_FOR), so neither the counter's dedupe nor its hourly limit per address holds
any back. Afterwards the
article's total and the day's DailyReads row must each hold exactly N more. Loopback only;
bounded by a per-request timeout and an overall deadline.
"""

import argparse
import http.client
import ipaddress
import json
import os
import random
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.{run}.{number} Safari/537.36"
)

# Readers' addresses, from the range set aside for benchmarks (RFC 2544).
BENCH_NETWORK = ipaddress.ip_network("198.18.0.0/15")


def counts(article_id):
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, DailyReads

    connection.close()  # read what other connections committed, on a fresh connection
    total = Article.objects.values_list("read_count", flat=True).get(pk=article_id)
    today = DailyReads.objects.filter(article_id=article_id, date=timezone.localdate()).first()
    return total, today.count if today else 0


def send_beacons(host, port, article_id, numbers, run, deadline, tally, lock):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    body = urllib.parse.urlencode({"article": article_id})
    for number in numbers:
        if time.monotonic() > deadline:
            break
        headers = {
            "User-Agent": CHROME.format(run=run, number=number),
            "Content-Type": "application/x-www-form-urlencoded",
            "Sec-Fetch-Site": "same-origin",
            "X-Forwarded-For": str(BENCH_NETWORK[number]),
        }
        try:
            connection.request("POST", "/reads/", body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            outcome = str(response.status)
            if response.status == 200 and json.loads(answer)["counted"]:
                outcome = "counted"
        except (OSError, http.client.HTTPException) as error:
            outcome = type(error).__name__
            connection.close()
        with lock:
            tally[outcome] += 1
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base_urls", nargs="+", help="one server, or several taking turns")
    parser.add_argument("--beacons", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--deadline", type=float, default=300, help="seconds, at most")
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    urls = [urllib.parse.urlsplit(base_url) for base_url in args.base_urls]
    if not all(ipaddress.ip_address(url.hostname).is_loopback for url in urls):
        raise SystemExit("counter_load: loopback addresses only")

    import django

    django.setup()
    from articles.models import Article

    article_id = Article.objects.live().order_by("-published_at").values_list("pk", flat=True)[0]
    before = counts(article_id)
    run, tally, lock = random.randrange(10_000), Counter(), threading.Lock()
    deadline = time.monotonic() + args.deadline
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=send_beacons,
            args=(
                urls[client % len(urls)].hostname,
                urls[client % len(urls)].port,
                article_id,
                range(client, args.beacons, args.clients),
            ),
            kwargs={"run": run, "deadline": deadline, "tally": tally, "lock": lock},
        )
        for client in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    after = counts(article_id)
    result = {
        "beacons": args.beacons,
        "clients": args.clients,
        "servers": len(urls),
        "answers": dict(tally),
        "read_count_added": after[0] - before[0],
        "daily_reads_added": after[1] - before[1],
        "seconds": round(seconds, 2),
        "beacons_per_second": round(sum(tally.values()) / seconds, 1),
    }
    result["exact"] = result["read_count_added"] == result["daily_reads_added"] == args.beacons
    Path(args.json).write_text(json.dumps(result, indent=1))
    print(
        f"  counter: {args.beacons} beacons from {args.clients} clients in {seconds:.1f}s → "
        f"total +{result['read_count_added']}, today's row +{result['daily_reads_added']} "
        f"({'exact' if result['exact'] else 'NOT exact'}); answers {dict(tally)}",
        file=sys.stderr,
    )
    return 0 if result["exact"] else 1


if __name__ == "__main__":
    sys.exit(main())
