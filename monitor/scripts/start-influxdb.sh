#!/usr/bin/env bash
# Starts Debian's InfluxDB 1.x on loopback with its own config and data under a temp folder,
# waits until /ping answers, and prints the URL. Used by .ci/run and bench/monitor.
# Usage: start-influxdb.sh [PORT]   (stop it with: kill "$(cat "$DIR/influxd.pid")")
set -euo pipefail
port="${1:-8086}"
dir="$(mktemp -d -t aisprint-influxdb.XXXXXX)"
cat >"$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((port + 2))"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$port"
  log-enabled = false
  max-body-size = 0
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
CONF
influxd -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 &
echo $! >"$dir/influxd.pid"
for _ in $(seq 1 100); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/ping"; then
    echo "INFLUXDB_URL=http://127.0.0.1:$port INFLUXDB_DIR=$dir"
    exit 0
  fi
  sleep 0.2
done
echo "influxd did not answer /ping on 127.0.0.1:$port within 20 s; log: $dir/influxd.log" >&2
cat "$dir/influxd.log" >&2
exit 1
