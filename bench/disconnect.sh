#!/usr/bin/env bash
# RFC 5176 Disconnect latency on loopback: the hub on PostgreSQL (127.0.0.1:5432, database test), Debian's FreeRADIUS
# (radius/raddb) writing accounting into the hub's radacct, and a NAS stand-in that checks each Disconnect-Request.
# ROUNDS stays, each with one accounted session, checked out one after another; prints p50/p95/max from posting the
# checkout event to the Disconnect-Request at the NAS. Needs freeradius and freeradius-utils (.ci/run installs them).
#   bench/disconnect.sh [rounds=50]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-50}
./mvnw -q -B -DskipTests install
rm -f routes/target/failsafe-reports/*FreeRadiusIT*
./mvnw -B -pl routes failsafe:integration-test -Dit.test='FreeRadiusIT#disconnect_latency_benchmark' -Dbench.disconnects="$ROUNDS" \
  -Dfailsafe.failIfNoSpecifiedTests=false | grep -E 'Tests run:|FAIL' || true
grep -h 'disconnect latency over' routes/target/failsafe-reports/*FreeRadiusIT-output.txt || echo "(no figure: see routes/target/failsafe-reports)"
