#!/usr/bin/env bash
# Downstream benchmark, loopback only: how many bookings a second the hub's stages turn webhooks into (booking row,
# RADIUS rows, scheduled delivery, lifecycle events), with ingest out of the way. Starts the hub (embedded Artemis + H2)
# in a fresh data directory, stops the normalise route, fills hub.inbound with wrk for FILL seconds, starts normalise
# again and samples the hub's own meters every 10 s for MEASURE seconds; all of it twice, the first round to warm up.
#   bench/drain.sh [fill-seconds=10] [measure-seconds=60]
# BENCH_DB=postgres puts the hub's database in a fresh schema of PostgreSQL on 127.0.0.1:5432 (database test, user
# postgres, trust auth; dropped afterwards) instead of the embedded H2; the broker stays embedded.
set -euo pipefail
cd "$(dirname "$0")/.."
FILL=${1:-10}
MEASURE=${2:-60}
PORT=${BENCH_PORT:-18080}
MGMT=${BENCH_MGMT_PORT:-19876}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
[ -f app/target/wifi-onboarding-hub.jar ] || ./mvnw -q -B -DskipTests package
WORK=$(mktemp -d)
DB_ENV=()
SCHEMA=
if [ "${BENCH_DB:-h2}" = postgres ]; then
  SCHEMA=bench_drain_$$
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $SCHEMA"
  DB_ENV=(HUB_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" HUB_DB_USER=postgres
    HUB_CRYPTO_KEY="$(openssl rand -base64 32)" HUB_ADMIN_TOKEN="$(openssl rand -hex 24)")
fi
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true; cp "$WORK/hub.log" /tmp/bench-drain-hub.log; rm -rf "$WORK"
  [ -z "$SCHEMA" ] || psql -q -h 127.0.0.1 -U postgres -d test -c "SET client_min_messages = warning; DROP SCHEMA $SCHEMA CASCADE"' EXIT

. bench/hub.sh
start_hub "$WORK/hub.log" HUB_METRICS_QUEUE_INTERVAL_MS=5000 "${DB_ENV[@]}"
normalise() { route_op normalise "$1"; }
metric() { curl -s "http://127.0.0.1:$MGMT/observe/metrics" | awk -v m="$1" -v q="$2" 'index($0, m) == 1 && (q == "" || index($0, q)) {s += $NF} END {printf "%d", s}'; }
# the work waiting now in a queue: its messages less those held for a later time (an activation at check-in, a delivery)
# the hub process's CPU time so far, in clock ticks (user + system; the embedded broker and H2 run in it, PostgreSQL not)
cpu() { awk '{print $14 + $15}' "/proc/$HUB/stat"; }
TICK=$(getconf CLK_TCK)
ready() { echo $(( $(metric hub_queue_messages "queue=\"$1\"") - $(metric hub_queue_scheduled "queue=\"$1\"") )); }
fill() {
  normalise "stop()"
  BENCH_RUN="$1-$$" BENCH_TOKEN=bench-token wrk -t2 -c64 -d"${FILL}s" -s bench/generic.lua "http://127.0.0.1:$PORT" > /dev/null
  sleep 6   # one queue-depth reading of the filled broker
  echo "$1: hub.inbound filled with $(metric hub_queue_messages 'queue="hub.inbound"') events; normalise started"
  normalise "start()"
}
# warm-up round: the JIT sees every stage once, then the broker is drained
fill warm-up
for _ in $(seq 1 30); do
  sleep 5
  [ "$(metric hub_queue_messages 'queue="hub.inbound"')" = 0 ] && [ "$(metric hub_queue_messages 'queue="hub.booking-events"')" = 0 ] \
    && [ "$(metric hub_queue_messages 'queue="hub.lifecycle-events"')" = 0 ] && break
done
fill measured
printf '%6s %12s %14s %16s %18s %16s\n' "t (s)" "provisioned" "provisioned/s" "hub.inbound" "hub.lifecycle-events" "hub.provisioning"
START=$(date +%s.%N); LAST_T=$START; LAST=$(metric hub_provisioning_seconds_count ""); FIRST=""; FIRST_T=""
for _ in $(seq 1 $(( MEASURE / 10 ))); do
  sleep 10
  NOW=$(date +%s.%N); COUNT=$(metric hub_provisioning_seconds_count "")
  RATE=$(awk -v a="$LAST" -v b="$COUNT" -v t0="$LAST_T" -v t1="$NOW" 'BEGIN {printf "%.0f", (b - a) / (t1 - t0)}')
  printf '%6.0f %12d %14s %16s %18s %16s\n' "$(awk -v a="$START" -v b="$NOW" 'BEGIN {print b - a}')" "$COUNT" "$RATE" \
    "$(ready hub.inbound)" "$(ready hub.lifecycle-events)" "$(ready hub.provisioning)"
  [ -z "$FIRST" ] && { FIRST=$COUNT; FIRST_T=$NOW; FIRST_CPU=$(cpu); }
  LAST=$COUNT; LAST_T=$NOW; LAST_CPU=$(cpu)
done
awk -v a="$FIRST" -v b="$LAST" -v t0="$FIRST_T" -v t1="$LAST_T" 'BEGIN {printf "downstream, after the first 10 s: %.0f bookings provisioned a second\n", (b - a) / (t1 - t0)}'
# CPU per booking: steadier than the rate when the machine's speed varies, and still right when the filled work ran out
awk -v a="$FIRST" -v b="$LAST" -v c0="$FIRST_CPU" -v c1="$LAST_CPU" -v tick="$TICK" \
  'BEGIN {printf "hub CPU per booking provisioned, after the first 10 s: %.2f ms\n", 1000 * (c1 - c0) / tick / (b - a)}'
CHECKPOINTS=$(metric hub_db_checkpoint_seconds_count ""); FENCES=$(metric hub_db_checkpoint_fences_sum ""); CP_SECONDS=$(curl -s "http://127.0.0.1:$MGMT/observe/metrics" | awk 'index($0, "hub_db_checkpoint_seconds_sum ") == 1 {print $NF}')
[ "$CHECKPOINTS" -gt 0 ] && awk -v c="$CHECKPOINTS" -v f="$FENCES" -v s="$CP_SECONDS" 'BEGIN {printf "embedded H2 checkpoints (both rounds): %d, %.1f commits made durable by each, %.2f ms each on average\n", c, f / c, 1000 * s / c}'
grep -cE " (ERROR|WARN) " "$WORK/hub.log" | xargs -I{} echo "hub log warnings/errors: {}"
