#!/usr/bin/env bash
# The text channels under load, each mode on a fresh server (H2 or PostgreSQL) whose registry holds 1,000 demo-data
# subscribers (+79121000000 onwards) besides the demo:
#   ./bench/load/text-channels.sh h2|pg [modes="sms ussd-smpp ussd-http"] [seconds=30] [warmup=15]
#   sms        inbound texts through SMPP into contacts, durable before each deliver_sm_resp: acknowledged per second
#   ussd-smpp  500 USSD dialogues at once over SMPP (*111#, think 2 s, 1 = balance, think 2 s, again): per screen,
#              deliver_sm to the server's submit_sm
#   ussd-http  the same dialogues through the HTTP USSD gateway, per request
# The load tool is the SMSC the server binds to (TextChannelLoad); both share the machine's cores with the server.
# Needs the built jars (./switchboard build; ./mvnw -q -Pbench -pl bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
kind=$1
MODES=${2:-sms ussd-smpp ussd-http}
SECONDS_MEASURED=${3:-30}
WARMUP=${4:-15}
WORK=$(mktemp -d)
server=""
tool=""
trap 'kill "$server" "$tool" 2> /dev/null || true; rm -rf "$WORK"' EXIT
for mode in $MODES; do
  rm -rf "${WORK:?}/data"
  db=()
  if [[ "$kind" == pg ]]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists switchboard_bench" \
         -c "create database switchboard_bench"
    db=(--db-url jdbc:postgresql://127.0.0.1:5432/switchboard_bench)
  fi
  export SWITCHBOARD_DB_USER=$([[ "$kind" == pg ]] && echo postgres || echo sa)
  ./switchboard demo-data --subscribers 1000 --days 1 --data "$WORK/data" "${db[@]}" > "$WORK/demo-data.log" 2>&1
  port=$(free_port)
  smpp=$(free_port)
  smpp_env=()
  if [[ "$mode" != ussd-http ]]; then
    smpp_env=(SWITCHBOARD_SMPP_HOST=127.0.0.1 SWITCHBOARD_SMPP_PORT=$smpp SWITCHBOARD_SMPP_SYSTEM_ID=bench
              SWITCHBOARD_SMPP_PASSWORD=bench)
    "$JAVA" -Xmx1g -cp bench/target/benchmarks.jar org.switchboard.bench.TextChannelLoad --mode "$mode" \
      --smpp-port "$smpp" --pid-file "$WORK/data/switchboard.pid" --token none --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" > "$WORK/tool.out" 2>&1 &
    tool=$!
  fi
  env "${smpp_env[@]}" JAVA_TOOL_OPTIONS="-Xms2g -Xmx2g" ./switchboard start --port "$port" --sip-port 0 \
    --data "$WORK/data" "${db[@]}" > "$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -s -m 1 "localhost:$port/health" > /dev/null && break; sleep 1; done
  echo "$mode ($kind, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  if [[ "$mode" == ussd-http ]]; then
    "$JAVA" -Xmx1g -cp bench/target/benchmarks.jar org.switchboard.bench.TextChannelLoad --mode "$mode" \
      --url "http://127.0.0.1:$port" --token "$(cat "$WORK/data/admin-token")" --pid "$server" \
      --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" | tail -1
  else
    wait "$tool" || true
    tail -1 "$WORK/tool.out"
  fi
  if [[ "$mode" == sms ]]; then
    echo "  SMS contacts waiting in queue info afterwards: $(curl -s -H "Authorization: Bearer $(cat "$WORK/data/admin-token")" \
      "localhost:$port/api/v1/queues/info/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["waiting"])')"
  fi
  kill "$server"; wait "$server" || true
done
