#!/usr/bin/env bash
# API-to-offer latency at 1,000 contacts/s, several fresh runs: ./bench/load/latency-runs.sh h2|pg [runs=3]
# Needs the built jars (./mvnw -q -pl app,bench -am package -DskipTests); pg needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
PORT=18085
DATA=$(mktemp -d)
for run in $(seq 1 "${2:-3}"); do
  rm -rf "$DATA"/*
  db=()
  if [[ "$1" == pg ]]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists switchboard_bench" \
         -c "create database switchboard_bench"
    db=(--db-url jdbc:postgresql://127.0.0.1:5432/switchboard_bench)
  fi
  SWITCHBOARD_DB_USER=$([[ "$1" == pg ]] && echo postgres || echo sa) \
    "$JAVA" -XX:+UseZGC -Xms2g -Xmx2g -jar app/target/switchboard.jar start --port $PORT --data "$DATA" --no-demo \
    "${db[@]}" > "$DATA.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do curl -s -m 1 "localhost:$PORT/health" > /dev/null && break; sleep 1; done
  "$JAVA" -Xmx512m -cp bench/target/benchmarks.jar org.switchboard.bench.ApiLoad --url "http://127.0.0.1:$PORT" \
    --token "$(cat "$DATA/admin-token")" --rate 1000 --seconds 20 --warmup 20 --agents 1000 | grep latency
  kill "$server"; wait "$server" || true
done
