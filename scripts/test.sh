#!/usr/bin/env bash
# Runs every test on a fresh Debian 12 machine: installs what is missing (scripts/setup.sh), builds,
# then `swift test`. Integration tests start their own real servers (Tansu over the Kafka protocol,
# nx-27017 over the MongoDB protocol) on free loopback ports through Tests/TestServices.
# Usage: scripts/test.sh [--filter PATTERN] [extra swift test args]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CORRIDOR_VENV="${CORRIDOR_VENV:-/opt/corridor/venv}"
echo "[test] building (debug, with tests)…" >&2
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Linking|Write|Merging)' || true
swift build --build-tests >/dev/null   # fail here, with the message above, if the build is red
# Serially: the integration suites kill and restart real servers and time consumer-group joins;
# on a 2-core machine running them side by side makes those timings flaky. (≈ 7 min here.)
echo "[test] running (one test at a time)…" >&2
swift test --skip-build --no-parallel "$@"
