#!/usr/bin/env bash
# Start-up benchmark, loopback only: how long the hub takes from `java -jar` to ready (/observe/health/ready UP) on its
# embedded defaults, RUNS times in a fresh data directory and RUNS times on the data directory the first run left, with
# the class-data-sharing archive the build makes (app/target/hub.jsa, as the README's start command uses it), then RUNS
# times in a fresh data directory without it.
#   bench/start.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
PORT=${BENCH_PORT:-18080}
MGMT=${BENCH_MGMT_PORT:-19876}
[ -f app/target/wifi-onboarding-hub.jar ] || ./mvnw -q -B -DskipTests package
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

once() {   # once DATA-DIR JVM-OPTION: starts the hub, prints seconds to ready, stops it (SIGTERM)
  local t0 t1
  t0=$(date +%s.%N)
  HUB_DATA_DIR="$1" HUB_HTTP_PORT="$PORT" HUB_HTTP_HOST=127.0.0.1 HUB_MANAGEMENT_PORT="$MGMT" HUB_SOURCES_GENERIC_TOKEN=bench-token \
    java $2 ${BENCH_JVM:-} -jar app/target/wifi-onboarding-hub.jar > "$WORK/hub.log" 2>&1 &
  HUB=$!
  trap 'kill "$HUB" 2>/dev/null || true' EXIT   # this subshell's hub goes with it, however it ends
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$MGMT/observe/health/ready" >/dev/null 2>&1 && break
    sleep 0.02
  done
  t1=$(date +%s.%N)
  curl -sf "http://127.0.0.1:$MGMT/observe/health/ready" >/dev/null || { kill "$HUB"; echo "hub did not start" >&2; tail -30 "$WORK/hub.log" >&2; exit 1; }
  kill "$HUB"; wait "$HUB" 2>/dev/null || true
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'
}

# once runs in a subshell (command substitution): it stops its own hub, on success and on failure
for i in $(seq 1 "$RUNS"); do
  t=$(once "$WORK/fresh-$i" -XX:SharedArchiveFile=app/target/hub.jsa) || exit 1
  echo "fresh data directory, run $i: ready in $t s"
done
for i in $(seq 1 "$RUNS"); do
  t=$(once "$WORK/fresh-1" -XX:SharedArchiveFile=app/target/hub.jsa) || exit 1
  echo "existing data directory, run $i: ready in $t s"
done
for i in $(seq 1 "$RUNS"); do
  t=$(once "$WORK/plain-$i" -Xshare:auto) || exit 1
  echo "fresh data directory without the archive, run $i: ready in $t s"
done
