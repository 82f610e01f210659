#!/usr/bin/env bash
# CPU flame graphs of the hub under load, loopback only: records JDK Flight Recorder (profile settings) while a benchmark
# runs, then turns the recording into an HTML flame graph with async-profiler's converter (tools.profiler:jfr-converter,
# from Maven Central) in bench/profiles/.
#   bench/profile.sh ingest   the accept path alone: bench/run.sh with BENCH_MODE=ingest (30 s warm-up, 30 s)
#   bench/profile.sh drain    the downstream stages alone: bench/drain.sh (10 s fill, 30 s)
# Open the .html in a browser; bench/README.md keeps what the latest ones showed. PROFILE_STACKS=FILE also keeps the
# collapsed stacks (one line per stack, thread first) for counting frames by thread.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-drain}
CONVERTER_VERSION=4.1
CONVERTER=~/.m2/repository/tools/profiler/jfr-converter/$CONVERTER_VERSION/jfr-converter-$CONVERTER_VERSION.jar
[ -f "$CONVERTER" ] || ./mvnw -q -B dependency:get -Dartifact=tools.profiler:jfr-converter:$CONVERTER_VERSION
mkdir -p bench/profiles
JFR=$(mktemp -d)/hub.jfr
# the JDK's "profile" settings without samples of threads waiting in native code (an idle epoll is not CPU)
JAVA_HOME_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
sed '/<event name="jdk.NativeMethodSample">/,/<\/event>/ s/<setting name="enabled" control="method-sampling-enabled">true/<setting name="enabled">false/' \
  "$JAVA_HOME_DIR/lib/jfr/profile.jfc" > "$(dirname "$JFR")/cpu.jfc"
export BENCH_JVM="${BENCH_JVM:--Xms1g -Xmx1g} -XX:StartFlightRecording=filename=$JFR,settings=$(dirname "$JFR")/cpu.jfc,dumponexit=true"
case "$WHAT" in
  ingest) BENCH_MODE=ingest WARMUP=30 bench/run.sh 30 128 ;;
  drain) bench/drain.sh 10 30 ;;
  *) echo "bench/profile.sh ingest|drain"; exit 2 ;;
esac
OUT=bench/profiles/$WHAT-$(date -u +%Y%m%d).html
java -jar "$CONVERTER" --simple --norm --title "hub $WHAT, $(date -u +%F)" "$JFR" "$OUT"
# the threads and the frames that hold the most samples, for bench/README.md
java -jar "$CONVERTER" -o collapsed --simple --norm --threads "$JFR" "$(dirname "$JFR")/stacks.txt" > /dev/null
python3 - "$(dirname "$JFR")/stacks.txt" <<'EOF2'
import collections, re, sys
threads, frames, total = collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip().rpartition(" ")
    parts, n = stack.split(";"), int(count)
    total += n
    threads[re.sub(r"\d+", "N", parts[0].strip("[]"))] += n
    frames[parts[-1]] += n
print("samples by thread:")
for name, n in threads.most_common(8):
    print(f"  {100 * n / total:5.1f} %  {name}")
print("hottest frames (self):")
for name, n in frames.most_common(12):
    print(f"  {100 * n / total:5.1f} %  {name}")
EOF2
[ -z "${PROFILE_STACKS:-}" ] || cp "$(dirname "$JFR")/stacks.txt" "$PROFILE_STACKS"   # the collapsed stacks, for a closer look
rm -rf "$(dirname "$JFR")"
echo "flame graph: $OUT"
