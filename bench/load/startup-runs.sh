#!/usr/bin/env bash
# Start-up speed with and without the ahead-of-time cache: ./bench/load/startup-runs.sh [runs=3] [connections=256]
# Each run starts a fresh server through the launcher (empty data directory, embedded H2, no demo, 2 GB heap, as
# fresh-server.sh does) and measures
#   first answer  the time from './switchboard start' to the first answered request (GET /health, polled every 10 ms),
#                 and the CPU time the server's process used until then (steadier on a busy host);
#   to 80 %       the time from './switchboard start' to 80 % of steady durable throughput: from the first answer on,
#                 wrk creates contacts for 90 s (POST /api/v1/contacts, closed loop, each answered after its journal
#                 commit); the server's committed journal entries are read every second; steady is the median rate
#                 of the last 20 s, and "to 80 %" is when the per-second rate first reaches 80 % of it for 3 s running.
# Modes: 'cache' (the launcher's default: -XX:AOTCache, trained by ./switchboard build) and 'none' (SWITCHBOARD_AOT=off).
# Prints every run and the medians. Needs wrk (apt install wrk) and python3; builds and trains what is stale first.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh              # for free_port
PORT=$(free_port)
DATA=$(mktemp -d)
CONNECTIONS="${2:-256}"
RESULTS=$(mktemp)
ms() { date +%s%3N; }

# what a run makes of its samples ("ms-since-start committed-entries" lines): "mode run first-ms to-80%-s steady"
ANALYSIS='
import sys, statistics
mode, run, first, cpu = sys.argv[1:5]
points = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
rates = [((t1 + t0) / 2, (e1 - e0) / ((t1 - t0) / 1000)) for (t0, e0), (t1, e1) in zip(points, points[1:])]
steady = statistics.median(r for _, r in rates[-20:])
reach = next((t for i, (t, _) in enumerate(rates) if all(r >= 0.8 * steady for _, r in rates[i:i + 3])), float("nan"))
print(f"{mode} {run} {first} {reach / 1000:.1f} {steady:.0f} {cpu}")'

./switchboard train                           # the jar and its start-up cache, built and trained when stale
trap 'kill "$server" 2> /dev/null || true; rm -rf "$DATA" "$DATA.log" "$RESULTS"' EXIT
server=""
for mode in cache none; do
  for run in $(seq 1 "${1:-3}"); do
    rm -rf "${DATA:?}"/*
    aot=on; [[ $mode == none ]] && aot=off
    t0=$(ms)
    SWITCHBOARD_AOT=$aot JAVA_TOOL_OPTIONS="-Xms2g -Xmx2g" \
      ./switchboard start --port "$PORT" --sip-port 0 --data "$DATA/d" --no-demo > "$DATA.log" 2>&1 &
    server=$!
    until curl -s -o /dev/null -m 1 "localhost:$PORT/health"; do
      kill -0 "$server" 2> /dev/null || { echo "the server did not start; see $DATA.log" >&2; exit 1; }
      sleep 0.01
    done
    first=$(( $(ms) - t0 ))
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$server/stat")
    token=$(cat "$DATA/d/admin-token")
    curl -s -o /dev/null -X POST "localhost:$PORT/api/v1/queues" -H "Authorization: Bearer $token" \
         -H 'Content-Type: application/json' -d '{"id":"load","skills":["load"]}'
    wrk -t2 -c"$CONNECTIONS" -d90s -s bench/load/create-contact.lua "http://127.0.0.1:$PORT" -- "$token" > /dev/null &
    load=$!
    samples=""
    while kill -0 "$load" 2> /dev/null; do
      entries=$(curl -s -m 5 "localhost:$PORT/metrics" | awk '/^switchboard_journal_entries_total/ {print $2}') || true
      [[ -n "$entries" ]] && samples+="$(( $(ms) - t0 )) $entries"$'\n'
      sleep 1
    done
    wait "$load" || true
    kill "$server"; wait "$server" || true
    python3 -c "$ANALYSIS" "$mode" "$run" "$first" "$cpu" <<< "$samples" >> "$RESULTS"
    tail -1 "$RESULTS" | awk '{printf "%-5s run %s: first answer %5d ms (%s s CPU), 80 %% of steady at %5.1f s, steady %6d contacts/s, load %s\n", $1, $2, $3, $6, $4, $5, la}' la="$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "medians of ${1:-3} runs (machine: $(nproc) CPUs, load average now $(cut -d' ' -f1-3 /proc/loadavg)):"
for mode in cache none; do
  awk -v m="$mode" '$1 == m' "$RESULTS" | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin]
print(f"{rows[0][0]:5}  first answer {statistics.median(float(r[2]) for r in rows):6.0f} ms "
      f"({statistics.median(float(r[5]) for r in rows):.2f} s CPU)   "
      f"80 % of steady at {statistics.median(float(r[3]) for r in rows):5.1f} s   "
      f"steady {statistics.median(float(r[4]) for r in rows):6.0f} contacts/s")'
done
