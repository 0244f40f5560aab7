#!/usr/bin/env bash
# The local demo (main job). Sets up a fresh Debian 12 machine (scripts/setup.sh), builds release
# binaries, then runs the pipeline that exists so far: simulated stations → edge agents (capture API,
# SQLite outbox, on-device sentiment) → and, as later parts land, Kafka → central → dashboard.
# Usage: scripts/demo.sh [--keep-running] [--events N]
set -euo pipefail
cd "$(dirname "$0")/.."
keep=0; events=40
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-running) keep=1 ;;
    --events) events="$2"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "demo: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
bash scripts/setup.sh --no-browser
echo "[demo] building release binaries…" >&2
swift build -c release 2>&1 | grep -E "error|warning: |Compiling|Build complete" | grep -v Compiling || true
bin="$(swift build -c release --show-bin-path)"
work="${CORRIDOR_DEMO_DIR:-$PWD/.corridor/demo}"
rm -rf "$work"; mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

stations=(ML-BKO-014 ML-SGO-002 ML-KAY-007)
port=8470
for s in "${stations[@]}"; do
  "$bin/corridor-edge" run --data-dir "$work/$s" --station-id "$s" --listen "127.0.0.1:$port" --transport none \
      2>>"$work/$s.log" &
  pids+=($!)
  port=$((port+1))
done
for p in 8470 8471 8472; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && break; sleep 0.1; done
done
echo "[demo] 3 edge agents up on 127.0.0.1:8470-8472; simulating $events captures per station…" >&2
python3 scripts/simulate_station.py --ports 8470,8471,8472 --events "$events"
for i in 0 1 2; do
  s=${stations[$i]}
  echo "[demo] $s outbox: $("$bin/corridor-edge" status --data-dir "$work/$s")"
done
echo "[demo] a sample of what station ML-BKO-014 stored (first review, with its on-device sentiment):" >&2
sqlite3 "$work/ML-BKO-014/outbox.db" "SELECT CAST(body AS TEXT) FROM outbox WHERE kind='review' ORDER BY seq LIMIT 1"
curl -s http://127.0.0.1:8470/metrics | grep -E '^corridor_(captures_total|outbox_pending)' || true
if [ $keep = 1 ]; then
  echo "[demo] kiosk page: http://127.0.0.1:8470/  — Ctrl-C to stop" >&2
  wait
fi
echo "[demo] done" >&2
