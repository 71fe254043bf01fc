#!/usr/bin/env bash
# bench/scale_out.sh: the README's "Scaling out", shown with figures. Two gunicorn servers on two
# ports share one PostgreSQL and one Redis, with production settings, and:
#   - an edit saved on A's side is seen on B within the documented delay (CONTENT_VERSION_SECONDS);
#   - 4,000 read beacons from 50 clients spread over both → exactly +4,000;
#   - signing in on A is signed in on B; a page A cached is B's answer; B's hashed static files
#     are served by A for a year;
#   - one campaign sent by two task workers at once to 5,000 subscribers of a local SMTP sink →
#     every subscriber exactly one message (bench/send_faults.py with WORKERS=2 FAULTS=0);
#   - media on S3-compatible storage: an upload saved through the site's storage, against a local
#     moto server, is fetched back by its address (skipped, saying so, when moto is missing).
# Knobs: BENCH_DATABASE_URL (an archive, made small if missing), BENCH_CACHE_URL (Redis), SCALE_PORT
# [8045] (A; B is the next), S3_PORT [SCALE_PORT + 2], WORKERS [1 per core], BEACONS [4000],
# BEACON_CLIENTS [50], RECIPIENTS [5000], SEND_DATABASE_URL (the campaign's own database).
# Servers are ended by PID on exit. Results: bench/results/scale_out-<time>.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
SCALE_PORT="${SCALE_PORT:-8045}"
S3_PORT="${S3_PORT:-$((SCALE_PORT + 2))}"
WORKERS="${WORKERS:-$(nproc)}"
BEACONS="${BEACONS:-4000}"
BEACON_CLIENTS="${BEACON_CLIENTS:-50}"
RECIPIENTS="${RECIPIENTS:-5000}"
BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/analyst_bench}"
SEND_DATABASE_URL="${SEND_DATABASE_URL:-${BENCH_DATABASE_URL}_send}"
BENCH_CACHE_URL="${BENCH_CACHE_URL:-redis://127.0.0.1:6379/0}"
RESULTS="$ROOT/bench/results"
WORK="$ROOT/var/scale"
STAMP=$(date +%Y%m%d-%H%M%S)
A="http://127.0.0.1:$SCALE_PORT"
B="http://127.0.0.1:$((SCALE_PORT + 1))"
mkdir -p "$RESULTS" "$WORK"
T0=$(date +%s)
say() { printf '[%4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

PIDS=()
stop_all() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

export DEBUG=false SECRET_KEY="scale-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL="$A" SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
export DATABASE_URL="$BENCH_DATABASE_URL" CONN_MAX_AGE=600 CACHE_URL="$BENCH_CACHE_URL"
export CACHE_KEY_PREFIX="analyst-scale-$STAMP" STATIC_ROOT="$WORK/static" LOG_LEVEL=WARNING
export CSRF_TRUSTED_ORIGINS="$A,$B" DJANGO_SETTINGS_MODULE=analyst.settings
# The beacon load plays the proxy, giving each reader an address of its own (as make bench does).
export TRUST_X_FORWARDED_FOR=true

PG_SERVER="${BENCH_DATABASE_URL%/*}"
DB_NAME="${BENCH_DATABASE_URL##*/}"
if ! psql "$PG_SERVER/postgres" -Atqc "select 1 from pg_database where datname = '$DB_NAME'" | grep -q 1; then
  psql "$PG_SERVER/postgres" -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
fi
"$PY" manage.py migrate --noinput -v0
if [ "$("$PY" manage.py shell -v0 -c 'from articles.models import Article; print(Article.objects.count())')" = 0 ]; then
  say "no archive in $DB_NAME: generating a small one"
  "$PY" manage.py generate_archive --issues 52 --articles 1000 --authors 100 | sed 's/^/    /' >&2
fi
"$PY" manage.py collectstatic --noinput -v0

serve() {  # serve PORT
  "$ROOT/.venv/bin/gunicorn" analyst.wsgi:application --workers "$WORKERS" \
    --bind "127.0.0.1:$1" --no-control-socket --timeout 30 --log-level warning \
    --error-logfile "$WORK/gunicorn-$1.log" &
  PIDS+=("$!")
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz" 2>/dev/null && break
    sleep 0.2
  done
  say "server on 127.0.0.1:$1 (pid ${PIDS[-1]}, $WORKERS workers)"
}
serve "$SCALE_PORT"
serve "$((SCALE_PORT + 1))"

OUT="$RESULTS/scale_out-$STAMP.txt"
failed=0
run() { "$@" 2>&1 | tee -a "$OUT" >&2 || failed=1; }
echo "Two app servers ($A, $B; $WORKERS workers each) on $DB_NAME and $BENCH_CACHE_URL" > "$OUT"
for check in edit session cache static; do
  run "$PY" bench/scale_checks.py "$check" "$A" "$B"
done
say "beacons: $BEACONS from $BEACON_CLIENTS clients over both servers"
run "$PY" bench/counter_load.py "$A" "$B" --beacons "$BEACONS" --clients "$BEACON_CLIENTS" \
  --json "$WORK/counter.json"

if "$PY" -c "import moto, storages" 2>/dev/null; then
  say "media: a moto S3 server on 127.0.0.1:$S3_PORT"
  "$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$WORK/moto.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$S3_PORT/" 2>/dev/null && break; sleep 0.1; done
  AWS_ACCESS_KEY_ID=scale AWS_SECRET_ACCESS_KEY=scale AWS_STORAGE_BUCKET_NAME=analyst-media \
    AWS_S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT" AWS_S3_REGION_NAME=us-east-1 \
    run "$PY" bench/scale_checks.py media "$A" "$B"
else
  echo "  media    skipped: install moto[server] and django-storages[s3] (pip install '.[s3]' 'moto[server]')" | tee -a "$OUT" >&2
fi
stop_all

say "one campaign, two workers, $RECIPIENTS subscribers of a local SMTP sink"
BENCH_DATABASE_URL="$SEND_DATABASE_URL" RECIPIENTS="$RECIPIENTS" FAULTS=0 WORKERS=2 \
  run "$PY" bench/send_faults.py
say "done; saved to ${OUT#"$ROOT"/}"
exit "$failed"
