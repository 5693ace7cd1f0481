#!/usr/bin/env python3
"""Turns bench/gpu/results/*.json (aisprint gpu simulate --json) into the README's markdown tables."""
import json
import sys
from collections import defaultdict
from pathlib import Path

METHODS = ["PR", "LS", "RG", "G", "FIFO", "EDF", "PS"]
OURS = ["PR", "LS", "RG", "G"]
BASELINES = ["FIFO", "EDF", "PS"]


def table(path: Path) -> str:
    runs = json.loads(path.read_text())
    present = {run["method"] for run in runs}
    methods = [m for m in METHODS if m in present]
    ours = [m for m in OURS if m in present]
    cost = defaultdict(list)          # (nodes, instance, method) -> [total cost per seed]
    late = defaultdict(list)
    decision = defaultdict(list)
    for run in runs:
        key = (run["nodes"], run["instance"], run["method"])
        cost[key].append(run["totalCost"])
        late[key].append(run["lateJobs"])
        decision[run["method"]].append(run["meanDecisionMillis"])
    configurations = sorted({(n, i) for (n, i, _) in cost})
    mean = {k: sum(v) / len(v) for k, v in cost.items()}
    lines = []
    lines.append("| nodes | instance | " + " | ".join(methods) + " | PR vs FIFO | PR vs EDF | PR vs PS | late jobs PR / FIFO |")
    lines.append("|---:|---:|" + "---:|" * len(methods) + "---:|---:|---:|---:|")
    reductions = defaultdict(list)
    for (n, i) in configurations:
        row = [str(n), str(i)] + [f"{mean[(n, i, m)]:.0f}" for m in methods]
        for b in BASELINES:
            r = 1 - mean[(n, i, "PR")] / mean[(n, i, b)]
            reductions[b].append(r)
            row.append(f"{100 * r:.0f} %")
        row.append(f"{sum(late[(n, i, 'PR')]) / len(late[(n, i, 'PR')]):.1f} / {late[(n, i, 'FIFO')][0]}")
        lines.append("| " + " | ".join(row) + " |")
    summary = []
    for b in BASELINES:
        values = reductions[b]
        summary.append(f"PR vs {b}: mean {100 * sum(values) / len(values):.0f} %, "
                       f"range {100 * min(values):.0f} % to {100 * max(values):.0f} %")
    versus_best = [1 - mean[(n, i, "PR")] / min(mean[(n, i, b)] for b in BASELINES) for (n, i) in configurations]
    summary.append(f"PR vs the best baseline of each configuration: mean {100 * sum(versus_best) / len(versus_best):.0f} %, "
                   f"range {100 * min(versus_best):.0f} % to {100 * max(versus_best):.0f} %")
    best_ours = []
    for (n, i) in configurations:
        best = min(mean[(n, i, m)] for m in ours)
        worst_baseline = min(mean[(n, i, b)] for b in BASELINES)
        best_ours.append(1 - best / worst_baseline)
    summary.append(f"best of ours vs best baseline per configuration: mean {100 * sum(best_ours) / len(best_ours):.0f} %, "
                   f"range {100 * min(best_ours):.0f} % to {100 * max(best_ours):.0f} %")
    timing = ", ".join(f"{m} {sum(decision[m]) / len(decision[m]):.1f} ms" for m in methods if decision[m])
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {s}" for s in summary) + f"\n- mean decision time per event: {timing}\n"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/gpu/results")
    for name in ["datacenter", "datacenter-early-stop-aware", "cloud"]:
        path = out / f"{name}.json"
        if path.exists():
            print(f"### {name}\n")
            print(table(path))
    decision = out / "decision-time.md"
    if decision.exists():
        print("### decision time, 100 nodes / 450 jobs\n")
        print(decision.read_text())


if __name__ == "__main__":
    main()
