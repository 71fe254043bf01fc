#!/usr/bin/env bash
# make bench: a 20-year archive in PostgreSQL, served by gunicorn with production settings,
# measured with wrk page by page against a trivial view on the same server, beside the Wagtail
# anchor site in the same run; then the read counter under load, and a profile of the article.
#
# Knobs (environment, defaults in brackets):
#   ISSUES [520] ARTICLES [10000] AUTHORS [1000]   size of the archive (the anchor gets ARTICLES)
#   DURATION [10] WARMUP [3] ROUNDS [3] CONNECTIONS [16] THREADS [2]   wrk, for every page
#   WORKERS [number of cores]   gunicorn sync workers, here and in the anchor
#   BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/analyst_bench]   created if missing
#   BENCH_CACHE_URL [redis://127.0.0.1:6379/0 if it answers, else local memory]
#   BENCH_PORT [8025]   where gunicorn listens (127.0.0.1 only)
#   BENCH_ANCHOR [../shared/bench-anchor]   the Wagtail anchor; ANCHOR=0 skips it
#   ANCHOR_BACKENDS [postgres]   the anchor's databases ("sqlite postgres" for both)
#   BEACONS [2000] BEACON_CLIENTS [50]   the counter load
#   CACHE_CRAWL [1000]   article pages crawled after an edit, to count what it left cached
#   CRAWL_CLIENTS [8]   concurrent clients of the cold-start crawl (every page once)
#   PROBE_SECONDS [5]   a page that cannot answer once in this time is reported, not loaded
#   PAGES ["label=/path …"]   measure these instead of the pages found in the archive
#   SEARCH_QUERY, FEED_PATHS, SITEMAP_PATHS, DEEP_PAGE   how those pages are found
#   REGENERATE [0]   1: rebuild the archive even if it has the sizes asked for
#   PROFILE [1]   0: skip the in-process profile of the article page
#   ADMIN [1]   the admin section: the article list, a search in it (ADMIN_SEARCH [Kazakhstan]),
#     a filtered list and a change form, signed in (bench/admin_session.py); 0 skips it;
#     only: the archive, then the admin section alone
#
# A quick run (about 5 minutes):
#   ARTICLES=2000 ISSUES=104 AUTHORS=200 DURATION=5 WARMUP=2 ROUNDS=1 make bench
# The admin section alone:
#   ADMIN=only make bench
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
ISSUES="${ISSUES:-520}"
ARTICLES="${ARTICLES:-10000}"
AUTHORS="${AUTHORS:-1000}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
ROUNDS="${ROUNDS:-3}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
WORKERS="${WORKERS:-$(nproc)}"
BEACONS="${BEACONS:-2000}"
BEACON_CLIENTS="${BEACON_CLIENTS:-50}"
CACHE_CRAWL="${CACHE_CRAWL:-1000}"
CRAWL_CLIENTS="${CRAWL_CLIENTS:-8}"
BENCH_PORT="${BENCH_PORT:-8025}"
BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/analyst_bench}"
ANCHOR="${ANCHOR:-1}"
BENCH_ANCHOR="${BENCH_ANCHOR:-$(dirname "$ROOT")/shared/bench-anchor}"
ANCHOR_BACKENDS="${ANCHOR_BACKENDS:-postgres}"
PROFILE="${PROFILE:-1}"
ADMIN="${ADMIN:-1}"
RESULTS="$ROOT/bench/results"
WORK="$ROOT/var/bench"
STAMP=$(date +%Y%m%d-%H%M%S)
BASE_URL="http://127.0.0.1:$BENCH_PORT"
mkdir -p "$RESULTS" "$WORK"

