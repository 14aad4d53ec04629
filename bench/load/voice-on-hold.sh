#!/usr/bin/env bash
# 1,000 callers on hold: sipp calls 111 CALLERS times (50/s) into a menu that sends them straight to a queue nobody
# staffs, each call's SDP naming one port where RtpGaps records every RTP packet's arrival; once all wait, RtpGaps
# measures the streams for SECONDS (prompts, position announcements, music on hold), and the server's CPU time and
# resident memory over that window are printed. With tcpdump installed, the same packets are captured on the loopback
# device and their kernel timestamps analysed too (bench/load/pcap_gaps.py): the sender's pacing without the receiving
# program's own scheduling delays, which on a 2-core machine shared with sipp and the receiver are part of what it sees.
# bench/load/voice-on-hold.sh [CALLERS, default 1000] [SECONDS, default 60]; BENCH_SERVER_OPTS adds JVM options (e.g. -Xlog:gc),
# BENCH_VOICE_PROPERTIES=rtp.realtime-priority=10 puts the media clock under SCHED_FIFO (as root), KEEP_PCAP=1 keeps
# the capture
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
callers=${1:-1000}
seconds=${2:-60}
[[ -f bench/target/benchmarks.jar ]] || ./mvnw -q -Pbench -pl bench -am package -DskipTests
work=$(mktemp -d)
rtp=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_voice_server "$work"
launcher=$server
trap 'kill $launcher 2>/dev/null; pkill -f "sipp 127.0.0.1:$sip" 2>/dev/null; wait $launcher 2>/dev/null || true' EXIT
java_pid=$(pgrep -f -- "--port $port" | head -1)
hold_ms=$(( (callers / 50 + seconds + 30) * 1000 ))
sipp "127.0.0.1:$sip" -sf bench/load/voice-caller-on-hold.xml -i 127.0.0.1 -p "$(free_port)" -key rtpport "$rtp" \
  -r 50 -m "$callers" -l "$callers" -d "$hold_ms" -nostdin -timeout $(( hold_ms / 1000 + 60 ))s \
  > "$work/sipp.out" 2>&1 &
until [[ "$(curl -s "localhost:$port/metrics" | awk '/^switchboard_voice_calls /{print int($2)}')" -ge "$callers" ]]; do
  sleep 1
done
sleep 2
cpu_before=$(awk '{print $14 + $15}' "/proc/$java_pid/stat")
capture=""
if command -v tcpdump > /dev/null; then # the kernel's timestamps too: the sender's pacing without the receiver's
  tcpdump -i lo -s 64 -B 65536 -w "$work/rtp.pcap" "udp and dst port $rtp" > "$work/tcpdump.out" 2>&1 &
  capture=$!
  sleep 1
fi
"$JAVA" -Xmx512m -cp bench/target/benchmarks.jar org.switchboard.bench.RtpGaps "$rtp" "$seconds"
cpu_after=$(awk '{print $14 + $15}' "/proc/$java_pid/stat")
if [[ -n "$capture" ]]; then
  kill -INT "$capture"; wait "$capture" 2>/dev/null || true
  grep -E "dropped by kernel" "$work/tcpdump.out" || true
  python3 bench/load/pcap_gaps.py "$work/rtp.pcap"
  [[ -n "${KEEP_PCAP:-}" ]] || rm -f "$work/rtp.pcap"
fi
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$java_pid/status")
echo "server: $(python3 -c "print(round(($cpu_after - $cpu_before) / 100 / $seconds * 100))")% of one core over the window, RSS $((rss_kb / 1024)) MB (heap fixed at 2 GB); calls: $(curl -s "localhost:$port/metrics" | awk '/^switchboard_voice_calls /{print int($2)}')"
grep -E "WARN|ERROR" "$work/server.log" | sed 's/^[0-9:.]* //' | sort | uniq -c | sort -rn | head -5 || true
echo "(work files in $work)"
