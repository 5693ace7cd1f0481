#!/usr/bin/env python3
"""Side-by-side: aMLLibrary's run.py and `aisprint perf train` on the same campaign files.

Usage: bench/perf/compare.py --amllib DIR [--seeds N] [CONFIG ...]
  DIR     an exported aMLLibrary tree (e.g. `git archive` of aMLLibrary/aMLLibrary @ bceb894);
          it runs from Debian's python3-sklearn/-xgboost/-pandas/-tqdm with bench/perf/shims.
  CONFIG  campaign files (default: the anchors' configs plus bench/perf/configs/*.ini).
Each campaign runs in a scratch folder holding a copy of the anchors' inputs/, whole process
timed (interpreter or JVM start-up included), one tool after the other. Prints a Markdown table.
"""
import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LINE = re.compile(r"([\w.]+)\s*: \(Training ([-0-9.e]+) - HP Selection ([-0-9.e]+)\) - Validation ([-0-9.e]+)")
NAMES = {"LR_RIDGE": "LRRidge", "XGBOOST": "XGBoost", "DT": "DecisionTree", "RF": "RandomForest", "SVR": "SVR",
         "NNLS": "NNLS", "STEPWISE": "Stepwise", "NEURAL_NETWORK": "NeuralNetwork"}


def anchors():
    for d in [REPO, *REPO.parents]:
        a = d / "shared" / "anchors" / "amllib"
        if a.is_dir():
            return a
    sys.exit("shared/anchors/amllib not found")


def run(cmd, cwd, env=None):
    """Wall seconds, exit code, output; CPU seconds (user+sys of the process tree) go to CPU[-1]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, p.returncode, p.stdout


CPU = []


def theirs(amllib, config, work, out):
    env = dict(os.environ, PYTHONPATH=str(HERE / "shims"))
    secs, rc, log = run([sys.executable, str(Path(amllib) / "run.py"), "-c", str(config), "-o", str(out)], work, env)
    mapes = {}
    if rc == 0:
        text = (out / "results.txt").read_text()
        block = text.split("MAPE for all techniques:")[-1].split("Overall best")[0]
        for m in LINE.finditer(block):
            name = m.group(1).replace("Technique.", "")
            if name not in ("MAPE", "RMSE"):
                mapes[NAMES.get(name, name)] = float(m.group(4))
    return secs, rc, mapes, log


def ours(config, work, out):
    cmd = [str(REPO / "aisprint"), "perf", "train", str(config), "-o", str(out), "--no-progress"]
    secs, rc, log = run(cmd, work)
    mapes = {}
    if rc == 0:
        doc = json.loads((out / "results.json").read_text())
        mapes = {t: v["validation_mape"] for t, v in doc["techniques"].items()}
    return secs, rc, mapes, log


def with_seed(config, seed, work):
    text = config.read_text()
    text = re.sub(r"(?m)^seed\s*=.*\n", "", text).replace("[General]\n", "[General]\nseed = %d\n" % seed, 1)
    path = work / ("%s-seed%d.ini" % (config.stem, seed))
    path.write_text(text)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amllib", required=True)
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("configs", nargs="*")
    args = ap.parse_args()
    a = anchors()
    configs = [Path(c).resolve() for c in args.configs] or sorted((a / "configs").glob("*.ini")) + sorted(
        (HERE / "configs").glob("*.ini"))
    subprocess.run([str(REPO / "aisprint"), "--version"], stdout=subprocess.DEVNULL)  # build once, untimed
    print("| campaign | seed | technique | aMLLibrary MAPE | aisprint MAPE | aMLLibrary s wall (CPU) "
          "| aisprint s wall (CPU) | speed-up wall (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for config in configs:
        for seed in range(args.seeds):
            work = Path(tempfile.mkdtemp(prefix="perf-bench-"))
            shutil.copytree(a / "inputs", work / "inputs")
            cfg = with_seed(config, seed, work) if args.seeds > 1 else config
            t_secs, t_rc, t_mapes, t_log = theirs(args.amllib, cfg, work, work / "theirs")
            t_cpu = CPU[-1]
            o_secs, o_rc, o_mapes, o_log = ours(cfg, work, work / "ours")
            o_cpu = CPU[-1]
            techniques = list(dict.fromkeys(list(o_mapes) + list(t_mapes))) or ["-"]
            for i, t in enumerate(techniques):
                tm = "%.6f" % t_mapes[t] if t in t_mapes else ("failed" if t_rc else "-")
                om = "%.6f" % o_mapes[t] if t in o_mapes else ("failed" if o_rc else "-")
                times = ("%.2f (%.2f)" % (t_secs, t_cpu), "%.2f (%.2f)" % (o_secs, o_cpu),
                         "%.1f× (%.1f×)" % (t_secs / o_secs, t_cpu / max(o_cpu, 1e-9))) if i == 0 else ("", "", "")
                print("| %s | %d | %s | %s | %s | %s | %s | %s |" % (config.name if i == 0 else "", seed, t, tm, om,
                                                                     *times), flush=True)
            if t_rc:
                print("<!-- aMLLibrary failed on %s: %s -->" % (config.name, t_log.strip().splitlines()[-1:]))
            if o_rc:
                print("<!-- aisprint failed on %s: %s -->" % (config.name, o_log.strip().splitlines()[-1:]))
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
