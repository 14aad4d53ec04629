#!/usr/bin/env bash
# Restart time: ./bench/load/restart-runs.sh h2|pg NAME [runs=5] [retention=archive]
# Starts a copy of the history restart-history.sh left in $RESTART_DIR/DB-NAME (and, for pg, in database restart_NAME)
# RUNS times, each time through the launcher (./switchboard start, the launcher's JVM options, 2 GB heap) on a fresh
# copy, and measures the time from launching './switchboard start' to the first accepted command: POST
# /api/v1/contacts, tried every 10 ms until it is answered 201. Prints per run that time, the server's CPU time until
# then, the log's account of the start (snapshot restored, journal entries replayed, and how long that took) and the
# load average; then the median. The server is killed (kill -9) after each run; the copy is thrown away.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=$1 name=$2 runs=${3:-5}
export SWITCHBOARD_JOURNAL_RETENTION=${4:-archive}
export SWITCHBOARD_ADMIN_TOKEN=restart-benchmark-admin-token-0000
DIR=${RESTART_DIR:-/tmp/restart}
source bench/load/fresh-server.sh              # for free_port
PORT=$(free_port)
RUN="$DIR/run-$db-$name"
RESULTS=$(mktemp)
ms() { date +%s%3N; }
./switchboard train > /dev/null              # the jar and its start-up cache, built and trained when stale
trap 'kill -9 "$server" 2> /dev/null || true; rm -rf "$RUN" "$RESULTS"' EXIT
server=""
for run in $(seq 1 "$runs"); do
  rm -rf "$RUN"; cp -a "$DIR/$db-$name" "$RUN"
  dbargs=()
  if [[ $db == pg ]]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists restart_run" \
         -c "create database restart_run template restart_$name"
    dbargs=(--db-url jdbc:postgresql://127.0.0.1:5432/restart_run)
  fi
  sync; sleep 2
  t0=$(ms)
  SWITCHBOARD_DB_USER=$([[ $db == pg ]] && echo postgres || echo sa) JAVA_TOOL_OPTIONS="-Xms2g -Xmx2g" \
    ./switchboard start --port "$PORT" --sip-port 0 --data "$RUN" --no-demo "${dbargs[@]}" > "$RUN.log" 2>&1 &
  server=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 -X POST "localhost:$PORT/api/v1/contacts" \
      -H "Authorization: Bearer $SWITCHBOARD_ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d '{"channel":"voice","from":"+79160000001","queue":"load"}') == 201 ]]; do
    kill -0 "$server" 2> /dev/null || { echo "the server did not start; see $RUN.log" >&2; exit 1; }
    sleep 0.01
  done
  first=$(( $(ms) - t0 ))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$server/stat")
  kill -9 "$server"; wait "$server" 2> /dev/null || true
  started=$(grep -o "Started from .*" "$RUN.log" | sed 's/journal entries after it//')
  live=$(grep -o "recovery done: [0-9]* live contacts" "$RUN.log" | grep -o "[0-9]*" || echo "?")
  echo "$first" >> "$RESULTS"
  printf '%s %s run %d: first accepted command after %5d ms (%s s CPU); %s; %s live contacts; load %s\n' \
    "$db" "$name" "$run" "$first" "$cpu" "$started" "$live" "$(cut -d' ' -f1 /proc/loadavg)"
done
sort -n "$RESULTS" | awk -v n="$runs" -v what="$db $name" '{v[NR] = $1} END {
  printf "%s: median %d ms of %d runs (%s)\n", what, (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2), n,
    "machine: '"$(nproc)"' CPUs, load average now '"$(cut -d' ' -f1-3 /proc/loadavg)"'"}'
