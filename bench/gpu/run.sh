#!/usr/bin/env bash
# Benchmarks of the GPU scheduler against the first-principle baselines (FIFO, EDF, Priority) on
# the reference setup, and decision time at 100 nodes / 450 jobs. Writes results/*.json and
# prints the markdown tables that README.md holds.
# Usage: bench/gpu/run.sh [DATA_DIR]   (default: shared/anchors/gpu-scheduler/data next to the repo)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-}"
if [[ -z "$data" ]]; then
  for candidate in "$root/../shared/anchors/gpu-scheduler/data" "$root/../../shared/anchors/gpu-scheduler/data"; do
    [[ -d "$candidate" ]] && data="$candidate" && break
  done
fi
[[ -d "$data" ]] || { echo "reference data not found; pass DATA_DIR" >&2; exit 2; }
out="$root/bench/gpu/results"
mkdir -p "$out"
cd "$root"
./aisprint --version >/dev/null
common=(gpu simulate --reference --data "$data" --nodes 3..10 --instances 3 --seeds 5 --methods PR,LS,RG,G,FIFO,EDF,PS --json)
./aisprint "${common[@]}" --setting datacenter > "$out/datacenter.json"
./aisprint "${common[@]}" --setting cloud > "$out/cloud.json"
# Early-stopping planning re-plans far more often, so fewer seeds and restarts keep it short.
./aisprint gpu simulate --reference --data "$data" --nodes 3..10 --instances 3 --seeds 2 --iterations 50 \
  --methods PR,G,FIFO,EDF,PS --json --setting datacenter --early-stop-aware > "$out/datacenter-early-stop-aware.json"
java -cp "$(cat cli/target/classpath.txt):gpu/target/classes" bench/gpu/DecisionTimeBench.java "$data" > "$out/decision-time.md"
python3 bench/gpu/summarise.py "$out"
