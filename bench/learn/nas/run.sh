#!/usr/bin/env bash
# POPNAS-style search vs random search, same data, same budget, same limit, one after the other:
#   bench/learn/nas/run.sh [BUDGET_MINUTES] [LATENCY_LIMIT_S] [TARGET]
# Writes results/<strategy>/ (front.json, front.svg, front.html, models) and prints the table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
budget="${1:-10}"
limit="${2:-0.002}"
target="${3:-VM-t3xlarge}"
"$root/aisprint" --version > /dev/null
# A private copy of the class path: a rebuild during the bench must not swap classes under it.
snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
cp "$root"/cli/target/aisprint-cli-*.jar "$snapshot/cli.jar"
classpath="$snapshot/cli.jar"
i=0
for jar in $(tr ':' ' ' < "$root/cli/target/classpath.txt"); do
  i=$((i + 1)); cp "$jar" "$snapshot/$i-$(basename "$jar")"; classpath="$classpath:$snapshot/$i-$(basename "$jar")"
done
mkdir -p "$here/results"
for strategy in popnas random; do
  rm -rf "$here/results/$strategy"
  echo "== $strategy, $budget min, limit $limit s on $target ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1 /proc/loadavg))" >&2
  java -Dai.djl.offline=true -cp "$classpath" io.aisprint.cli.Main learn nas --target "$target" --latency-limit "$limit" \
    --budget-minutes "$budget" --strategy "$strategy" --audit 5 --out "$here/results/$strategy" --json \
    > "$here/results/$strategy.json" 2> "$here/results/$strategy.log"
done
python3 - "$here/results" "$limit" <<'PY'
import json, sys
results, limit = sys.argv[1], float(sys.argv[2])
print("| | POPNAS-style | random |")
print("|---|---|---|")
data = {s: json.load(open(f"{results}/{s}.json")) for s in ("popnas", "random")}
def row(name, f):
    print(f"| {name} | " + " | ".join(f(data[s]) for s in ("popnas", "random")) + " |")
row("best test accuracy under the limit", lambda d: f"{max(m['accuracy'] for m in d['front']):.4f}")
row("front members", lambda d: str(len(d['front'])))
row("hypervolume (accuracy x s below the limit)", lambda d: f"{d['statistics']['hypervolume']*1e3:.4f} x 1e-3")
row("candidates profiled / trained", lambda d: f"{d['statistics']['profiled']} / {d['statistics']['trained']}")
row("discarded by the predictors", lambda d: str(d['statistics']['discarded_by_prediction']))
row("audited discards really infeasible", lambda d: f"{d['statistics']['audited_infeasible']} of {d['statistics']['audited']}")
row("time predictor MAPE on unseen children", lambda d: "-" if d['statistics']['time_predictor_mape'] is None else f"{d['statistics']['time_predictor_mape']*100:.1f} %")
row("front: measured within 10 % of predicted", lambda d: f"{sum(abs(m['measured_latency_s']-m['predicted_latency_s']) <= 0.1*m['measured_latency_s'] for m in d['front'])} of {len(d['front'])}")
row("front: all meet the limit when measured", lambda d: str(all(m['measured_latency_s'] <= limit for m in d['front'])))
row("search / total seconds", lambda d: f"{d['statistics']['search_s']:.0f} / {d['statistics']['total_s']:.0f}")
PY
