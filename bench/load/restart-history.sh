#!/usr/bin/env bash
# A center's history for the restart benchmark, made by a real server through its API:
#   ./bench/load/restart-history.sh h2|pg NAME LIVE ENTRIES [retention=archive]
# starts a fresh server (as fresh-server.sh does; journal.retention as given, snapshots every 25,000 entries), creates
# queue 'load' and LIVE waiting contacts in it, then contacts that come and go (created, then abandoned: wrk with
# churn-contacts.lua) until the journal holds about ENTRIES entries, waits until the snapshot thread has caught up, and
# brings the journal to exactly one entry short of the next snapshot (CreateContacts) — the worst point of the snapshot
# cycle: a restart must load the newest snapshot and replay 24,999 entries — and kills the server there (kill -9).
# With ENTRIES 0 it only creates the queue and stops the server cleanly: an empty center.
# The LIVE contacts and the last 24,999 are SMS (RESTART_CHANNEL=voice for calls): a restart turns every waiting voice
# call into a callback, since the calls died with the server, and that recovery is measured apart (docs/benchmarks.md).
# Leaves the data directory in $RESTART_DIR/DB-NAME (default /tmp/restart) and, for pg, the database restart_NAME;
# restart-runs.sh starts copies of them. Needs wrk, the built jar (./switchboard build) and the bench jar
# (./mvnw -q -Pbench -pl bench -am package -DskipTests); pg needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
db=$1 name=$2 live=$3 entries=$4
export SWITCHBOARD_JOURNAL_RETENTION=${5:-archive}
export SWITCHBOARD_ADMIN_TOKEN=restart-benchmark-admin-token-0000
DIR=${RESTART_DIR:-/tmp/restart}
PORT=$(free_port)
EVERY=25000
token=$SWITCHBOARD_ADMIN_TOKEN
mkdir -p "$DIR" "$DIR/$db-$name"
health() { curl -s -m 5 "localhost:$PORT/health"; }
field() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }
to_position() {
  "$JAVA" -cp bench/target/benchmarks.jar org.switchboard.bench.CreateContacts --url "http://127.0.0.1:$PORT" \
      --token "$token" --to-position "$1" --connections 32 --channel "${RESTART_CHANNEL:-sms}"
}

./switchboard train > /dev/null              # the jar and its start-up cache, built and trained when stale
server=""
trap 'kill -9 "$server" 2> /dev/null || true' EXIT
start_server "$db" $PORT "$DIR/$db-$name"
curl -s -o /dev/null -X POST "localhost:$PORT/api/v1/queues" -H "Authorization: Bearer $token" \
     -H 'Content-Type: application/json' -d '{"id":"load","skills":["load"]}'
if [[ $entries -eq 0 ]]; then
  kill "$server"; wait "$server" || true
else
  started=$(date +%s)
  to_position $(( $(health | field position) + live ))
  while (( $(health | field position) < entries - EVERY )); do
    wrk -t2 -c64 -d20s -s bench/load/churn-contacts.lua "http://127.0.0.1:$PORT" -- "$token" | grep -E "Requests/sec|Non-2xx" || true
    echo "journal at $(health | field position) entries, $(( $(date +%s) - started )) s, load $(cut -d' ' -f1 /proc/loadavg)"
  done
  last=-1
  until [[ $last == "$(health | field lastPosition)" ]]; do last=$(health | field lastPosition); sleep 5; done
  to_position $(( last + EVERY - 1 ))
  health; echo
  kill -9 "$server"; wait "$server" 2> /dev/null || true
fi
if [[ $db == pg ]]; then
  sleep 1
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists restart_$name" \
       -c "alter database switchboard_bench rename to restart_$name"
fi
grep -E "Snapshot at|Opened|Started" "$DIR/$db-$name.log" | tail -3
du -sh "$DIR/$db-$name"/* | sed "s|^|$name: |"
