#!/usr/bin/env bash
# Every figure of the performance section in one go, loopback only, bounded in time (about 16 min with the defaults):
#   1. the HTTP ceiling: a bare Vert.x server reading the body and answering 202 (bench/tools/HttpCeiling.java), under the
#      same wrk load as the hub;
#   2. the broker ceiling: Artemis' own `perf client` on a standalone Artemis from its Maven Central distribution,
#      persistent 1 KiB messages, 1 producer + 1 consumer;
#   3. the hub's ingest alone (bench/run.sh with BENCH_MODE=ingest);
#   4. the hub end to end at a constant offered rate (bench/tools/OpenLoad.java, open loop) for E2E_SECONDS, sampling
#      every queue's backlog every 10 s: is the backlog flat, and how many bookings a second were provisioned;
#   5. the hub's ingest latency at a constant offered rate (LATENCY_RATE, open loop);
# and prints the hub's figures as shares of the ceilings.
#   bench/all.sh
# Settings (environment): SECONDS_MEASURED=30 WARMUP=60 CONNECTIONS=128 E2E_RATE=4000 E2E_SECONDS=120 LATENCY_RATE=5000
#   BENCH_JVM (the hub's JVM options, default -Xms1g -Xmx1g; -Xmx512m for the memory target).
# Needs: wrk, a built hub (./mvnw -q -B -DskipTests install), the Artemis distribution (built by the faults module:
# faults/target/artemis-dist).
set -euo pipefail
cd "$(dirname "$0")/.."
MEASURED=${SECONDS_MEASURED:-30}
WARM=${WARMUP:-60}
CONNS=${CONNECTIONS:-128}
E2E_RATE=${E2E_RATE:-4000}
E2E_SECONDS=${E2E_SECONDS:-120}
LATENCY_RATE=${LATENCY_RATE:-5000}
PORT=${BENCH_PORT:-18080}
MGMT=${BENCH_MGMT_PORT:-19876}
ARTEMIS_PORT=${BENCH_ARTEMIS_PORT:-61636}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
[ -f app/target/wifi-onboarding-hub.jar ] || ./mvnw -q -B -DskipTests install
ARTEMIS_HOME=$(ls -d faults/target/artemis-dist/apache-artemis-* 2>/dev/null | head -1 || true)
[ -n "$ARTEMIS_HOME" ] || ./mvnw -q -B -pl faults dependency:unpack@unpack-artemis
ARTEMIS_HOME=$(ls -d faults/target/artemis-dist/apache-artemis-* | head -1)
LIB='app/target/lib/*'
WORK=$(mktemp -d)
REPORT=${BENCH_REPORT:-bench/results-$(date -u +%Y%m%dT%H%M%SZ).txt}
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  for log in "$WORK"/hub-*.log; do [ -f "$log" ] && cp "$log" "/tmp/bench-all-$(basename "$log")"; done   # the hubs' logs, for a look afterwards
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "$*" | tee -a "$REPORT"; }
: > "$REPORT"
say "bench/all.sh on $(nproc) cores, $(date -u +%FT%TZ); wrk ${CONNS} connections, ${WARM} s warm-up, ${MEASURED} s measured"

# 1. HTTP ceiling
java -cp "$LIB" bench/tools/HttpCeiling.java "$PORT" > "$WORK/ceiling.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q listening "$WORK/ceiling.log" 2>/dev/null && break; sleep 0.5; done
BENCH_RUN="warm" wrk -t2 -c"$CONNS" -d"${WARM}s" -s bench/generic.lua "http://127.0.0.1:$PORT" > /dev/null
wrk -t2 -c"$CONNS" -d"${MEASURED}s" -s bench/generic.lua "http://127.0.0.1:$PORT" > "$WORK/ceiling.txt"
CEILING=$(awk '/^requests:/ {gsub("/s;", "", $7); print $7}' "$WORK/ceiling.txt")
say "1. HTTP ceiling (bare Vert.x, read body, 202): $(grep -E '^(requests|latency)' "$WORK/ceiling.txt" | tr '\n' ' ')"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# 2. Artemis' perf client on a standalone broker (no AMQP acceptor: RabbitMQ may hold 5672)
"$ARTEMIS_HOME/bin/artemis" create "$WORK/broker" --user perf --password perf --require-login --silent --no-web --force \
  --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --default-port "$ARTEMIS_PORT" > "$WORK/artemis-create.log" 2>&1
