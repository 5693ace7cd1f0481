#!/usr/bin/env bash
# Runs the aisprint task runtime and Dask's threaded scheduler on the same workloads, on this
# machine, one after the other, and writes the side-by-side table to bench/runtime/results.md.
# Usage (from anywhere): bench/runtime/run.sh      Env: BENCH_REPEATS (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${BENCH_REPEATS:-5}"
out=bench/runtime/results.md
py=/usr/bin/python3
if ! "$py" -c 'import dask' 2>/dev/null; then
  echo "installing Dask (python3-dask, python3-distributed) ..." >&2
  apt-get update -qq && apt-get install -y -qq python3-dask python3-distributed >/dev/null
fi
mvn -B -q -pl runtime -am package -DskipTests
results=$(mktemp)
java -Dbench.repeats="$repeats" -cp runtime/target/classes bench/runtime/RuntimeBench.java | tee -a "$results"
BENCH_REPEATS="$repeats" "$py" bench/runtime/dask_bench.py | tee -a "$results"
java -Xmx64m -cp runtime/target/classes bench/runtime/RuntimeBench.java million | tee -a "$results"
"$py" - "$results" "$out" <<'PY'
import json, sys, platform, os
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
by = {(r["system"], r["workload"]): r for r in rows}
names = {"a_independent": "(a) independent no-op", "b_chain": "(b) chain", "c_fan_out_in": "(c) fan-out/fan-in 1→1000→1 ×10",
         "d_stencil": "(d) stencil 100×100, 3 deps", "e_sleep_2_workers": "(e) 1000 × 10 ms sleep, 2 workers"}
dask_version = next((r.get("version") for r in rows if r["system"] == "dask"), "?")
lines = [f"Measured {os.popen('date -u +%Y-%m-%dT%H:%MZ').read().strip()} on {os.cpu_count()} cores, "
         f"Dask {dask_version}, Java {platform.python_version() and os.popen('java -version 2>&1 | head -1').read().strip()}.",
         "", "| workload | tasks | aisprint (s) | Dask threaded (s) | speed-up | aisprint efficiency | Dask efficiency |",
         "|---|---:|---:|---:|---:|---:|---:|"]
for key, label in names.items():
    a, d = by.get(("aisprint", key)), by.get(("dask", key))
    if not a or not d:
        continue
    eff = lambda r: f"{5.0 / r['seconds'] * 100:.1f} %" if key == "e_sleep_2_workers" else ""
    lines.append(f"| {label} | {a['tasks']} | {a['seconds']:.4f} | {d['seconds']:.4f} | {d['seconds'] / a['seconds']:.1f}× | {eff(a)} | {eff(d)} |")
m = by.get(("aisprint", "million"))
if m:
    lines += ["", f"1,000,000 no-op tasks (maxPendingTasks 10,000, -Xmx{m['max_heap_mib']:.0f}m): {m['seconds']:.2f} s, "
              f"peak heap {m['peak_heap_mib']:.1f} MiB."]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
rm -f "$results"
