# Shared by the benchmarks (sourced, not run): the hub from the built jar on loopback, in a fresh data directory.
#   start_hub LOG [extra VAR=value ...]   starts it (embedded Artemis + H2), sets HUB to its pid, waits until healthy
#   route_op ROUTE OPERATION              invokes stop() or start() on a route over the bench's Jolokia policy
#   queue_counts QUEUE                    prints the queue's work waiting now (its messages less those held for a later
#                                         time: activations at check-in, deliveries) and the number held for later
# Needs PORT, MGMT and WORK set by the caller.

start_hub() {
  local log=$1
  shift
  env HUB_DATA_DIR="$WORK/data" HUB_HTTP_PORT="$PORT" HUB_HTTP_HOST=127.0.0.1 HUB_MANAGEMENT_PORT="$MGMT" \
    HUB_SOURCES_GENERIC_TOKEN=bench-token HUB_SMTP_PORT=1 "$@" \
    java ${BENCH_JVM:--Xms1g -Xmx1g} -cp bench/jolokia-bench:app/target/wifi-onboarding-hub.jar org.wifionboarding.hub.app.HubApplication \
    > "$log" 2>&1 &
  HUB=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$MGMT/observe/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$MGMT/observe/health" >/dev/null || { echo "hub did not start"; tail -50 "$log"; exit 1; }
}

route_op() {
  local mbean
  mbean=$(curl -s "http://127.0.0.1:$MGMT/observe/jolokia/search/org.apache.camel:type=routes,name=%22$1%22,*" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"][0])')
  curl -s -X POST "http://127.0.0.1:$MGMT/observe/jolokia" -H 'Content-Type: application/json' \
    -d "$(python3 -c 'import json,sys; print(json.dumps({"type": "exec", "mbean": sys.argv[1], "operation": sys.argv[2]}))' "$mbean" "$2")" \
    | grep -q '"status":200' || { echo "could not $2 the $1 route"; exit 1; }
}

queue_counts() {
  curl -s -X POST "http://127.0.0.1:$MGMT/observe/jolokia" -H 'Content-Type: application/json' -d "{\"type\":\"read\",
    \"mbean\":\"org.apache.activemq.artemis:broker=\\\"wifi-onboarding-hub\\\",component=addresses,address=\\\"$1\\\",subcomponent=queues,routing-type=\\\"anycast\\\",queue=\\\"$1\\\"\",
    \"attribute\":[\"MessageCount\",\"ScheduledCount\"]}" \
    | python3 -c 'import json,sys; v=json.load(sys.stdin)["value"]; print(v["MessageCount"] - v["ScheduledCount"], v["ScheduledCount"])'
}
