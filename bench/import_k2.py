"""Benchmark: import generated K2 items from MariaDB; items per second and peak memory.

    .venv/bin/python bench/import_k2.py [--sizes 5000 20000] [--database-url URL]

For each size, a K2 database of that many items is generated in the MariaDB server on
127.0.0.1:3306 (root, no password), then imported by `manage.py import_k2` in a fresh process
into a scratch database (a temporary SQLite file unless --database-url names another), so each
size's peak memory is its own. The import streams its rows: the memory it adds over the
process's baseline should not grow with the number of items.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AUTHORS = [f"{first} {last}" for first in ("Anna", "Boris", "Chen", "Dana", "Emil", "Farida",
    "Gulnara", "Hasan", "Irina", "Jamshid") for last in ("Aliyev", "Baker", "Cornell", "Dzhaksy",
    "Ermekov", "Frolova", "Gasanov", "Holm", "Ismoilov", "Jones")]  # fmt: skip
TAGS = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
    "Afghanistan",
    "Azerbaijan", "Armenia", "Georgia", "Russia", "China", "Iran", "Turkey", "NATO",
    "Caspian"]  # fmt: skip
PARAGRAPH = (
    "Kazakhstan has increasingly looked to the West to assist in the important task of its "
    "military reform, and this has meant fostering closer ties with NATO and its member states "
    "on a bilateral basis, while keeping its traditionally strong ties with Russia. "
)
BATCH = 500


def generate(database, count):
    """Fill a K2 database with `count` items, a fortnight's issue apart, in K2's layout."""
    generator = random.Random(count)
    for number, name in enumerate(("Analytical Articles", "Field Reports", "News Digest"), 1):
        database.add_category(name, name.lower().replace(" ", "-"))
        database.add_menu(name.lower().replace(" ", "-"), [number])
    for number, name in enumerate(TAGS, 1):
        database.insert("k2_tags", id=number, name=name, published=1)
    rows, xrefs = [], []
    for item_id in range(1, count + 1):
        rows.append(_item(generator, item_id, count))
        xrefs += [
            {"tagID": tag, "itemID": item_id}
            for tag in generator.sample(range(1, len(TAGS) + 1), 2)
        ]
        if len(rows) == BATCH or item_id == count:
            database.insert_many("k2_items", rows)
            database.insert_many("k2_tags_xref", xrefs)
            rows, xrefs = [], []


def _item(generator, item_id, count):
    issue = datetime(2003, 1, 8, 9) + timedelta(days=14 * (item_id * 520 // count))
    authors = " & ".join(generator.sample(AUTHORS, generator.choice((1, 1, 2))))
    category = generator.choice((1, 1, 2, 3))
    body = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(4))
    byline = f"<p>By {authors} ({issue:%-m/%-d/%Y} issue of the Analyst)</p>"
    if category == 1:
        fulltext = (
            f"{byline}<p><strong>BACKGROUND:</strong> {PARAGRAPH}</p>{body}"
            f"<p><strong>IMPLICATIONS:</strong> {PARAGRAPH}</p>{body}"
            f"<p><strong>CONCLUSIONS:</strong> {PARAGRAPH}</p>"
            f"<p>AUTHOR'S BIO: {authors} writes for the Analyst.</p>"
        )
        intro = f"<p>BACKGROUND: {PARAGRAPH[:120]}</p>"
    else:
        fulltext, intro = f"{byline}{body}", f"<p>{PARAGRAPH[:120]}</p>"
    title = f"Item {item_id}: {generator.choice(TAGS)} and the region"
    return {
        "id": item_id, "title": title, "alias": f"item-{item_id}-{generator.choice(TAGS).lower()}",
        "catid": category, "published": 1, "introtext": intro, "fulltext": fulltext,
        "created": issue, "created_by": 62, "created_by_alias": authors, "publish_up": issue,
        "hits": generator.randrange(50, 20000),
    }  # fmt: skip


def import_into_scratch(dsn, prefix):
    """In this (fresh) process: migrate a scratch database, import, report speed and memory."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    baseline = _peak_rss_mib()
    started, cpu_started = time.perf_counter(), time.process_time()
    with open(os.devnull, "w") as sink:
        call_command("import_k2", "--dsn", dsn, "--prefix", prefix, stdout=sink, stderr=sink)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    from articles.models import Article

    imported = Article.objects.count()
    peak = _peak_rss_mib()
    print(
        json.dumps(
            {"items": imported, "seconds": seconds, "cpu": cpu, "baseline": baseline, "peak": peak}
        )
    )


def _peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(size, database_url):
    from tests.k2 import k2_database_for_bench

    with k2_database_for_bench() as database:
        started = time.perf_counter()
        generate(database, size)
        print(f"  generated {size} K2 items in {time.perf_counter() - started:.1f} s", flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "analyst.settings",
                "DATABASE_URL": database_url or f"sqlite:///{scratch}/bench.sqlite3",
                # As in production: DEBUG would log every query's SQL on the way.
                "DEBUG": "false",
                "SECRET_KEY": "bench-only-not-secret",
                "ALLOWED_HOSTS": "localhost",
                "MEDIA_ROOT": f"{scratch}/media",
            }
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--import-from",
                    database.dsn,
                    "--prefix",
                    database.prefix,
                ],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
    return json.loads(child.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--database-url", help="scratch database (default: a temporary SQLite)")
    parser.add_argument("--import-from", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.import_from:
        return import_into_scratch(options.import_from, options.prefix)
    print(f"Importing generated K2 items ({', '.join(map(str, options.sizes))}):")
    results = []
    for size in options.sizes:
        result = measure(size, options.database_url)
        results.append(result)
        print(
            f"  {result['items']:>6} items: {result['items'] / result['seconds']:7.0f} items/s "
            f"({result['seconds']:.1f} s; {result['items'] / result['cpu']:.0f} per CPU second), "
            f"peak RSS {result['peak']:.0f} MiB, "
            f"{result['peak'] - result['baseline']:.0f} MiB over the baseline",
            flush=True,
        )
    growth = [result["peak"] - result["baseline"] for result in results]
    print(f"Memory added by the import: {' → '.join(f'{mib:.0f} MiB' for mib in growth)}")


if __name__ == "__main__":
    main()
