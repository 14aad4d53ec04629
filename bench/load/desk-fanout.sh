#!/usr/bin/env bash
# Event-stream push latency to a room of desks, several fresh runs:
#   ./bench/load/desk-fanout.sh h2|pg [runs=3] [desktops=500] [rate=200] [wallboard]
# With "wallboard", a supervisor's wallboard is open in headless Chromium (/usr/bin/chromium) during each run: its
# browser CPU over the measured window and what its tile shows at the end are printed too.
# Each run starts a fresh server (fresh-server.sh), staffs `desktops` READY agents, each with its own WebSocket as its
# browser desk has, plus one supervisor stream (what the wallboard listens to), then creates web contacts at `rate`/s
# open loop, each offered at once to one of them: 10 s warm-up, 20 s measured. Push latency is from the event's time
# (engine clock when the command was applied) to its arrival at the client: the durable commit and the fan-out.
# Prints per run the desktops' and the supervisor's latency percentiles and the server's CPU; the last line is the
# median of the runs' desktop p99.
# Needs the built jars (./switchboard build; ./mvnw -q -Pbench -pl bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
PORT=$(free_port)
DATA=$(mktemp -d)
P99S=$(mktemp)
server=""
trap 'kill "$server" 2> /dev/null || true; rm -rf "$DATA" "$DATA.log" "$DATA.out" "$P99S"' EXIT
for run in $(seq 1 "${2:-3}"); do
  start_server "$1" $PORT "$DATA"
  echo "run $run ($1, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  "$JAVA" -Xmx1g -cp bench/target/benchmarks.jar org.switchboard.bench.DesktopFanout --url "http://127.0.0.1:$PORT" \
    --token "$(cat "$DATA/admin-token")" --pid "$server" --desktops "${3:-500}" --rate "${4:-200}" \
    --seconds 20 --warmup 10 ${5:+--chromium /usr/bin/chromium} | tee "$DATA.out"
  awk '/^desktops:/ {print $13}' "$DATA.out" >> "$P99S"
  kill "$server"; wait "$server" || true
done
echo "desktop push p99, median of $(wc -l < "$P99S") runs: $(sort -g "$P99S" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}') ms"
