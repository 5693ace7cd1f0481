#!/usr/bin/env bash
# Placement benchmarks on the SPACE4AI-D anchors (../shared/anchors):
#   quality  — 80 design-time instances at λ = 1.8, median of SEEDS seeds, SECONDS per run, THREADS threads
#   gap      — every heuristic against the proved optimum (5-component instances)
#   speed    — random-greedy iterations per second on the 15-component instances
#   moves    — structural moves evaluated per second, full vs incremental, 15-component instances
#   proof    — branch and bound alone after a fixed heuristic start: nodes and CPU seconds to proof
#              (CPU-time limit PROOF_SECONDS, default 5; FILTER, default 15c), robust to a loaded machine
# Usage: bench/placement/run.sh [quality|gap|speed|moves|proof|all]   (env: SECONDS_PER_RUN, SEEDS, THREADS)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
anchors="${ANCHORS:-$root/../shared/anchors}"
[[ -d "$anchors" ]] || { echo "error: anchors not found at $anchors (set ANCHORS)" >&2; exit 2; }
cd "$root"
# One reactor run: the classpath then names the sibling modules' target/classes (nothing installed).
mvn -B -q -DskipTests -pl placement -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="placement/target/classes:placement/target/test-classes:$(cat placement/target/bench-classpath.txt)"
what="${1:-all}"
out="bench/placement/results"
mkdir -p "$out"
if [[ "$what" == quality || "$what" == all ]]; then
  java -cp "$cp" io.aisprint.placement.bench.AnchorBench "$anchors" "$out/quality.md" \
    "${SECONDS_PER_RUN:-10}" "${SEEDS:-5}" "${THREADS:-2}" auto
fi
if [[ "$what" == gap || "$what" == all ]]; then
  java -cp "$cp" io.aisprint.placement.bench.GapBench "$anchors" 1 1 05c | tee "$out/gap.md"
fi
if [[ "$what" == speed || "$what" == all ]]; then
  java -cp "$cp" io.aisprint.placement.bench.SpeedBench "$anchors" "${THREADS:-2}" | tee "$out/speed.md"
fi
if [[ "$what" == proof || "$what" == all ]]; then
  java -cp "$cp" io.aisprint.placement.bench.ProofBench "$anchors" "${PROOF_SECONDS:-5}" "${FILTER:-15c}" | tee "$out/proof.md"
fi
if [[ "$what" == moves || "$what" == all ]]; then
  java -cp "$cp" io.aisprint.placement.bench.MoveBench "$anchors" | tee "$out/moves.md"
fi