T0=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say() { printf '[%4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

# The Wagtail anchor's articles and listing, crawled once on its own server (it has no page cache:
# cold is its steady state), started from the anchor's own virtualenv and database.
crawl_anchor() {
  local site="$BENCH_ANCHOR/site" port=8102
  psql "$PG_SERVER/anchor_news" -Atqc \
    "select substring(url_path from '^/[^/]+(/.*)$') from wagtailcore_page where depth >= 3" \
    > "$WORK/anchor-paths.txt" || return 1
  (cd "$site" && exec env -u DJANGO_SETTINGS_MODULE -u DATABASE_URL -u CACHE_URL -u DEBUG \
    -u SECRET_KEY -u ALLOWED_HOSTS BENCH_DB=postgres BENCH_PG_HOST=127.0.0.1 BENCH_PG_PORT=5432 \
    BENCH_PG_NAME=anchor_news BENCH_PG_USER=postgres /tmp/anchor-venv/bin/gunicorn \
    newsbench.wsgi:application --workers "$WORKERS" --bind "127.0.0.1:$port" \
    --no-control-socket --log-level warning) &
  SERVER_PIDS+=("$!")
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/hello/" 2>/dev/null && break
    sleep 0.2
  done
  "$PY" bench/cold_crawl.py wagtail "http://127.0.0.1:$port" --paths "$WORK/anchor-paths.txt" \
    --clients "$CRAWL_CLIENTS" --json "$WORK/cold-wagtail.json"
  stop_server
}

# ------------------------------------------------------------------ our server, ended on exit
SERVER_PIDS=()
stop_server() {
  local pid
  for pid in "${SERVER_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
  rm -f "$WORK"/gunicorn-*.pid
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ tools and services
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v psql >/dev/null || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]} (Debian packages)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
PG_SERVER="${BENCH_DATABASE_URL%/*}"
DB_NAME="${BENCH_DATABASE_URL##*/}"
if ! psql "$PG_SERVER/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  echo "make bench needs PostgreSQL at $PG_SERVER (set BENCH_DATABASE_URL)." >&2; exit 1
fi
if [ -z "${BENCH_CACHE_URL:-}" ]; then
  if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
    BENCH_CACHE_URL=redis://127.0.0.1:6379/0
  else
    BENCH_CACHE_URL=locmemcache://analyst-bench
    say "no Redis on 127.0.0.1:6379: each worker gets its own local-memory cache"
  fi
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null; then
  echo "Port $BENCH_PORT is in use; set BENCH_PORT to a free one." >&2; exit 1
fi

# The production configuration, over plain HTTP on loopback.
export DEBUG=false
export SECRET_KEY="bench-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL="$BASE_URL"
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
# The counter's load test plays the proxy, giving each reader an address of its own.
export TRUST_X_FORWARDED_FOR=true
export DATABASE_URL="$BENCH_DATABASE_URL" CONN_MAX_AGE=600
export CACHE_URL="$BENCH_CACHE_URL" CACHE_KEY_PREFIX="analyst-bench"
export STATIC_ROOT="$WORK/static"
export BENCH_HELLO=true LOG_LEVEL=WARNING
export DJANGO_SETTINGS_MODULE=analyst.settings

# ------------------------------------------------------------------ the archive (its own database:
# generate_archive may replace whatever is in it)
if ! psql "$PG_SERVER/postgres" -Atqc "select 1 from pg_database where datname = '$DB_NAME'" | grep -q 1; then
  say "creating database $DB_NAME"
  psql "$PG_SERVER/postgres" -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
fi
"$PY" manage.py migrate --noinput -v0
if [ "${REGENERATE:-0}" = 1 ]; then
  say "REGENERATE=1: wiping the archive"
  "$PY" manage.py shell -c "from articles.demo.archive import wipe_archive; wipe_archive()" -v0
fi
say "archive: $ISSUES issues, $ARTICLES articles, $AUTHORS authors in $DB_NAME"
"$PY" manage.py generate_archive --issues "$ISSUES" --articles "$ARTICLES" --authors "$AUTHORS" \
  --replace | sed 's/^/    /' >&2
# Fresh statistics and visibility map, as autovacuum leaves them in production after a while:
# the listings' index-only scans need the map.
psql "$BENCH_DATABASE_URL" -qc "VACUUM ANALYZE" >/dev/null
"$PY" manage.py collectstatic --noinput -v0

