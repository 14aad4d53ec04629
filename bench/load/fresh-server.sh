# Sourced by the load scripts: start_server h2|pg PORT DATA starts a fresh server (empty data directory, and for pg a
# fresh database) in the background, sets $server to its pid and returns once it answers /health.
# The server runs through the launcher, so with its JVM options (SWITCHBOARD_JAVA_OPTS replaces them) and a 2 GB heap;
# BENCH_SERVER_OPTS adds JVM options (e.g. a GC log) without replacing them.
# The JDK is the launcher's choice ($JAVA_HOME if it is >= 21, else the newest installed): ./switchboard jdk names it.
JAVA="$(./switchboard jdk)/bin/java"
# A TCP port free on loopback now (other benchmarks and test suites may run on this host).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_server() {
  local dbkind=$1 port=$2 data=$3
  rm -rf "${data:?}"/*
  local db=()
  if [[ "$dbkind" == pg ]]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists switchboard_bench" \
         -c "create database switchboard_bench"
    db=(--db-url jdbc:postgresql://127.0.0.1:5432/switchboard_bench)
  fi
  SWITCHBOARD_DB_USER=$([[ "$dbkind" == pg ]] && echo postgres || echo sa) JAVA_TOOL_OPTIONS="-Xms2g -Xmx2g ${BENCH_SERVER_OPTS:-}" \
    ./switchboard start --port "$port" --sip-port 0 --data "$data" --no-demo "${db[@]}" > "$data.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do curl -s -m 1 "localhost:$port/health" > /dev/null && return 0; sleep 1; done
  echo "the server did not start; see $data.log" >&2
  return 1
}
# start_voice_server WORK: a fresh server in WORK/data whose menu sends every caller straight to queue 'info' (RTP ports
# 20000-59998), logging to WORK/server.log, in the background; sets $port and $sip (its HTTP and SIP ports) and
# $server (the launcher's pid) and returns once it answers /health (5 minutes at most). BENCH_SERVER_OPTS adds JVM
# options, BENCH_VOICE_PROPERTIES configuration lines (e.g. rtp.realtime-priority=10).
start_voice_server() {
  local work=$1
  port=$(free_port)
  sip=$(free_port)
  printf '{no-choice: {queue: info}, menus: {main: {}}}\n' > "$work/menu.yaml"
  printf 'voice.ivr-file=%s\nrtp.port-min=20000\nrtp.port-max=59998\n%s\n' "$work/menu.yaml" \
    "${BENCH_VOICE_PROPERTIES:-}" > "$work/bench.properties"
  mkdir -p "$work/data"
  JAVA_TOOL_OPTIONS="-Xms2g -Xmx2g ${BENCH_SERVER_OPTS:-}" ./switchboard start --port "$port" --sip-port "$sip" \
    --data "$work/data" --config "$work/bench.properties" > "$work/server.log" 2>&1 &
  server=$!
  # a first start builds and trains the start-up cache first
  for _ in $(seq 1 300); do curl -s -m 1 "localhost:$port/health" > /dev/null && return 0; sleep 1; done
  echo "the server did not start; see $work/server.log" >&2
  return 1
}
