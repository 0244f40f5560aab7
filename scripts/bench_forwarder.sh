#!/usr/bin/env bash
# Release build, then `corridor-edge bench forward` (starts its own Tansu unless --brokers is given).
# Usage: scripts/bench_forwarder.sh [--events N] [--brokers HOST:PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product corridor-edge
exec .build/release/corridor-edge bench forward "$@"
