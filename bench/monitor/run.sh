#!/usr/bin/env bash
# Side-by-side benchmark: aisprint monitor (embedded DuckDB store) vs Debian's InfluxDB 1.x,
# both started here on loopback, loaded by the same client (MonitorBench.java).
# Usage: bench/monitor/run.sh [POINTS=10000000] [SINGLE_WRITES=2000]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
points="${1:-10000000}"
singles="${2:-2000}"
work="$(mktemp -d -t aisprint-monitor-bench.XXXXXX)"
cleanup() {
  [[ -n "${aisprint_pid:-}" ]] && kill "$aisprint_pid" 2>/dev/null || true
  [[ -n "${INFLUXDB_DIR:-}" ]] && kill "$(cat "$INFLUXDB_DIR/influxd.pid")" 2>/dev/null || true
  rm -rf "$work" "${INFLUXDB_DIR:-/nonexistent}"
}
trap cleanup EXIT

"$root/aisprint" --version >/dev/null   # build first, so the server starts at once below
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(influxd version 2>/dev/null); java $(java -version 2>&1 | head -1)"

eval "export $(bash "$root/monitor/scripts/start-influxdb.sh" "${INFLUX_BENCH_PORT:-28497}")"
java "$root/bench/monitor/MonitorBench.java" "InfluxDB 1.x (Debian)" "$INFLUXDB_URL" influxdb "$points" "$singles"

"$root/aisprint" monitor serve --data "$work/data" --port ${AISPRINT_BENCH_PORT:-28490} --udp-port -1 >"$work/serve.log" 2>&1 &
aisprint_pid=$!
for _ in $(seq 1 600); do curl -fs -o /dev/null http://127.0.0.1:${AISPRINT_BENCH_PORT:-28490}/ping && break; sleep 0.2; done
java "$root/bench/monitor/MonitorBench.java" "aisprint embedded" "http://127.0.0.1:${AISPRINT_BENCH_PORT:-28490}" aisprint "$points" "$singles"
