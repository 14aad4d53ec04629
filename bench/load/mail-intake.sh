#!/usr/bin/env bash
# The e-mail channel draining a backlog: N messages (default 50,000, from N different senders) wait in a real IMAP
# mailbox (Debian's Dovecot, run here with its own configuration and port, Maildir delivery), then a fresh server (H2
# or PostgreSQL, the demo's e-mail queue, a bounded heap) starts reading it cold. Every second the script reads the
# server's /metrics: messages made durable contacts (switchboard_mail_opened_total) and the heap in use.
#   ./bench/load/mail-intake.sh h2|pg [messages=50000] [heap=512m]
# Prints the rate over the whole drain and its per-second median, the heap's highest sample, the live data after the
# last old-generation collection (jvm_gc_live_data_size_bytes) and the server's RSS.
# Needs dovecot (apt-get install dovecot-imapd), python3 and the built server (./switchboard build). Run as root (Dovecot
# reads the mailbox as its own user) or as a user Dovecot may run as.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
kind=${1:-h2}
N=${2:-50000}
HEAP=${3:-512m}
WORK=$(mktemp -d)
chmod 755 "$WORK"
server=""
dovecot_pid=""
trap 'kill "$server" "$dovecot_pid" 2> /dev/null || true; sleep 1; rm -rf "$WORK"' EXIT

maildir=$WORK/mail/help/Maildir
mkdir -p "$maildir"/{new,cur,tmp} "$WORK/dovecot"
python3 - "$maildir" "$N" <<'EOF'
import os, sys, time
maildir, n = sys.argv[1], int(sys.argv[2])
body = ("Здравствуйте! Не работает мобильный интернет после поездки, телефон пишет «нет сети». "
        "Перезагружал, не помогло. Номер тот же, что в подписи.\r\n\r\n-- \r\nАбонент\r\n").encode("utf-8")
now = int(time.time())
for i in range(n):
    head = (f"From: Subscriber {i} <s{i}@example.test>\r\nTo: help@operator.test\r\n"
            f"Subject: =?UTF-8?B?0J3QtSDRgNCw0LHQvtGC0LDQtdGCINC40L3RgtC10YDQvdC10YI=?= {i}\r\n"
            f"Message-ID: <bench-{i}@example.test>\r\nDate: Fri, 04 Dec 2026 09:00:00 +0000\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
    with open(os.path.join(maildir, "new", f"{now}.M{i}P1.bench"), "wb") as f:
        f.write(head.encode("ascii") + body)
EOF
echo 'help:{PLAIN}bench-secret' > "$WORK/dovecot/users"
if [[ $(id -u) == 0 ]]; then user=dovecot; login=dovenull; chown -R dovecot:dovecot "$WORK/mail"; group=dovecot
else user=$(id -un); login=$user; group=$(id -gn); fi
imap=$(free_port)
cat > "$WORK/dovecot/dovecot.conf" <<EOF
base_dir = $WORK/dovecot/run
state_dir = $WORK/dovecot/state
log_path = $WORK/dovecot/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
first_valid_uid = 1
first_valid_gid = 1
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$maildir
default_internal_user = $user
default_login_user = $login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $WORK/dovecot/users
}
userdb {
  driver = static
  args = uid=$user gid=$group home=$WORK/dovecot
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
EOF
/usr/sbin/dovecot -F -c "$WORK/dovecot/dovecot.conf" > "$WORK/dovecot/stdout.log" 2>&1 &
dovecot_pid=$!

db=()
if [[ "$kind" == pg ]]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists switchboard_bench" \
       -c "create database switchboard_bench"
  db=(--db-url jdbc:postgresql://127.0.0.1:5432/switchboard_bench)
fi
port=$(free_port)
started=$(date +%s.%N)
SWITCHBOARD_DB_USER=$([[ "$kind" == pg ]] && echo postgres || echo sa) JAVA_TOOL_OPTIONS="-Xmx$HEAP" \
  SWITCHBOARD_MAIL_ADDRESS=help@operator.test SWITCHBOARD_MAIL_IMAP_HOST=127.0.0.1 SWITCHBOARD_MAIL_IMAP_PORT=$imap \
  SWITCHBOARD_MAIL_IMAP_USER=help SWITCHBOARD_MAIL_SMTP_PORT=$(free_port) SWITCHBOARD_MAIL_TLS=false \
  SWITCHBOARD_MAIL_PASSWORD=bench-secret SWITCHBOARD_MAIL_ACKNOWLEDGE=false \
  ./switchboard start --port "$port" --sip-port 0 --data "$WORK/data" "${db[@]}" > "$WORK/server.log" 2>&1 &
server=$!
echo "mail intake ($kind, $N messages waiting, heap $HEAP, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
python3 - "$port" "$N" "$server" "$started" <<'EOF'
import re, statistics, subprocess, sys, time, urllib.request
port, n, pid, started = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
samples, heap_max, live_max, rss_max, deadline = [], 0, 0, 0, time.time() + 1800
def metrics():
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    except Exception:
        return None
def rss():
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", pid], capture_output=True, text=True).stdout.split()
    own = subprocess.run(["ps", "-o", "rss=", "-p", pid], capture_output=True, text=True).stdout.split()
    return max([int(x) for x in out + own] or [0]) * 1024
while time.time() < deadline:
    text = metrics()
    if text:
        opened = sum(float(v) for v in re.findall(r'^switchboard_mail_opened_total(?:\{[^}]*\})? (\S+)', text, re.M))
        heap = sum(float(v) for v in re.findall(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\} (\S+)', text, re.M))
        live = sum(float(v) for v in re.findall(r'^jvm_gc_live_data_size_bytes(?:\{[^}]*\})? (\S+)', text, re.M))
        heap_max, live_max, rss_max = max(heap_max, heap), max(live_max, live), max(rss_max, rss())
        samples.append((time.time(), opened))
        if opened >= n:
            break
    time.sleep(1)
first = next((i for i, s in enumerate(samples) if s[1] > 0), None)
if first is None:
    sys.exit("no message was taken; see the server's log")
t0, done = samples[max(first - 1, 0)], samples[-1]
rates = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(samples[first:], samples[first + 1:])]
print(f"  {int(done[1])} of {n} messages durable contacts in {done[0] - t0[0]:.1f} s after the first "
      f"({done[0] - started:.1f} s after the start): {(done[1] - t0[1]) / (done[0] - t0[0]):.0f} messages/s, "
      f"median per second {statistics.median(rates) if rates else 0:.0f}/s")
print(f"  heap in use at most {heap_max / 2**20:.0f} MiB, live after a collection at most {live_max / 2**20:.0f} MiB "
      f"(samples every second), server RSS at most {rss_max / 2**20:.0f} MiB")
EOF
