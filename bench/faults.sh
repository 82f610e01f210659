#!/usr/bin/env bash
# The full-size fault run: the fault tests of faults/ at full size, on loopback only.
#   one node on embedded defaults: EVENTS events, KILLS SIGKILLs under load;
#   two nodes + standalone Artemis 2.56 + PostgreSQL (127.0.0.1:5432, database test): CLUSTER_EVENTS events per run
#   (copies x2 and x4 use half and a quarter), NODE_KILLS node kills under load, one broker stop, random event order.
# Prints the checker's report (acknowledged, booked, provisioned, delivered, lost, duplicated, stuck, extra emails).
# Takes long on a 2-core machine: the two-node runs about 30 minutes after the copies runs (about 10), the one-node run
# about an hour (one node on H2 takes about 35 events a second while it is killed again and again).
# Usage: bench/faults.sh            (50,000 events and 20 kills on one node; 50,000 per cluster run and 20 node kills)
#        EVENTS=10000 KILLS=10 CLUSTER_EVENTS=10000 NODE_KILLS=4 bench/faults.sh
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${EVENTS:-50000}
KILLS=${KILLS:-20}
CLUSTER_EVENTS=${CLUSTER_EVENTS:-50000}
NODE_KILLS=${NODE_KILLS:-20}
./mvnw -q -B -DskipTests install
rm -f faults/target/faults-single.txt faults/target/faults-cluster.txt
start=$(date +%s)
./mvnw -B -pl faults verify -Dfaults.events="$EVENTS" -Dfaults.kills="$KILLS" -Dfaults.cluster-events="$CLUSTER_EVENTS" \
  -Dfaults.node-kills="$NODE_KILLS" -Dfaults.settle-seconds="${SETTLE_SECONDS:-3600}" | grep -E 'Tests run:|FAIL|BUILD' || true
echo "--- one node, embedded defaults ($EVENTS events, $KILLS SIGKILLs)"
cat faults/target/faults-single.txt 2>/dev/null || echo "(no report)"
echo "--- two nodes, standalone Artemis, PostgreSQL ($CLUSTER_EVENTS events per run, $NODE_KILLS node kills)"
cat faults/target/faults-cluster.txt 2>/dev/null || echo "(no report)"
echo "--- $(( $(date +%s) - start )) s"
