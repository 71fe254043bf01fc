"""Where one page's time goes: cProfile over N test-client requests in one process.

usage: profile_page.py /articles/<slug>/ [-n 500]
Prints the time per request, the share spent in the main stages, and the functions with the
most time of their own. cProfile inflates call-heavy code, so read the shares, not the totals.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")

# (stage, path fragment of the file, function name): cumulative time of the outermost call.
STAGES = [
    ("view (building and running its querysets)", "django/views/generic/base.py", "dispatch"),
    ("ORM: compile and run queries", "django/db/models/sql/compiler.py", "execute_sql"),
    ("  of which SQL round trips (psycopg)", "psycopg/cursor.py", "execute"),
    ("template rendering", "django/template/response.py", "render"),
    ("  of which cleaning the text (nh3)", "articles/text/richtext.py", "render_html"),
    ("  of which site-wide context (cache)", "articles/site/context.py", "site"),
]


def stage_times(stats):
    found = {}
    for (filename, _, function), (_, _, _, cumulative, _) in stats.stats.items():
        for stage, fragment, name in STAGES:
            if function == name and filename.endswith(fragment):
                found[stage] = max(found.get(stage, 0.0), cumulative)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST=args.host)
    for _ in range(20):
        assert client.get(args.path).status_code == 200
    started = time.perf_counter()
    for _ in range(args.n):
        client.get(args.path)
    plain_ms = (time.perf_counter() - started) * 1000 / args.n
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        client.get(args.path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(
        f"Profile of {args.path}: {args.n} requests in one process (test client, no HTTP): "
        f"{plain_ms:.2f} ms each unprofiled"
    )
    found = stage_times(stats)
    for stage, _, _ in STAGES:
        if stage in found:
            print(f"  {stage:<40} {100 * found[stage] / total:5.1f} %")
    print("  functions with the most time of their own (% of the profiled total):")
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:12]
    for (filename, line, function), (_, calls, own, _, _) in rows:
        where = "/".join(Path(filename).parts[-3:])
        print(
            f"    {100 * own / total:5.1f} %  {calls // args.n:>5} calls/req  "
            f"{function} ({where}:{line})"
        )


if __name__ == "__main__":
    main()
