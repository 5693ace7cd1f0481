#!/usr/bin/env bash
# bench/learn: FedAvg on Fashion-MNIST, aisprint (DJL, one JVM per client) vs the PyTorch reference
# (one process, clients in turn), same split, model, seeds and hyper-parameters.
# usage: bench/learn/run.sh [CLIENTS] [ROUNDS] [EXAMPLES_PER_CLIENT]   (defaults 10 10 2000)
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${1:-10}; rounds=${2:-10}; examples=${3:-2000}
out=bench/learn/results; mkdir -p "$out"   # parts-*.json are reproducible from the seed and not kept
for partition in iid dirichlet:0.5; do
  name=${partition//:/-}
  ./aisprint learn partition --clients "$clients" --partition "$partition" --examples-per-client "$examples" --out "$out/parts-$name.json" >/dev/null
  AISPRINT_JAVA_OPTS="-Daisprint.fl.client-heap=192m" ./aisprint learn fl --clients "$clients" --rounds "$rounds" --partition "$partition" \
    --examples-per-client "$examples" --json > "$out/aisprint-$name.json"
  /usr/bin/python3 bench/learn/reference.py --parts "$out/parts-$name.json" --rounds "$rounds" --threads 1 | tail -1 > "$out/pytorch-$name.json"
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
for name in ('iid', 'dirichlet-0.5'):
    a = json.load(open(f'{out}/aisprint-{name}.json')); p = json.load(open(f'{out}/pytorch-{name}.json'))
    print(f'## {name}\n| round | aisprint accuracy | PyTorch accuracy | aisprint s | PyTorch s |\n|---|---|---|---|---|')
    for ra, rp in zip(a['rounds'], p['rounds']):
        print(f"| {ra['round']} | {ra['accuracy']:.4f} | {rp['accuracy']:.4f} | {ra['seconds']:.1f} | {rp['seconds']:.1f} |")
PY
