#!/usr/bin/env bash
# Re-planning benchmark (SPACE4AI-R scalability experiment) against the reference tool's stored results.
# Usage: bench/platform/run.sh [SIZE=15c] [TIME_LIMIT_MS=250]   (env ANCHORS: the shared anchors folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
anchors="${ANCHORS:-$root/../shared/anchors}"
[[ -d "$anchors/space4ai-d" ]] || { echo "error: anchors not found at $anchors (set ANCHORS)" >&2; exit 2; }
cd "$root"
mvn -B -q -DskipTests -pl cli -am install
java -cp "cli/target/aisprint-cli-0.1.0-SNAPSHOT.jar:$(cat cli/target/classpath.txt)" bench/platform/ReplanBench.java \
  "$anchors" "${1:-15c}" "${2:-250}" "bench/platform/results-${1:-15c}.md"