"$WORK/broker/bin/artemis" run > "$WORK/artemis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q AMQ221007 "$WORK/artemis.log" 2>/dev/null && break; sleep 0.5; done
"$ARTEMIS_HOME/bin/artemis" perf client --url "tcp://127.0.0.1:$ARTEMIS_PORT" --user perf --password perf --persistent --message-size 1024 \
  --producers 1 --consumers 1 --max-pending 100 --warmup "$WARM" --duration $((WARM + MEASURED)) --silent --json "$WORK/perf.json" queue://BENCH \
  > "$WORK/perf.txt" 2>&1 || true
# the report's one-second samples after the warm-up: messages received per second
BROKER=$(python3 -c '
import json, sys
samples = [s for s in json.load(open(sys.argv[1])) if s["sampleType"] == "interval" and not s["warmup"]]
print(round(sum(s["received"] for s in samples[1:]) / ((samples[-1]["time"] - samples[0]["time"]) / 1000)) if len(samples) > 1 else 0)' "$WORK/perf.json" 2>/dev/null || echo 0)
say "2. Artemis perf client (persistent 1 KiB, 1 producer + 1 consumer): ${BROKER} msg/s consumed"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# 3. the hub's ingest alone
BENCH_MODE=ingest WARMUP="$WARM" bench/run.sh "$MEASURED" "$CONNS" > "$WORK/ingest.txt" 2>&1
INGEST=$(awk '/^requests:/ {gsub("/s;", "", $7); print $7}' "$WORK/ingest.txt")
say "3. hub ingest only: $(grep -E '^(requests|latency|hub CPU|hub heap)' "$WORK/ingest.txt" | tr '\n' ' ')"

# 4 and 5: the hub under a constant offered rate
. bench/hub.sh
queue() { queue_counts "$1" | cut -d' ' -f1; }   # the work waiting now (bench/hub.sh)
provisioned() { curl -s "http://127.0.0.1:$MGMT/observe/metrics" | awk 'index($0, "hub_provisioning_seconds_count") == 1 {s += $NF} END {printf "%d", s}'; }
QUEUES="hub.inbound hub.booking-events hub.provisioning hub.lifecycle-events"

start_hub "$WORK/hub-e2e.log"
PIDS+=("$HUB")
say "4. hub end to end at a constant ${E2E_RATE}/s offered for ${E2E_SECONDS} s (after a ${WARM} s warm-up at the same rate); each queue's work waiting now:"
BENCH_RUN="e2e-$$" BENCH_TOKEN=bench-token java -cp "$LIB" bench/tools/OpenLoad.java "http://127.0.0.1:$PORT/webhooks/generic" "$E2E_RATE" "$E2E_SECONDS" "$WARM" "$CONNS" \
  > "$WORK/e2e.txt" 2>&1 &
LOAD=$!
sleep "$WARM"
printf '%6s %12s' "t (s)" "provisioned/s" | tee -a "$REPORT"; for q in $QUEUES; do printf ' %20s' "$q" | tee -a "$REPORT"; done; echo | tee -a "$REPORT"
T0=$(date +%s.%N); P0=$(provisioned); FIRST=""; LAST_LINE=""; TL=$T0; PL=$P0
for _ in $(seq 1 $(( E2E_SECONDS / 10 ))); do
  sleep 10
  T=$(date +%s.%N); P=$(provisioned)
  LINE=""; for q in $QUEUES; do LINE="$LINE $(queue "$q")"; done
  [ -n "$FIRST" ] || FIRST=$LINE
  LAST_LINE=$LINE
  # provisioned a second since the previous sample
  awk -v t="$T" -v t0="$T0" -v tl="$TL" -v p="$P" -v pl="$PL" 'BEGIN { printf "%6.0f %12.0f", t - t0, (p - pl) / (t - tl) }' | tee -a "$REPORT"
  TL=$T; PL=$P
  for n in $LINE; do printf ' %20s' "$n" | tee -a "$REPORT"; done; echo | tee -a "$REPORT"
done
wait "$LOAD" || true
sed 's/^/   /' "$WORK/e2e.txt" | tee -a "$REPORT"
E2E_PROVISIONED=$(awk -v t="$(date +%s.%N)" -v t0="$T0" -v p="$(provisioned)" -v p0="$P0" 'BEGIN { printf "%.0f", (p - p0) / (t - t0) }')
GROWTH=$(python3 -c 'import sys; a=[int(x) for x in sys.argv[1].split()]; b=[int(x) for x in sys.argv[2].split()]; print(sum(b)-sum(a))' "$FIRST" "$LAST_LINE")
FLAT=$(python3 -c 'import sys; print("flat" if int(sys.argv[1]) <= 2 * int(sys.argv[2]) else "growing")' "$GROWTH" "$E2E_RATE")
say "   backlog across all queues grew by ${GROWTH} messages from the first sample to the last (${FLAT}: flat means within 2 s of the offered rate)"
kill "$HUB"; wait "$HUB" 2>/dev/null || true

start_hub "$WORK/hub-latency.log"
PIDS+=("$HUB")
route_op normalise "stop()"
say "5. hub ingest at a constant ${LATENCY_RATE}/s offered (normalise stopped, as in 3), ${MEASURED} s, after ${WARM} s of wrk (the JIT) and 5 s at the rate:"
BENCH_RUN="lat-warm-$$" BENCH_TOKEN=bench-token wrk -t2 -c"$CONNS" -d"${WARM}s" -s bench/generic.lua "http://127.0.0.1:$PORT" > /dev/null
BENCH_RUN="lat-$$" BENCH_TOKEN=bench-token java -cp "$LIB" bench/tools/OpenLoad.java "http://127.0.0.1:$PORT/webhooks/generic" "$LATENCY_RATE" "$MEASURED" 5 "$CONNS" \
  > "$WORK/latency.txt" 2>&1 || true
sed 's/^/   /' "$WORK/latency.txt" | tee -a "$REPORT"
kill "$HUB"; wait "$HUB" 2>/dev/null || true

say ""
say "summary"
python3 - "$CEILING" "$BROKER" "$INGEST" "$E2E_PROVISIONED" "$E2E_RATE" "$FLAT" <<'EOF' | tee -a "$REPORT"
import sys
ceiling, broker, ingest, e2e, rate, flat = float(sys.argv[1] or 0), float(sys.argv[2] or 0), float(sys.argv[3] or 0), float(sys.argv[4] or 0), float(sys.argv[5]), sys.argv[6]
share = lambda a, b: f"{100 * a / b:.0f} %" if b else "n/a"
print(f"HTTP ceiling {ceiling:,.0f} req/s; Artemis perf client {broker:,.0f} msg/s")
print(f"hub ingest {ingest:,.0f}/s = {share(ingest, ceiling)} of the HTTP ceiling, {share(ingest, broker)} of the broker's (target 12,000/s)")
print(f"hub end to end: {e2e:,.0f} bookings provisioned/s at {rate:,.0f}/s offered, backlog {flat} (target 4,000/s, flat)")
print(f"  = {share(e2e, broker)} of the broker's rate, {share(e2e, ceiling)} of the HTTP ceiling")
EOF
echo "report: $REPORT"
