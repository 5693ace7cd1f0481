#!/usr/bin/env bash
# Side-by-side benchmark: aisprint runtime on an Ignite cluster (1 driver + 2 worker JVMs) and
# Dask distributed (LocalCluster, 2 worker processes), same workloads, one run, this machine.
# Needs: the project built (./aisprint --help builds it), python3-distributed and numpy (Debian).
# Usage: bench/cluster/run.sh [NOOP_TASKS]   (default 20000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/cluster"
noops="${1:-20000}"
[[ -f "$root/cli/target/classpath.txt" ]] || "$root/aisprint" --help >/dev/null
classpath="$root/cli/target/aisprint-cli.jar:$(cat "$root/cli/target/classpath.txt")"
out="$(mktemp -d)"
javac -nowarn -d "$out" -cp "$classpath" "$here/ClusterBench.java"
python=/usr/bin/python3
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
aisprint_json="$(java @"$root/cluster/ignite-jvm.args" -XX:+ExplicitGCInvokesConcurrent -DIGNITE_NO_ASCII=true -DIGNITE_QUIET=false -DIGNITE_UPDATE_NOTIFIER=false \
  -Dlogback.configurationFile="$here/logback-bench.xml" -cp "$out:$classpath" ClusterBench "$noops" | tail -1)"
dask_json="$("$python" "$here/dask_bench.py" "$noops" 2>/dev/null | tail -1)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "aisprint: $aisprint_json"
echo "dask:     $dask_json"
rm -rf "$out"
