#!/usr/bin/env bash
# Provisioning targets benchmark, loopback only: creates then removes OPS credentials with THREADS
# concurrent callers on each target, against the vendor stubs (connectors' test stubs) and against
# PostgreSQL on 127.0.0.1:5432 for radius-sql; then, if FreeRADIUS is installed, the radtest round trip
# and radclient's authentication rate against accounts in PostgreSQL. Bounded in count.
#   bench/targets.sh [ops=2000] [threads=4]        TARGETS=radius-sql-pg,meraki,... to choose
set -euo pipefail
cd "$(dirname "$0")/.."
OPS=${1:-2000}
THREADS=${2:-4}
./mvnw -q -B -pl transforms,connectors -am install -DskipTests
./mvnw -q -B -pl connectors dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >/dev/null
java -Xmx1g -Dops="$OPS" -Dthreads="$THREADS" ${TARGETS:+-Dtargets="$TARGETS"} \
  -Dlog4j2.level=WARN -cp "connectors/target/test-classes:connectors/target/classes:$(cat connectors/target/bench.cp)" \
  org.wifionboarding.hub.connect.bench.TargetBench

command -v freeradius >/dev/null && command -v radclient >/dev/null || { echo "FreeRADIUS not installed: radtest figures skipped"; exit 0; }
bash bench/radius.sh "${RADIUS_REQUESTS:-2000}"
