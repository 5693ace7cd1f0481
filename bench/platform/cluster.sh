#!/usr/bin/env bash
# Embedded continuum vs cluster workers, side by side on this machine (README "Cluster" tables).
# Starts 3 workers on 127.0.0.1 (RaspberryPi4 once, VM-t3xlarge twice; discovery ports 47510..47519),
# profiles mask-detection on them (performance.yaml from measurements, in a copy), then runs the same
# copy embedded (time scale 1) and on the cluster at rising λ, and finally kills a VM worker mid-run.
# Usage: bench/platform/cluster.sh [λ ...]   (default 2 10 25 50; "none" runs only the kill -9 part)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
lambdas=("${@:-2 10 25 50}"); lambdas=(${lambdas[@]})
work="$(mktemp -d /tmp/aisprint-bench-platform.XXXXXX)"
join=127.0.0.1:47510..47519
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
./aisprint --version >/dev/null   # builds once, before the workers start
worker() {  # name resource
  AISPRINT_JAVA_OPTS="-Xmx300m" ./aisprint worker --join "$join" --port 47510 --communication-port 47610 \
    --name "$1" --labels "resource=$2" --cores 1 >"$work/$1.log" 2>&1 &
  pids+=($!); eval "pid_$1=$!"
}
worker pi RaspberryPi4; worker vm1 VM-t3xlarge; worker vm2 VM-t3xlarge
until grep -q joined "$work/pi.log" && grep -q joined "$work/vm1.log" && grep -q joined "$work/vm2.log"; do sleep 1; done
cp -r examples/mask-detection "$work/app"
./aisprint profile "$work/app" --join "$join" --min-workers 3 --runs 30 >"$work/profile.txt"
grep -v '^cluster:' "$work/profile.txt"
summary() {  # label file
  python3 - "$1" "$2" <<'PY'
import json, sys
label, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
t = d.get("response_times_last_window", {})
o = d.get("step_overhead_s", {})
def f(x): return "-" if x in (None, "NaN") else "%.4f" % x
row = [label, str(d["requests_in"]), str(d["requests_failed"]), "%.1f" % d["qos_violations_seconds"]]
for key in ("blurry-faces", "mask-detector", "path_to_mask-detector"):
    s = t.get(key, {})
    row += [f(s.get("p50_s")), f(s.get("p95_s"))]
for key in ("mask-detector/base",):
    s = o.get(key, {})
    row += [f(s.get("p50_s")), f(s.get("p95_s"))]
print("| " + " | ".join(row) + " |")
PY
}
echo
echo "| backend λ | in | failed | QoS violated s | blurry p50 | p95 | detector p50 | p95 | path p50 | p95 | hop overhead p50 | p95 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for lambda in "${lambdas[@]}"; do
  [[ "$lambda" == none ]] && continue
  ./aisprint run "$work/app" --lambda "$lambda" --duration 20 --time-scale 1 --no-replan --report "$work/e$lambda" --json \
    >"$work/e$lambda.json" 2>/dev/null || true
  summary "embedded $lambda" "$work/e$lambda.json"
  ./aisprint run "$work/app" --join "$join" --min-workers 3 --lambda "$lambda" --duration 20 --no-replan \
    --report "$work/c$lambda" --json >"$work/c$lambda.json" 2>/dev/null || true
  summary "cluster $lambda" "$work/c$lambda.json"
done
echo
# The declared demands (not the profiled ones, with which the Pi alone is cheapest) put the detector on the VMs.
echo "kill -9 of a VM worker 8 s into a run of examples/mask-detection at λ 4 (frozen 2 s first, so requests are certainly on it):"
./aisprint run examples/mask-detection --join "$join" --min-workers 3 --lambda 4 --duration 20 --no-replan --report "$work/kill" \
  >"$work/kill.txt" 2>/dev/null &
run=$!
until grep -q "t=  5.0s" "$work/kill.txt" 2>/dev/null; do sleep 0.1; done
sleep 1
kill -STOP "$pid_vm2"; sleep 2
killed_ms=$(date +%s%3N); kill -9 "$pid_vm2"
wait "$run" || true
python3 - "$work/kill/summary.json" "$killed_ms" <<'PY'
import json, sys, datetime
d = json.load(open(sys.argv[1])); killed = int(sys.argv[2]) / 1000
failed = [e for e in d["worker_events"] if " FAILED " in e]
seen = datetime.datetime.fromisoformat(failed[0].split(" ")[0].replace("Z", "+00:00")[:26] + "+00:00").timestamp() if failed else float("nan")
print("requests in %d, completed %d, failed %d, retried %d; kill -> worker dropped %.0f ms; workers %s" % (d["requests_in"],
      d["requests_completed"], d["requests_failed"], d["requests_retried"], (seen - killed) * 1000, d["workers"]))
PY
echo "work files: $work"
