"""SQL queries and in-process time per page, through Django's test client (no HTTP).

For each LABEL=/path: one request to warm the process (as a gunicorn worker is warm), one
under CaptureQueriesContext for the steady-state query count, then timed requests. Writes
JSON {label: {queries, inproc_ms, bytes}} to the file given with --json, and the SQL of each
page with --sql-log. With --cookie (a session's), every request is made signed in.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("items", nargs="+", help="LABEL=/path")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("-n", type=int, default=30, help="timed requests per page")
    parser.add_argument("--cookie", help="NAME=VALUE sent with every request (a session)")
    parser.add_argument("--json", required=True)
    parser.add_argument("--sql-log")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=args.host)
    if args.cookie:
        name, _, value = args.cookie.partition("=")
        client.cookies[name] = value
    stats, log = {}, []
    for item in args.items:
        label, _, path = item.partition("=")
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        # Read them now: the next request resets the connection's query log.
        queries = captured.captured_queries
        if response.status_code != 200:
            print(f"  {label:<10} answered {response.status_code}: left out", file=sys.stderr)
            continue
        started = time.perf_counter()
        for _ in range(args.n):
            client.get(path)
        stats[label] = {
            "path": path,
            "queries": len(queries),
            "bytes": len(response.content),
            "inproc_ms": round((time.perf_counter() - started) * 1000 / args.n, 2),
        }
        log.append(f"===== {label} {path}: {len(queries)} queries")
        log.extend(f"[{number}] {query['sql']}" for number, query in enumerate(queries, 1))
        print(
            f"  {label:<10} {len(queries):>2} queries  {stats[label]['inproc_ms']:7.2f} ms "
            f"in-process  {len(response.content):>7} B  {path}",
            file=sys.stderr,
        )
    Path(args.json).write_text(json.dumps(stats, indent=1))
    if args.sql_log:
        Path(args.sql_log).write_text("\n".join(log) + "\n")


if __name__ == "__main__":
    main()