# ------------------------------------------------------------------ serve
# Two servers: as readers get it (the page cache on), and with the page cache off (what a
# signed-in editor, or the first reader after an edit, gets). Idle, a server costs nothing.
start_server() {  # start_server PORT [ENV=VALUE ...]
  local port=$1; shift
  env "$@" "$ROOT/.venv/bin/gunicorn" analyst.wsgi:application --worker-class sync \
    --workers "$WORKERS" --bind "127.0.0.1:$port" --no-control-socket --timeout 30 \
    --graceful-timeout 5 --log-level warning --error-logfile "$WORK/gunicorn-$port.log" &
  local pid=$!
  SERVER_PIDS+=("$pid")
  echo "$pid" > "$WORK/gunicorn-$port.pid"
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/bench/hello/" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/gunicorn-$port.log" >&2; exit 1; }
    sleep 0.2
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "/healthz is not healthy" >&2; exit 1; }
  say "gunicorn pid $pid: $WORKERS sync workers on 127.0.0.1:$port (DEBUG=false, $CACHE_URL${*:+, $*})"
}
# Wait (at most 60 s) until both servers answer the trivial view at once again: requests a
# slow page left queued must not be measured as the next step's cost.
wait_idle() {
  local port
  for port in "$BENCH_PORT" "$UNCACHED_PORT"; do
    for _ in $(seq 1 60); do
      curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/bench/hello/" 2>/dev/null && break
    done
  done
}
UNCACHED_PORT=$((BENCH_PORT + 1))
UNCACHED_URL="http://127.0.0.1:$UNCACHED_PORT"
if (exec 3<>"/dev/tcp/127.0.0.1/$UNCACHED_PORT") 2>/dev/null; then
  echo "Port $UNCACHED_PORT is in use; set BENCH_PORT so that it and the next one are free." >&2; exit 1
fi
start_server "$BENCH_PORT"
start_server "$UNCACHED_PORT" PAGE_CACHE_SECONDS=0

# The table, with what it was measured on.
run_report() {  # run_report [report.py arguments ...]
  "$PY" bench/report.py "$@" \
    --note "$("$PY" -c 'import sys, django, gunicorn, psycopg; print(f"Python {sys.version.split()[0]}, Django {django.get_version()}, gunicorn {gunicorn.__version__}, psycopg {psycopg.__version__}")'), PostgreSQL $(psql "$PG_SERVER/postgres" -Atqc 'show server_version'); $(nproc) CPUs" \
    --note "load average before the run: $LOAD_BEFORE (other work on the machine adds noise; ratios carry across runs)" \
    --note "archive: $ISSUES issues, $ARTICLES articles, $AUTHORS authors; gunicorn $WORKERS sync workers; DEBUG=false, CONN_MAX_AGE=600, cache $CACHE_URL"
}

# ------------------------------------------------------------------ the admin, signed in
# A session made as the sign-in form makes one (password and authenticator), sent as a cookie
# with every request, the trivial view's too: the pages do all their real work.
ADMIN_MEASURE="$WORK/admin-measure.json"
ADMIN_STATS="$WORK/admin-stats.json"
rm -f "$ADMIN_MEASURE" "$ADMIN_STATS"
measure_admin() {
  local cookie_file="$WORK/admin-cookie.txt" cookie admin_items
  rm -f "$cookie_file"
  mapfile -t admin_items < <("$PY" bench/admin_session.py --cookie "$cookie_file")
  [ -s "$cookie_file" ] || { say "admin: no session (above): not measured"; return 1; }
  cookie=$(cat "$cookie_file")
  admin_items=("hello=/bench/hello/" "${admin_items[@]}")
  say "admin pages, signed in: ${admin_items[*]}"
  PAGE_CACHE_SECONDS=0 FRAGMENT_CACHE_SECONDS=0 "$PY" bench/page_stats.py --host 127.0.0.1 \
    --cookie "$cookie" --json "$ADMIN_STATS" --sql-log "$RESULTS/admin-queries-$STAMP.sql" \
    "${admin_items[@]}"
  wait_idle
  say "measuring the admin: $ROUNDS round(s), each page ${WARMUP}s warm-up + ${DURATION}s wrk -t$THREADS -c$CONNECTIONS"
  "$PY" bench/wrk_measure.py admin "$BASE_URL" "${admin_items[@]}" --header "Cookie: $cookie" \
    --duration "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --connections "$CONNECTIONS" \
    --threads "$THREADS" --json "$ADMIN_MEASURE"
  wait_idle
}
if [ "$ADMIN" = only ]; then
  measure_admin
  OUT="$RESULTS/admin-$STAMP.txt"
  run_report --admin-measure "$ADMIN_MEASURE" --admin-stats "$ADMIN_STATS" | tee "$OUT"
  cp "$ADMIN_MEASURE" "$RESULTS/admin-$STAMP.json"
  say "done; saved to ${OUT#"$ROOT"/}"
  exit 0
