#!/usr/bin/env bash
# Ingest benchmark, loopback only: starts the hub (embedded Artemis + H2) in a fresh data directory,
# drives POST /webhooks/generic with wrk (unique event ids, ~600-byte bodies), and reports accepted
# webhooks per second, latency percentiles, and the hub's CPU time and heap. Bounded in time.
#   bench/run.sh [duration-seconds=20] [connections=64]
# BENCH_MODE=full (default): the whole hub runs, downstream consumers compete for the CPU.
# BENCH_MODE=ingest: the normalise route is stopped once the hub is up (Jolokia; the bench's own access policy allows
#   it), so only the accept path runs; after the warm-up the warm-up's events are removed from hub.inbound, so the
#   measured run meets an empty broker.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-64}
PORT=${BENCH_PORT:-18080}
MGMT=${BENCH_MGMT_PORT:-19876}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
[ -f app/target/wifi-onboarding-hub.jar ] || ./mvnw -q -B -DskipTests package
MODE=${BENCH_MODE:-full}
WORK=$(mktemp -d)
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true; cp "$WORK/hub.log" /tmp/bench-hub.log; rm -rf "$WORK"' EXIT

. bench/hub.sh
start_hub "$WORK/hub.log"
if [ "$MODE" = ingest ]; then
  route_op normalise "stop()"
  echo "normalise route stopped: only the accept path runs"
fi

# warm-up: let the JIT see the hot path before measuring
BENCH_RUN="warm-$$" BENCH_TOKEN=bench-token wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-60}s" -s bench/generic.lua "http://127.0.0.1:$PORT" > /dev/null

if [ "$MODE" = ingest ]; then
  curl -s -X POST "http://127.0.0.1:$MGMT/observe/jolokia" -H 'Content-Type: application/json' -d '{"type":"exec",
    "mbean":"org.apache.activemq.artemis:broker=\"wifi-onboarding-hub\",component=addresses,address=\"hub.inbound\",subcomponent=queues,routing-type=\"anycast\",queue=\"hub.inbound\"",
    "operation":"removeAllMessages()"}' | grep -o '"value":[0-9]*' | sed 's/"value":/warm-up events removed from hub.inbound: /'
fi
echo "mode: $MODE, connections: $CONNECTIONS, downstream consumers per queue: ${HUB_CONSUMERS:-8}"
cpu() { awk '{print $14 + $15}' "/proc/$HUB/stat"; }
sys() { awk '{print $15}' "/proc/$HUB/stat"; }
TICKS=$(getconf CLK_TCK)
CPU0=$(cpu); SYS0=$(sys); CTX0=$(awk '/ctxt/ {print $2}' /proc/stat); T0=$(date +%s.%N)
BENCH_RUN="run-$$" BENCH_TOKEN=bench-token wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/generic.lua "http://127.0.0.1:$PORT"
CPU1=$(cpu); SYS1=$(sys); CTX1=$(awk '/ctxt/ {print $2}' /proc/stat); T1=$(date +%s.%N)
awk -v c0="$CPU0" -v c1="$CPU1" -v s0="$SYS0" -v s1="$SYS1" -v x0="$CTX0" -v x1="$CTX1" -v t0="$T0" -v t1="$T1" -v hz="$TICKS" \
  'BEGIN { printf "hub CPU: %.0f%% of one core on average (2 cores = 200%%), of which kernel %.0f%%; machine context switches %.0f/s\n", 100 * (c1 - c0) / hz / (t1 - t0), 100 * (s1 - s0) / hz / (t1 - t0), (x1 - x0) / (t1 - t0) }'
HEAP=$(curl -s "http://127.0.0.1:$MGMT/observe/jolokia/read/java.lang:type=Memory/HeapMemoryUsage")
echo "hub heap: $(( $(echo "$HEAP" | grep -o '"used":[0-9]*' | cut -d: -f2) / 1048576 )) MiB used of $(( $(echo "$HEAP" | grep -o '"max":[0-9]*' | cut -d: -f2) / 1048576 )) MiB"
for q in hub.inbound hub.booking-events hub.provisioning; do
  read -r waiting held < <(queue_counts "$q")
  echo "backlog in $q at the end: $waiting (and $held held for later)"
done
grep -cE " (ERROR|WARN) " "$WORK/hub.log" | xargs -I{} echo "hub log warnings/errors: {}"
