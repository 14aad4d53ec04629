#!/usr/bin/env bash
# Reads while writing, several fresh runs:
#   ./bench/load/read-load-runs.sh h2|pg [runs=3] [listers=20] [contact-readers=20] [scrapers=10] [page=1000]
# Each run starts a fresh server (fresh-server.sh), fills a queue nobody answers with 50,000 waiting contacts, starts
# the closed-loop readers (listers walk that queue with pages of `page` along nextCursor, contact readers fetch random
# waiting contacts by id, scrapers fetch /metrics without a token) and, while they read, creates contacts at
# 1,000/s open loop (each offered at once to one of 1,000 READY agents): 20 s warm-up, then 20 s measured.
# Prints the writer's answers and latency, the reads per second by kind, the server's CPU and collections; the last
# line of all is the median of the runs' writer p99. 0 0 0 readers is the control.
# Needs the built jars (./switchboard build; ./mvnw -q -Pbench -pl bench -am package -DskipTests); pg needs
# PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
PORT=$(free_port)
DATA=$(mktemp -d)
P99S=$(mktemp)
server=""
trap 'kill "$server" 2> /dev/null || true; rm -rf "$DATA" "$DATA.log" "$DATA.out" "$P99S"' EXIT
./switchboard train                           # the start-up cache, trained when stale (else the first start trains)
for run in $(seq 1 "${2:-3}"); do
  start_server "$1" $PORT "$DATA"
  echo "run $run ($1, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  "$JAVA" -Xmx1g -cp bench/target/benchmarks.jar org.switchboard.bench.ApiLoad --url "http://127.0.0.1:$PORT" \
    --token "$(cat "$DATA/admin-token")" --pid "$server" --rate 1000 --seconds 20 --warmup 20 --agents 1000 \
    --waiting 50000 --listers "${3:-20}" --contact-readers "${4:-20}" --scrapers "${5:-10}" --page "${6:-1000}" \
    | tee "$DATA.out"
  awk '/latency ms/ {print $9}' "$DATA.out" >> "$P99S"
  kill "$server"; wait "$server" || true
done
echo "writer p99, median of $(wc -l < "$P99S") runs: $(sort -g "$P99S" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}') ms"