fi

# ------------------------------------------------------------------ which pages
# A page that cannot answer one request within PROBE_SECONDS uncached is reported as such in the
# table and not loaded: its queued requests would hold every worker through the next steps.
UNANSWERED="$WORK/unanswered.json"
echo '[]' > "$UNANSWERED"
if [ -n "${PAGES:-}" ]; then
  read -r -a items <<< "$PAGES"
else
  mapfile -t items < <(BENCH_BASE_URL="$UNCACHED_URL" "$PY" bench/pages.py --unanswered "$UNANSWERED")
fi
items=("hello=/bench/hello/" "${items[@]}")
say "pages: ${items[*]}"
wait_idle

say "queries per page (in-process, test client, with every cache off: the full cost)"
PAGE_CACHE_SECONDS=0 FRAGMENT_CACHE_SECONDS=0 "$PY" bench/page_stats.py --host 127.0.0.1 --json "$WORK/page_stats.json" \
  --sql-log "$RESULTS/queries-$STAMP.sql" "${items[@]}"

# ------------------------------------------------------------------ measure
MEASURE="$WORK/measure.json"
rm -f "$MEASURE"
ANCHOR_STATS=""
measure_alone() {
  say "measuring: $ROUNDS round(s), each page ${WARMUP}s warm-up + ${DURATION}s wrk -t$THREADS -c$CONNECTIONS"
  "$PY" bench/wrk_measure.py analyst "$BASE_URL" "${items[@]}" --duration "$DURATION" \
    --warmup "$WARMUP" --rounds "$ROUNDS" --connections "$CONNECTIONS" --threads "$THREADS" \
    --json "$MEASURE"
  wait_idle
  "$PY" bench/wrk_measure.py analyst-uncached "$UNCACHED_URL" "${items[@]}" \
    --duration "$DURATION" --warmup "$WARMUP" --rounds "$ROUNDS" --connections "$CONNECTIONS" \
    --threads "$THREADS" --json "$WORK/measure-uncached.json"
  "$PY" -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); a['rows']+=b['rows']; json.dump(a, open(sys.argv[1],'w'))" \
    "$MEASURE" "$WORK/measure-uncached.json"
}
measure_beside_anchor() {
  say "measuring beside the Wagtail anchor ($BENCH_ANCHOR, $ARTICLES articles, $ANCHOR_BACKENDS)"
  local anchor_results="$RESULTS/anchor"
  mkdir -p "$anchor_results"
  # The anchor reads the same knob names; give it exactly ours.
  env -u DEBUG -u SECRET_KEY -u ALLOWED_HOSTS -u DATABASE_URL -u CACHE_URL -u DJANGO_SETTINGS_MODULE \
    -u STATIC_ROOT -u SITE_URL -u CONN_MAX_AGE \
    WORKERS="$WORKERS" ARTICLES="$ARTICLES" DURATION="$DURATION" WARMUP="$WARMUP" \
    ROUNDS="$ROUNDS" CONNECTIONS="$CONNECTIONS" THREADS="$THREADS" BREAKDOWN=0 \
    BACKENDS="$ANCHOR_BACKENDS" RESULTS="$anchor_results" \
    bash "$BENCH_ANCHOR/run.sh" --target analyst "$BASE_URL" "${items[@]}" \
      --target analyst-uncached "$UNCACHED_URL" "${items[@]}" >&2 || return 1
  cp "$(ls -t "$anchor_results"/run-*.json | head -1)" "$MEASURE"
  ANCHOR_STATS="/tmp/anchor-data/page_stats-${ANCHOR_BACKENDS##* }.json"
}
if [ "$ANCHOR" = 1 ] && [ -x "$BENCH_ANCHOR/run.sh" ]; then
  measure_beside_anchor || { say "the anchor's run failed (above): measuring Analyst alone"; wait_idle; measure_alone; }
