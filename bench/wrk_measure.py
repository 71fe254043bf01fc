"""Measure pages with wrk when the Wagtail anchor (and its measure.py) is not available.

The same method as the anchor's: every URL must answer 200 first; then, round after round,
the trivial page and each page get a warm-up and a measured wrk run with the same settings;
req/s and latencies are medians over rounds, the ratio is the median of per-round ratios to
the trivial page of the same round. Each run starts once the trivial page answers within a
second again (a slow page's queued requests are not the next run's cost). Headers given with
--header (a session cookie) go with every request, the trivial page's too. Loopback only.
Writes rows in the anchor's JSON shape.
"""

import argparse
import ipaddress
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def run_wrk(url, seconds, args):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s"]
    for header in args.header:
        command += ["-H", header]
    command += ["--latency", "--timeout", "5s", url]
    try:
        output = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=seconds + 40
        ).stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"  wrk failed on {url}: {error}", file=sys.stderr)
        return {"rps": 0.0, "p50_ms": float("nan"), "p99_ms": float("nan"), "errors": 1}
    latency = {p: float(v) * UNITS[unit] for p, v, unit in LATENCY.findall(output)}
    errors = sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses|timeout) (\d+)", output))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    nan = float("nan")  # no request answered: no latencies
    return {
        "rps": rps,
        "p50_ms": latency.get("50", nan),
        "p99_ms": latency.get("99", nan),
        "errors": errors,
    }


def why_unanswered(url, headers, seconds=30):
    """Why `url` cannot be measured (no 200 of its own within `seconds`), or None when it can."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:
            if response.url != url:  # a lost session would measure the sign-in page
                return f"redirected to {response.url}"
            return None if response.status == 200 else f"answered {response.status}"
    except urllib.error.HTTPError as error:
        return f"answered {error.code}"
    except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
        return f"no answer in {seconds} s ({error})"


def wait_idle(base_url, seconds=60):
    """Wait until the trivial page answers within a second again: requests a slow page left
    queued behind the workers must not be measured as the next run's cost."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base_url + "/bench/hello/", timeout=1):
                pass
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            continue
        if time.monotonic() - started < 1:
            return


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("group")
    parser.add_argument("base_url")
    parser.add_argument("items", nargs="+", help="LABEL=/path; one must be hello=")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--header", action="append", default=[], help="'Name: value' sent with every request"
    )
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    if not ipaddress.ip_address(urllib.parse.urlsplit(args.base_url).hostname).is_loopback:
        raise SystemExit("wrk_measure: loopback addresses only")
    pages, unanswered = [], []
    for label, path in (item.partition("=")[::2] for item in args.items):
        why = why_unanswered(args.base_url + path, args.header)
        if why:
            print(f"  not measured: {label} {path}: {why}", file=sys.stderr)
            unanswered.append({"group": args.group, "page": label, "path": path, "why": why})
        else:
            pages.append((label, path))
    if not any(label == "hello" for label, _ in pages):
        raise SystemExit("wrk_measure: the trivial view (hello=) does not answer")
    samples = {label: [] for label, _ in pages}
    for round_number in range(1, args.rounds + 1):
        for label, path in pages:
            run_wrk(args.base_url + path, args.warmup, args)
            time.sleep(1)
            wait_idle(args.base_url)
            result = run_wrk(args.base_url + path, args.duration, args)
            wait_idle(args.base_url)
            samples[label].append(result)
            print(
                f"  round {round_number} {label:<10} {result['rps']:8.1f} req/s  "
                f"p50 {result['p50_ms']:.1f} ms  p99 {result['p99_ms']:.1f} ms",
                file=sys.stderr,
            )
    rows = []
    for label, path in pages:
        runs = samples[label]
        rows.append(
            {
                "group": args.group,
                "page": label,
                "url": args.base_url + path,
                "rps": round(statistics.median(r["rps"] for r in runs), 1),
                "p50_ms": statistics.median(r["p50_ms"] for r in runs),
                "p99_ms": statistics.median(r["p99_ms"] for r in runs),
                "errors": sum(r["errors"] for r in runs),
                "ratio_to_hello": round(
                    statistics.median(
                        r["rps"] / h["rps"] for r, h in zip(runs, samples["hello"], strict=True)
                    ),
                    4,
                ),
            }
        )
    settings = {
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "connections": args.connections,
        "threads": args.threads,
        "rounds": args.rounds,
        "time": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    result = {"settings": settings, "rows": rows, "unanswered": unanswered}
    Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
