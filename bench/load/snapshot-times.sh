#!/usr/bin/env bash
# How long snapshots take while contacts pile up: ./bench/load/snapshot-times.sh [seconds=40] [connections=128]
# Starts a fresh server (fresh-server.sh: embedded H2, 2 GB heap), defines queue 'load' nobody answers, creates
# contacts into it with wrk (create-contact.lua) for SECONDS, stops the server cleanly and prints the snapshotter's
# log lines: journal position, live contacts, size and the time each snapshot took. Alternate two builds (one worktree
# each) to compare them. Needs wrk and the built jar (./switchboard build).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
PORT=$(free_port)
DATA=$(mktemp -d)
server=""
trap 'kill "$server" 2> /dev/null || true; rm -rf "$DATA" "$DATA.log"' EXIT
start_server h2 "$PORT" "$DATA"
token=$(cat "$DATA/admin-token")
curl -s -o /dev/null -X POST "localhost:$PORT/api/v1/queues" -H "Authorization: Bearer $token" \
     -H 'Content-Type: application/json' -d '{"id":"load","skills":["load"]}'
wrk -t2 -c"${2:-128}" -d"${1:-40}s" -s bench/load/create-contact.lua "http://127.0.0.1:$PORT" -- "$token" \
  | grep Requests/sec
kill "$server"; wait "$server" || true
grep "Snapshot at" "$DATA.log" | sed 's/.*Snapshot at journal position //'
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