else
  if [ "$ANCHOR" = 1 ]; then
    say "no Wagtail anchor at $BENCH_ANCHOR (set BENCH_ANCHOR): measuring Analyst alone"
  fi
  measure_alone
fi

if [ "$ADMIN" = 1 ]; then
  wait_idle
  measure_admin || say "admin: not measured (see above)"
fi

# Search latency as one reader sees it: one connection, so p99 is the query's cost, not a queue.
SEARCH_ITEM=$(printf '%s\n' "${items[@]}" | grep '^search=' || true)
rm -f "$WORK/search.json"
if [ -n "$SEARCH_ITEM" ]; then
  wait_idle
  say "search latency: one client at a time for ${DURATION}s"
  "$PY" bench/wrk_measure.py search-alone "$UNCACHED_URL" hello=/bench/hello/ "$SEARCH_ITEM" \
    --duration "$DURATION" --warmup "$WARMUP" --rounds 1 --connections 1 --threads 1 \
    --json "$WORK/search.json" || say "search latency: not measured (see above)"
fi

wait_idle
say "counter: $BEACONS beacons from $BEACON_CLIENTS concurrent clients"
counter_ok=0
"$PY" bench/counter_load.py "$BASE_URL" --beacons "$BEACONS" --clients "$BEACON_CLIENTS" \
  --json "$WORK/counter.json" || counter_ok=$?

rm -f "$WORK/cache_hits.json" "$WORK"/cold-*.json
say "what an edit leaves cached: $CACHE_CRAWL other article pages crawled after it"
"$PY" bench/cache_hits.py -n "$CACHE_CRAWL" --json "$WORK/cache_hits.json" || say "cache hits: not measured"
stop_server

# Cold start: fresh servers on a cache nothing was ever written to (a key prefix of its own).
say "cold start: every article and listing page once, $CRAWL_CLIENTS clients, empty cache"
start_server "$BENCH_PORT" CACHE_KEY_PREFIX="analyst-bench-cold-$STAMP"
"$PY" bench/cold_crawl.py analyst "$BASE_URL" --analyst --clients "$CRAWL_CLIENTS" \
  --json "$WORK/cold-analyst.json" || say "cold start: the crawl of Analyst failed"
stop_server
if [ "$ANCHOR" = 1 ] && [ -n "$ANCHOR_STATS" ]; then
  crawl_anchor || say "cold start: the crawl of the Wagtail anchor failed"
fi

OUT="$RESULTS/run-$STAMP.txt"
{
  run_report --measure "$MEASURE" --stats "$WORK/page_stats.json" \
    --counter "$WORK/counter.json" --search "$WORK/search.json" --unanswered "$UNANSWERED" \
    --cache-hits "$WORK/cache_hits.json" --cold "$WORK/cold-analyst.json" --cold "$WORK/cold-wagtail.json" \
    ${ANCHOR_STATS:+--anchor-stats "$ANCHOR_STATS"} \
    --admin-measure "$ADMIN_MEASURE" --admin-stats "$ADMIN_STATS"
  if [ "$PROFILE" = 1 ]; then
    echo
    PAGE_CACHE_SECONDS=0 "$PY" bench/profile_page.py \
      "$(printf '%s\n' "${items[@]}" | sed -n 's/^article=//p')" -n 500
  fi
} | tee "$OUT"
cp "$MEASURE" "$RESULTS/run-$STAMP.json"
[ -f "$ADMIN_MEASURE" ] && cp "$ADMIN_MEASURE" "$RESULTS/admin-$STAMP.json"
say "done; saved to ${OUT#"$ROOT"/}"
exit "$counter_ok"
