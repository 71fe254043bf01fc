"""Merge the measurements into the table `make bench` prints, with each target met or not.

usage: report.py [--measure JSON --stats JSON] [--counter JSON] [--search JSON]
                 [--anchor-stats JSON] [--anchor-group NAME]
                 [--admin-measure JSON --admin-stats JSON] [--note TEXT ...]
"""

import argparse
import json
from pathlib import Path

MAX_QUERIES = 6
# The article page reads its authors' and tags' articles, then the related ones it shows.
MAX_ARTICLE_QUERIES = 7
CACHED_RATIO = 0.8
ARTICLE_RATIO = 0.25
ARTICLE_VS_WAGTAIL = 5
SEARCH_P99_MS = 100
EDIT_HIT_RATE = 95


def load(path):
    return json.loads(Path(path).read_text()) if path and Path(path).exists() else None


def row_line(row, queries="-"):
    ratio = f"{row['ratio_to_hello']:.3f}" if row.get("ratio_to_hello") is not None else "-"
    return (
        f"  {row['page']:<10} {row['rps']:>9.1f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} "
        f"{queries!s:>8} {ratio:>7} {row['errors']:>7}"
    )


def unanswered_line(page):
    return f"  {page['page']:<10} did not answer, not loaded: {page['path']} {page['why']}"


def table(rows, stats, unanswered=()):
    lines = [f"  {'page':<10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} "]
    lines[0] += f"{'ratio':>7} {'errors':>7}"
    lines.append("  " + "-" * (len(lines[0]) - 2))
    lines += [row_line(row, stats.get(row["page"], {}).get("queries", "-")) for row in rows]
    lines += [unanswered_line(page) for page in unanswered]
    return lines


def verdict(met):
    return "met" if met else "NOT MET"


def search_target(loaded, alone):
    """Search p99 for one reader at a time (the query's cost), and under the full load."""
    if not loaded:
        return f"- search p99 < {SEARCH_P99_MS} ms: not measured (no /search/ answering 200)"
    line = f"- search p99 < {SEARCH_P99_MS} ms: "
    if alone:
        met = verdict(alone["p99_ms"] < SEARCH_P99_MS)
        line += f"{alone['p99_ms']:.1f} ms one client at a time {met}; "
    return line + f"{loaded['p99_ms']:.1f} ms under the table's load"


def allowed(label):
    """The queries a page may ask with every cache empty."""
    return MAX_ARTICLE_QUERIES if label == "article" else MAX_QUERIES


def targets(ours, uncached, wagtail, stats, counter, alone=None):
    by_page = {row["page"]: row for row in ours}
    lines = []
    over = {label: s["queries"] for label, s in stats.items() if s["queries"] > allowed(label)}
    lines.append(
        f"- at most {MAX_QUERIES} queries on every page, {MAX_ARTICLE_QUERIES} on the article "
        f"page: {verdict(not over)}" + (f" (over: {over})" if over else "")
    )
    article = next((row for row in uncached if row["page"] == "article"), None)
    if article:
        ratio = article["ratio_to_hello"]
        lines.append(
            f"- uncached article (page cache off) ≥ {ARTICLE_RATIO}× the trivial view: "
            f"{ratio:.3f}× {verdict(ratio >= ARTICLE_RATIO)}"
        )
        theirs = next((row for row in wagtail if row["page"] == "article"), None)
        if theirs:
            times = ratio / theirs["ratio_to_hello"]
            lines.append(
                f"- article ≥ {ARTICLE_VS_WAGTAIL}× Wagtail's article: {times:.1f}× by ratio to "
                f"each one's trivial view ({article['rps']:.0f} vs {theirs['rps']:.0f} req/s) "
                f"{verdict(times >= ARTICLE_VS_WAGTAIL)}"
            )
        else:
            lines.append("- article ≥ 5× Wagtail's article: not measured (no anchor in this run)")
    pages = [row for row in ours if row["page"] != "hello"]
    fast = [row["page"] for row in pages if row["ratio_to_hello"] >= CACHED_RATIO]
    lines.append(
        f"- every cached page ≥ {CACHED_RATIO}× the trivial view: pages at or above it: "
        f"{', '.join(fast) or 'none'}; below: "
        f"{', '.join(row['page'] for row in pages if row['page'] not in fast) or 'none'}"
    )
    lines.append(search_target(by_page.get("search"), alone))
    if counter:
        lines.append(
            f"- counter exact: {counter['beacons']} beacons from {counter['clients']} clients → "
            f"total +{counter['read_count_added']}, day's row +{counter['daily_reads_added']} "
            f"{verdict(counter['exact'])}"
        )
    return lines


