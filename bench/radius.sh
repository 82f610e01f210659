#!/usr/bin/env bash
# FreeRADIUS (Debian's package, radius/raddb) against hub-shaped rlm_sql tables in PostgreSQL on
# loopback: the radtest round trip (process start included, 20 runs) and radclient's authentication
# rate for REQUESTS Access-Requests over 100 guest accounts, 32 in flight. Bounded in count.
#   bench/radius.sh [requests=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-2000}
SCHEMA=bench_radius_$$
PORT=${BENCH_RADIUS_PORT:-18120}
WORK=$(mktemp -d)
PSQL=(psql -q -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1)
cleanup() {
  kill "$RADIUS" 2>/dev/null || true; wait "$RADIUS" 2>/dev/null || true
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
  rm -rf "$WORK"
}
"${PSQL[@]}" <<SQL
CREATE SCHEMA $SCHEMA;
SET search_path = $SCHEMA;
CREATE TABLE radcheck (id BIGSERIAL PRIMARY KEY, username VARCHAR(64) NOT NULL, attribute VARCHAR(64) NOT NULL, op CHAR(2) NOT NULL DEFAULT '==', value VARCHAR(253) NOT NULL);
CREATE INDEX ON radcheck (username);
CREATE TABLE radreply (LIKE radcheck INCLUDING ALL);
CREATE TABLE radgroupcheck (id BIGSERIAL PRIMARY KEY, groupname VARCHAR(64) NOT NULL, attribute VARCHAR(64) NOT NULL, op CHAR(2) NOT NULL, value VARCHAR(253) NOT NULL);
CREATE TABLE radgroupreply (LIKE radgroupcheck INCLUDING ALL);
CREATE TABLE radusergroup (id BIGSERIAL PRIMARY KEY, username VARCHAR(64) NOT NULL, groupname VARCHAR(64) NOT NULL, priority INTEGER NOT NULL DEFAULT 0);
INSERT INTO radcheck (username, attribute, op, value)
  SELECT 'guest-bench' || n, 'Cleartext-Password', ':=', 'Bench-Pass-' || n FROM generate_series(1, 100) n
  UNION ALL
  SELECT 'guest-bench' || n, 'Expiration', ':=', to_char(now() AT TIME ZONE 'UTC' + interval '2 days', 'DD Mon YYYY HH24:MI:SS') FROM generate_series(1, 100) n;
SQL
mkdir -p "$WORK/run"
RADIUS=
trap cleanup EXIT
TZ=UTC HUB_RADIUS_DB="host=127.0.0.1 port=5432 dbname=test user=postgres options='-c search_path=$SCHEMA'" \
HUB_RADIUS_PORT=$PORT HUB_RADIUS_ACCT_PORT=$((PORT + 1)) HUB_RADIUS_SECRET=bench-secret HUB_RADIUS_RUN_DIR="$WORK/run" \
  /usr/sbin/freeradius -f -d "$PWD/radius/raddb" > "$WORK/radius.out" 2>&1 &
RADIUS=$!
for _ in $(seq 1 40); do
  radtest -t pap nobody x 127.0.0.1:$PORT 0 bench-secret 2>/dev/null | grep -q Received && break
  sleep 0.25
done

start=$(date +%s%N)
for n in $(seq 1 20); do
  radtest -t pap guest-bench$n Bench-Pass-$n 127.0.0.1:$PORT 0 bench-secret | grep -q "Access-Accept" || { echo "guest-bench$n was not accepted"; exit 1; }
done
end=$(date +%s%N)
echo "radtest round trip (Access-Accept, process start included): $(( (end - start) / 20 / 1000000 )) ms on average over 20"

: > "$WORK/requests"
for i in $(seq 1 "$REQUESTS"); do
  n=$(( (i % 100) + 1 ))
  printf 'User-Name = "guest-bench%d"\nUser-Password = "Bench-Pass-%d"\n\n' "$n" "$n" >> "$WORK/requests"
done
start=$(date +%s%N)
radclient -p 32 -f "$WORK/requests" 127.0.0.1:$PORT auth bench-secret > "$WORK/answers" 2>&1 || true; cp "$WORK/answers" /tmp/radclient.answers; cp "$WORK/run/radius.log" /tmp/bench-radius.log
end=$(date +%s%N)
accepted=$(grep -c "Received Access-Accept" "$WORK/answers" || true)
echo "radclient: $REQUESTS Access-Requests, 32 in flight: $(( REQUESTS * 1000000000 / (end - start) )) requests/s; Access-Accept: $accepted"
