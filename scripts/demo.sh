#!/usr/bin/env bash
# The local demo (main job), on a fresh Debian 12 machine: set-up (scripts/setup.sh), release build,
# then the whole pipeline on this machine:
#   simulated stations → 3 edge agents (capture API, SQLite outbox, on-device sentiment)
#   → Tansu (Kafka protocol) → corridor-central (consumer group) → nx-27017 (MongoDB protocol)
#   → JSON API + French dashboard; raw lake → Parquet (compact), read back with DuckDB.
# One station forwards over the HTTPS ingest path instead of Kafka; one has no link at first
# (its captures wait in the outbox) and catches up when its agent comes back with the brokers.
# Usage: scripts/demo.sh [--keep-running] [--events N]
set -euo pipefail
cd "$(dirname "$0")/.."
keep=0; events=60
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-running) keep=1 ;;
    --events) events="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "demo: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
say() { printf '\n[demo] %s\n' "$*" >&2; }
bash scripts/setup.sh
venv="${CORRIDOR_VENV:-/opt/corridor/venv}"
say "building release binaries (a first build takes a few minutes)…"
swift build -c release 2>&1 | grep -E "error|warning: |Build complete" || true
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="${CORRIDOR_DEMO_DIR:-$PWD/.corridor/demo}"
rm -rf "$work"; mkdir -p "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/services.sh stop --dir "$work/services" >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "starting Tansu (Kafka protocol) and nx-27017 (MongoDB protocol) on free loopback ports…"
eval "$(bash scripts/services.sh start --dir "$work/services" | grep -E '^(KAFKA|MONGO)=')"
echo "KAFKA=$KAFKA MONGO=$MONGO" >&2
central_port=8480

say "starting corridor-central (consumer group corridor-central, lake in $work/lake)…"
"$bin/corridor-central" run --kafka-brokers "$KAFKA" --mongo-uri "$MONGO" --database corridor \
    --lake-dir "$work/lake" --listen "127.0.0.1:$central_port" \
    --ingest-tokens "ML-KAY-007=demo-token-kay" 2>>"$work/central.log" &
pids+=($!)
for _ in $(seq 200); do curl -sf "http://127.0.0.1:$central_port/healthz" >/dev/null && break; sleep 0.1; done

start_edge() {  # station port extra…
  local s="$1" p="$2"; shift 2
  "$bin/corridor-edge" run --data-dir "$work/edge/$s" --station-id "$s" --listen "127.0.0.1:$p" \
      --heartbeat-interval 5s "$@" 2>>"$work/$s.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "edge $s did not start; see $work/$s.log" >&2; return 1
}
say "starting 3 edge agents: ML-BKO-014 (Kafka), ML-SGO-002 (offline: no link yet), ML-KAY-007 (HTTPS ingest)…"
start_edge ML-BKO-014 8470 --transport kafka --kafka-brokers "$KAFKA"
start_edge ML-SGO-002 8471 --transport none
sgo_index=$((${#pids[@]} - 1))
start_edge ML-KAY-007 8472 --transport https --central-url "http://127.0.0.1:$central_port" --central-token demo-token-kay

say "simulated stations: $events captures each (reviews in French, Bambara and English, POS transactions)…"
python3 scripts/simulate_station.py --ports 8470,8471,8472 --events "$events"
echo "ML-SGO-002 while offline: $("$bin/corridor-edge" status --data-dir "$work/edge/ML-SGO-002")" >&2

say "the link of ML-SGO-002 comes back: restart its agent with the brokers; the backlog drains…"
kill "${pids[$sgo_index]}"; wait "${pids[$sgo_index]}" 2>/dev/null || true
start_edge ML-SGO-002 8471 --transport kafka --kafka-brokers "$KAFKA"

total=$((events * 3))
say "waiting until central has counted all $total captures…"
for _ in $(seq 120); do
  n=$(curl -s "http://127.0.0.1:$central_port/api/v1/events?limit=500" | python3 -c 'import sys,json
d=json.load(sys.stdin); items=d.get("items", d) if isinstance(d, dict) else d
print(sum(1 for e in items if e.get("kind") in ("review","transaction")))' 2>/dev/null || echo 0)
  [ "$n" -ge "$total" ] && break
  sleep 1
done
echo "central sees $n review/transaction events" >&2
for s in ML-BKO-014 ML-SGO-002 ML-KAY-007; do
  echo "$s: $("$bin/corridor-edge" status --data-dir "$work/edge/$s")" >&2
done

show() {  # pretty-print JSON from stdin, first N lines (no SIGPIPE under pipefail)
  python3 -c 'import sys,json; n=int(sys.argv[1]); s=json.dumps(json.load(sys.stdin), indent=1, ensure_ascii=False).splitlines(); print("\n".join(s[:n])); print("  …") if len(s) > n else None' "$1"
}
say "JSON API: stations and open alerts"
curl -s "http://127.0.0.1:$central_port/api/v1/stations" | show 40
curl -s "http://127.0.0.1:$central_port/api/v1/alerts?state=open" | show 30
say "JSON API: today's indicators for ML-BKO-014 (1 h buckets)"
curl -s "http://127.0.0.1:$central_port/api/v1/indicators?station=ML-BKO-014&bucket=1h" | show 40

say "batch layer: compact the raw lake into Parquet (--now treats today as closed) and query it with DuckDB"
"$bin/corridor-central" compact --lake-dir "$work/lake" --now
"$venv/bin/python" - "$work/lake" <<'PY'
import sys, duckdb
lake = sys.argv[1]
con = duckdb.connect()
q = f"""SELECT station_id, service, label, count(*) AS n
        FROM read_parquet('{lake}/parquet/kind=review/*/*.parquet', hive_partitioning=true)
        GROUP BY ALL ORDER BY station_id, service, label"""
for row in con.execute(q).fetchall():
    print("  ", *row)
print("   transactions:", con.execute(f"SELECT count(*), sum(amount_xof) FROM read_parquet('{lake}/parquet/kind=transaction/*/*.parquet')").fetchone())
PY

say "dashboard: http://127.0.0.1:$central_port/  — kiosk: http://127.0.0.1:8470/"
if command -v chromium >/dev/null; then
  chromium --headless --disable-gpu --no-sandbox --window-size=1280,1600 --virtual-time-budget=5000 \
      --screenshot="$work/dashboard.png" "http://127.0.0.1:$central_port/" >/dev/null 2>&1 || true
  [ -f "$work/dashboard.png" ] && echo "dashboard screenshot: $work/dashboard.png" >&2
fi
if [ $keep = 1 ]; then
  say "running; Ctrl-C to stop"
  wait
fi
say "done"
