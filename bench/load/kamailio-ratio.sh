#!/usr/bin/env bash
# Our call set-up rate as a ratio to Debian's kamailio as a stateful proxy, under the same sipp load on this machine.
# For each target, two sipp callers (voice-caller-3s.xml: INVITE with PCMU SDP, 200, ACK, 3 s, BYE) offer RATE calls/s
# each for SECONDS:
#   switchboard: ./switchboard start, the menu sends every caller straight to queue 'info' (answered with SDP,
#                the contact journaled, 3 s of prompt and music as RTP, abandoned at the BYE);
#   kamailio:    kamailio (tm t_relay, 4 UDP workers) relaying every request to a sipp UAS (-sn uas) that answers.
# Prints, per target: calls completed and failed, completed calls/s, mean INVITE->200 time (sipp measures in whole
# ms), and the CPU seconds the target used per 1,000 calls (kamailio's with the UAS's, which answers in its place).
# Each run starts Switchboard afresh: its figures include the JIT's warm-up, as a restarted server's would. The
# kamailio path loses about 1 % of calls to the sipp UAS's unexpected retransmissions, not to kamailio. Requires kamailio
# (apt-get install kamailio; its service need not run).
# bench/load/kamailio-ratio.sh [RATE per sipp process, default 100] [SECONDS, default 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
rate=${1:-100}
seconds=${2:-30}
work=$(mktemp -d)
calls=$((rate * seconds))
modules=/usr/lib/x86_64-linux-gnu/kamailio/modules

cpu_seconds() { # total user+system CPU seconds of the given pids
  local ticks=0
  for p in "$@"; do ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  python3 -c "print($ticks / $(getconf CLK_TCK))"
}

# load TARGET_PORT NAME PID... : runs the two callers against 127.0.0.1:TARGET_PORT, prints the figures for NAME
load() {
  local target=$1 name=$2
  shift 2
  local before pids=() ok=0 failed=0 rtt=0
  before=$(cpu_seconds "$@")
  local start end
  start=$(date +%s.%N)
  for i in 1 2; do
    sipp "127.0.0.1:$target" -sf bench/load/voice-caller-3s.xml -i 127.0.0.1 -p "$(free_port)" \
      -mp "$((40000 + i * 4000))" -r "$rate" -m "$calls" -l $((rate * 6)) -d 3000 -nostdin \
      -timeout $((seconds + 60))s -trace_stat -stf "$work/$name-$i.csv" > "$work/$name-$i.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  end=$(date +%s.%N)
  local used
  used=$(python3 -c "print($(cpu_seconds "$@") - $before)")
  for i in 1 2; do
    ok=$((ok + $(tail -1 "$work/$name-$i.csv" | awk -F';' '{print $16}')))
    failed=$((failed + $(tail -1 "$work/$name-$i.csv" | awk -F';' '{print $18}')))
  done
  # ResponseTime1(C): INVITE -> 200, the cumulative mean, "hh:mm:ss:microseconds"
  rtt=$(python3 - "$work/$name-1.csv" "$work/$name-2.csv" <<'PY'
import sys
total = 0.0
for f in sys.argv[1:]:
    head, last = open(f).read().strip().split("\n")[0].split(";"), open(f).read().strip().split("\n")[-1].split(";")
    i = head.index("ResponseTime1(C)")
    h, m, s, us = (float(x) for x in last[i].split(":"))  # the last field is microseconds
    total += ((h * 60 + m) * 60 + s) * 1000 + us / 1000
print(round(total / len(sys.argv[1:]), 1))
PY
)
  printf '%-12s %6d completed %5d failed  %6.1f calls/s  INVITE->200 %7.1f ms  %5.2f CPU s per 1,000 calls\n' \
    "$name" "$ok" "$failed" "$(python3 -c "print($ok / ($end - $start))")" "$rtt" \
    "$(python3 -c "print($used * 1000 / max($ok, 1))")"
  echo "$name $ok $failed $(python3 -c "print($ok / ($end - $start))") $rtt $used" >> "$work/figures"
}

echo "offering $((2 * rate)) calls/s for ${seconds} s to each target ($work)"

# Switchboard
start_voice_server "$work"
trap 'kill $server 2>/dev/null; pkill -f "kamailio -f $work" 2>/dev/null; kill ${uas:-0} 2>/dev/null; true' EXIT
load "$sip" switchboard "$server" # the launcher execs java: the same pid
kill "$server"; wait "$server" 2>/dev/null || true

# kamailio -> sipp UAS
uas_port=$(free_port)
kam_port=$(free_port)
sipp -sn uas -i 127.0.0.1 -p "$uas_port" -nostdin -bg > "$work/uas.out" 2>&1 || true
uas=$(pgrep -f "sipp -sn uas -i 127.0.0.1 -p $uas_port" | head -1)
cat > "$work/kamailio.cfg" <<CFG
#!KAMAILIO
debug=1
log_stderror=yes
memdbg=5
memlog=5
children=4
listen=udp:127.0.0.1:$kam_port
mpath="$modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  \$du = "sip:127.0.0.1:$uas_port";
  if (!t_relay()) { sl_reply_error(); }
}
CFG
kamailio -f "$work/kamailio.cfg" -DD -E -m 256 -M 32 > "$work/kamailio.log" 2>&1 &
kam=$!
sleep 2
kam_pids=$(pgrep -f "kamailio -f $work/kamailio.cfg" | tr '\n' ' ')
# shellcheck disable=SC2086
load "$kam_port" kamailio $kam_pids $uas
kill "$kam" "$uas" 2>/dev/null || true

python3 - "$work/figures" <<'PY'
import sys
rows = {l.split()[0]: [float(x) for x in l.split()[1:]] for l in open(sys.argv[1])}
s, k = rows["switchboard"], rows["kamailio"]
rtt = f"{s[3] / k[3]:.1f}x" if k[3] > 0 else f"{s[3]:.0f} ms against under 1 ms (sipp measures in ms)"
print(f"ratio switchboard/kamailio: completed calls/s {s[2] / k[2]:.2f}, INVITE->200 time {rtt}, "
      f"CPU per call {(s[4] / max(s[0], 1)) / max(k[4] / max(k[0], 1), 1e-9):.1f}x")
PY
