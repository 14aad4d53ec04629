#!/usr/bin/env bash
# Durable-path throughput, several fresh runs: ./bench/load/throughput-runs.sh h2|pg [runs=3] [connections=256]
# Contacts created with POST /api/v1/contacts by wrk (closed loop) into a queue with no agents; every 201 is sent
# only after the journal committed. 60 s warm-up (the JIT compiles for most of it), then 20 s measured; a fresh
# server and database per run. Prints wrk's figures and the server's CPU time per contact.
# Needs wrk (apt install wrk), the built jar (./switchboard build); pg needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
PORT=$(free_port)
DATA=$(mktemp -d)
CONNECTIONS="${3:-256}"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for run in $(seq 1 "${2:-3}"); do
  start_server "$1" $PORT "$DATA"
  token=$(cat "$DATA/admin-token")
  curl -s -o /dev/null -X POST "localhost:$PORT/api/v1/queues" -H "Authorization: Bearer $token" \
       -H 'Content-Type: application/json' -d '{"id":"load","skills":["load"]}'
  wrk -t2 -c"$CONNECTIONS" -d60s -s bench/load/create-contact.lua "http://127.0.0.1:$PORT" -- "$token" > /dev/null
  before=$(cpu_ticks "$server")
  out=$(wrk -t2 -c"$CONNECTIONS" -d20s --latency -s bench/load/create-contact.lua "http://127.0.0.1:$PORT" -- "$token")
  after=$(cpu_ticks "$server")
  requests=$(grep -oE '[0-9]+ requests in' <<< "$out" | grep -oE '^[0-9]+')
  grep -E "Requests/sec|Non-2xx|99%" <<< "$out"
  echo "server CPU per contact: $(( (after - before) * 10000000 / (requests * $(getconf CLK_TCK)) / 10 )) us"
  curl -s "localhost:$PORT/metrics" | grep -E "^switchboard_journal_(commits|entries)_total" || true
  kill "$server"; wait "$server" || true
done
