#!/usr/bin/env bash
# Durable-path throughput, several fresh runs: ./bench/load/throughput-runs.sh h2|pg [runs=3] [connections=256] [health]
# Contacts created with POST /api/v1/contacts by wrk (closed loop) into a queue with no agents; every 201 is sent
# only after the journal committed. 60 s warm-up (the JIT compiles for most of it), then 20 s measured; a fresh
# server and database per run. Prints wrk's figures, the server's CPU time per contact and the load average, and
# how that CPU time splits over the server's threads, named as the kernel keeps them (15 characters, digits left
# out, so pools add up): ForkJoinPool-- are the carriers of the virtual threads that run the HTTP handlers, http-
# Jetty's selector, switchboard-jou the journal writer, -rou the routing loop, -sna the snapshotter, GCThread# G1's
# young collections, GConc# its concurrent marking, CCompilerThre the JIT.
# With 'health' the same server answers GET /health instead: the HTTP stack alone, for the ratio of the two.
# Needs wrk (apt install wrk), the built jar (./switchboard build); pg needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
PORT=$(free_port)
DATA=$(mktemp -d)
CONNECTIONS="${3:-256}"
if [[ "${4:-}" == health ]]; then LOAD=(); TARGET=/health; else LOAD=(-s bench/load/create-contact.lua); TARGET=; fi
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
thread_ticks() { # "pool thread-id ticks" per thread of process $1; digits left out of the name, so pools add up
  for task in /proc/"$1"/task/*; do
    stat=$(cat "$task/stat" 2> /dev/null) || continue
    name=${stat#*(}; read -r -a fields <<< "${stat##*) }"
    echo "$(tr -d '0-9 ' <<< "${name%)*}") ${task##*/} $(( fields[11] + fields[12] ))"
  done
}
per_thread() { # the CPU per request of each pool between two thread_ticks files, largest first, 1 us or more
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$2] = $3; next } { cpu[$1] += $3 - before[$2] }
    END { for (t in cpu) if (cpu[t] * 1e6 / hz / n >= 1) printf "%.0f %s\n", cpu[t] * 1e6 / hz / n, t }' "$1" "$2" |
    sort -rn | awk '{ printf "%s%s %s us", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
}
for run in $(seq 1 "${2:-3}"); do
  start_server "$1" $PORT "$DATA"
  token=$(cat "$DATA/admin-token")
  curl -s -o /dev/null -X POST "localhost:$PORT/api/v1/queues" -H "Authorization: Bearer $token" \
       -H 'Content-Type: application/json' -d '{"id":"load","skills":["load"]}'
  wrk -t2 -c"$CONNECTIONS" -d60s "${LOAD[@]}" "http://127.0.0.1:$PORT$TARGET" -- "$token" > /dev/null
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  before=$(cpu_ticks "$server")
  thread_ticks "$server" > "$DATA.threads-before"
  out=$(wrk -t2 -c"$CONNECTIONS" -d20s --latency "${LOAD[@]}" "http://127.0.0.1:$PORT$TARGET" -- "$token")
  after=$(cpu_ticks "$server")
  thread_ticks "$server" > "$DATA.threads-after"
  requests=$(grep -oE '[0-9]+ requests in' <<< "$out" | grep -oE '^[0-9]+')
  grep -E "Requests/sec|Non-2xx|99%" <<< "$out"
  echo "server CPU per ${TARGET:-contact}: $(( (after - before) * 10000000 / (requests * $(getconf CLK_TCK)) / 10 )) us" \
       "(load average $load_before -> $(cut -d' ' -f1 /proc/loadavg))"
  echo "by thread: $(per_thread "$DATA.threads-before" "$DATA.threads-after" "$requests")"
  curl -s "localhost:$PORT/metrics" | grep -E "^switchboard_journal_(commits|entries)_total" || true
  kill "$server"; wait "$server" || true
done