def edit_lines(hits):
    """Cache hits on a crawl of other article pages after each change, against the target."""
    if not hits:
        return ["- what an edit leaves cached: not measured"]
    pages = hits["pages"]
    return [
        f"- {label}: {hits[label]} of {pages} other article pages from the cache "
        f"({100 * hits[label] / pages:.1f} %, ≥ {EDIT_HIT_RATE:.0f} %: "
        f"{verdict(100 * hits[label] / pages >= EDIT_HIT_RATE)})"
        for label in ("after an article edit", "after publishing an issue")
        if label in hits
    ]


def cold_lines(crawls):
    """Each site's crawl of every page once from an empty cache, side by side."""
    if not crawls:
        return ["- cold start: not measured"]
    lines = ["- cold start (every article and listing page once, right after a deploy):"]
    lines += [
        f"    {crawl['site']:<10} {crawl['pages']:>6} pages in {crawl['seconds']:>7.1f} s, "
        f"{crawl['pages_per_s']:>6.1f} pages/s, p50 {crawl['p50_ms']} ms, p99 "
        f"{crawl['p99_ms']} ms, {crawl['failed']} not 200 ({crawl['clients']} clients)"
        for crawl in crawls
    ]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", help="the public pages' wrk JSON")
    parser.add_argument("--stats", help="the public pages' page_stats JSON")
    parser.add_argument("--admin-measure", help="the admin pages' wrk JSON")
    parser.add_argument("--admin-stats", help="the admin pages' page_stats JSON")
    parser.add_argument("--counter")
    parser.add_argument("--search", help="the search page measured one client at a time")
    parser.add_argument("--group", default="analyst")
    parser.add_argument("--uncached-group", default="analyst-uncached")
    parser.add_argument("--anchor-group", default="postgres")
    parser.add_argument("--anchor-stats", help="the anchor's page_stats JSON, for its queries")
    parser.add_argument("--unanswered", help="pages that did not answer the probe (pages.py)")
    parser.add_argument("--cache-hits", help="cache_hits.py's JSON")
    parser.add_argument("--cold", action="append", default=[], help="cold_crawl.py's JSON")
    parser.add_argument("--note", action="append", default=[])
    args = parser.parse_args()
    measured, admin = load(args.measure), load(args.admin_measure)
    if not measured and not admin:
        raise SystemExit("report: nothing measured (give --measure or --admin-measure)")
    settings = (measured or admin)["settings"]
    lines = [*args.note]
    lines.append(
        f"wrk -t{settings['threads']} -c{settings['connections']} -d{settings['duration_s']}s "
        f"after a {settings['warmup_s']}s warm-up, {settings['rounds']} round(s), "
        f"medians; ratio = req/s over the trivial view's in the same round"
    )
    if measured:
        lines += public_lines(args, measured)
    if admin:
        lines += admin_lines(admin, load(args.admin_stats) or {})
    lines.append("(queries: per page with every cache off, the full cost of building it)")
    print("\n".join(lines))


def public_lines(args, measured):
    """The public pages' tables and the targets of the run."""
    stats, counter, searched = load(args.stats) or {}, load(args.counter), load(args.search)
    alone = (
        next((row for row in searched["rows"] if row["page"] == "search"), None)
        if searched
        else None
    )
    ours = [row for row in measured["rows"] if row["group"] == args.group]
    uncached = [row for row in measured["rows"] if row["group"] == args.uncached_group]
    wagtail = [row for row in measured["rows"] if row["group"] == args.anchor_group]
    unanswered = load(args.unanswered) or []
    unanswered += measured.get("unanswered", [])
    lines = ["", "Analyst, as readers get it (page cache on):", *table(ours, stats, unanswered)]
    if uncached:
        lines += [
            "",
            "Analyst with the page cache off (PAGE_CACHE_SECONDS=0: a signed-in editor, or the "
            "first reader after an edit):",
            *table(uncached, stats, unanswered),
        ]
    if wagtail:
        lines += [
            "",
            "Wagtail 8 anchor (same machine, same run):",
            *table(wagtail, load(args.anchor_stats) or {}),
        ]
    lines += ["", "Targets:", *targets(ours, uncached, wagtail, stats, counter, alone)]
    lines += edit_lines(load(args.cache_hits))
    lines += cold_lines([cold for cold in map(load, args.cold) if cold])
    return lines


def admin_lines(admin, stats):
    """The admin's pages, signed in, beside the trivial view measured in the same rounds."""
    return [
        "",
        "The admin, signed in as a superuser verified with an authenticator (never page-cached):",
        *table(admin["rows"], stats, admin.get("unanswered", [])),
    ]


if __name__ == "__main__":
    main()
