#!/usr/bin/env bash
# Voice call set-up rate: two sipp callers (one sipp process does about 180 calls/s here) call 111 at RATE calls/s
# each for SECONDS, into a menu that sends every caller straight to queue 'info' (each call: INVITE, 200 with the
# center's SDP, ACK, the contact registered and journaled, 3 s of the center's RTP (queued prompt, music), BYE, the
# contact abandoned). Prints sipp's successful/failed calls and the center's own counters.
# bench/load/voice-setups.sh [RATE per process, default 100] [SECONDS, default 60]
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
rate=${1:-100}
seconds=${2:-60}
work=$(mktemp -d)
start_voice_server "$work"
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
calls=$((rate * seconds))
start=$(date +%s.%N)
pids=()
for i in 1 2; do
  sipp "127.0.0.1:$sip" -sf bench/load/voice-caller-3s.xml -i 127.0.0.1 -p "$(free_port)" -mp "$((40000 + i * 4000))" \
    -r "$rate" -m "$calls" -l $((rate * 6)) -d 3000 -nostdin -timeout $((seconds + 60))s -trace_stat \
    -stf "$work/sipp-$i.csv" > "$work/sipp-$i.out" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
end=$(date +%s.%N)
ok=0; failed=0
for i in 1 2; do
  ok=$((ok + $(tail -1 "$work/sipp-$i.csv" | awk -F';' '{print $16}')))
  failed=$((failed + $(tail -1 "$work/sipp-$i.csv" | awk -F';' '{print $18}')))
done
echo "sipp: $ok calls succeeded, $failed failed, offered $((2 * rate)) calls/s for ${seconds} s"
echo "elapsed $(python3 -c "print(round($end - $start, 1))") s: $(python3 -c "print(round($ok / ($end - $start), 1))") successful calls/s over the run"
curl -s "localhost:$port/metrics" | grep -E '^switchboard_voice_(invites|calls_answered|calls_refused|calls_ended)' || true
grep -E "WARN|ERROR" "$work/server.log" | sort | uniq -c | sort -rn | head -5 || true
echo "(work files in $work)"
