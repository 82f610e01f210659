#!/usr/bin/env bash
# CPU flame graphs of the hub under load, loopback only: records JDK Flight Recorder (profile settings) while a benchmark
# runs, then turns the recording into an HTML flame graph with async-profiler's converter (tools.profiler:jfr-converter,
# from Maven Central) in bench/profiles/.
#   bench/profile.sh ingest   the accept path alone: bench/run.sh with BENCH_MODE=ingest (30 s warm-up, 30 s)
#   bench/profile.sh drain    the downstream stages alone: bench/drain.sh (10 s fill, 30 s)
# Open the .html in a browser; bench/README.md keeps what the latest ones showed.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-drain}
CONVERTER_VERSION=4.1
CONVERTER=~/.m2/repository/tools/profiler/jfr-converter/$CONVERTER_VERSION/jfr-converter-$CONVERTER_VERSION.jar
[ -f "$CONVERTER" ] || ./mvnw -q -B dependency:get -Dartifact=tools.profiler:jfr-converter:$CONVERTER_VERSION
mkdir -p bench/profiles
JFR=$(mktemp -d)/hub.jfr
export BENCH_JVM="${BENCH_JVM:--Xms1g -Xmx1g} -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true"
case "$WHAT" in
  ingest) BENCH_MODE=ingest WARMUP=30 bench/run.sh 30 128 ;;
  drain) bench/drain.sh 10 30 ;;
  *) echo "bench/profile.sh ingest|drain"; exit 2 ;;
esac
OUT=bench/profiles/$WHAT-$(date -u +%Y%m%d).html
java -jar "$CONVERTER" --cpu --simple --norm --title "hub $WHAT, $(date -u +%F)" "$JFR" "$OUT"
rm -rf "$(dirname "$JFR")"
echo "flame graph: $OUT"
