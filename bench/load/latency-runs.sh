#!/usr/bin/env bash
# API-to-offer latency at 1,000 contacts/s, several fresh runs: ./bench/load/latency-runs.sh h2|pg [runs=3]
# Needs the built jars (./switchboard build; ./mvnw -q -Pbench -pl bench -am package -DskipTests); pg needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/fresh-server.sh
PORT=$(free_port)
DATA=$(mktemp -d)
for run in $(seq 1 "${2:-3}"); do
  start_server "$1" $PORT "$DATA"
  "$JAVA" -Xmx512m -cp bench/target/benchmarks.jar org.switchboard.bench.ApiLoad --url "http://127.0.0.1:$PORT" \
    --token "$(cat "$DATA/admin-token")" --rate 1000 --seconds 20 --warmup 20 --agents 1000 | grep latency
  kill "$server"; wait "$server" || true
done
