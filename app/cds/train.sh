#!/usr/bin/env bash
# Regenerates app/cds/hub.classlist, the list of classes the build puts in the hub's class-data-sharing archive
# (app/target/hub.jsa, made at `package` by `java -Xshare:dump`): starts the built hub on loopback in a fresh data
# directory with -XX:DumpLoadedClassList, sends it one booking and waits until it is provisioned, so the classes of the
# start and of every stage are listed, then stops it. Run it after changing dependencies; a stale list still works
# (classes that are gone are skipped at the dump, new ones load as before), it only saves less.
#   app/cds/train.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${CDS_PORT:-18090}
MGMT=${CDS_MGMT_PORT:-19890}
[ -f app/target/wifi-onboarding-hub.jar ] || ./mvnw -q -B -DskipTests package
WORK=$(mktemp -d)
HUB=
trap '[ -n "$HUB" ] && kill "$HUB" 2>/dev/null; rm -rf "$WORK"' EXIT
HUB_DATA_DIR="$WORK/data" HUB_HTTP_PORT="$PORT" HUB_HTTP_HOST=127.0.0.1 HUB_MANAGEMENT_PORT="$MGMT" HUB_SOURCES_GENERIC_TOKEN=train \
  HUB_SMTP_PORT=1 java -XX:DumpLoadedClassList="$WORK/hub.classlist" -jar app/target/wifi-onboarding-hub.jar > "$WORK/hub.log" 2>&1 &
HUB=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$MGMT/observe/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$MGMT/observe/health/ready" >/dev/null || { echo "hub did not start"; tail -30 "$WORK/hub.log"; exit 1; }
curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/webhooks/generic" -H 'Content-Type: application/json' -H 'Authorization: Bearer train' \
  --data-binary @examples/generic-confirmed.json
provisioned() { curl -s "http://127.0.0.1:$MGMT/observe/metrics" | awk 'index($0, "hub_provisioning_seconds_count") == 1 {s += $NF} END {printf "%d", s}'; }
for _ in $(seq 1 150); do [ "$(provisioned)" -ge 1 ] && break; sleep 0.2; done
P=$(provisioned)
kill "$HUB"; wait "$HUB" 2>/dev/null || true
HUB=
cp "$WORK/hub.classlist" app/cds/hub.classlist
echo "app/cds/hub.classlist: $(grep -vc '^#' app/cds/hub.classlist) classes and lambda forms; bookings provisioned during the run: $P"
