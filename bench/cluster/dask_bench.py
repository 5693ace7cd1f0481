"""Dask distributed (LocalCluster, 2 worker processes x 2 threads) on the same workloads as ClusterBench.java.

Prints one JSON object. Run through bench/cluster/run.sh.
"""
import json
import os
import signal
import statistics
import sys
import time

import numpy as np
from distributed import Client, LocalCluster, wait


def noop(i):
    return None


def noop_batch(size):
    last = None
    for k in range(size):
        last = noop(k)
    return last


def init(block, width):
    return np.sin(np.arange(width, dtype=np.float64) + float(block) * width)


def relax(left, block, right):
    padded = np.concatenate(([left[-1]], block, [right[0]]))
    return (padded[:-2] + padded[1:-1] + padded[2:]) / 3


def sleeper(value):
    time.sleep(0.25)
    return value


def noop_run(client, count, batch):
    start = time.perf_counter()
    if batch == 1:
        futures = client.map(noop, range(count), pure=False)
    else:
        futures = client.map(noop_batch, [batch] * (count // batch), pure=False)
    client.gather(futures)
    return round(count / (time.perf_counter() - start))


STENCIL_WARMUP = 5   # same as ClusterBench.java
STENCIL_ROUNDS = 10


def stencil(client, blocks, width, steps):
    start = time.perf_counter()
    current = [client.submit(init, b, width, pure=False) for b in range(blocks)]
    for _ in range(steps):
        current = [client.submit(relax, current[(b - 1) % blocks], current[b], current[(b + 1) % blocks], pure=False)
                   for b in range(blocks)]
    sums = client.gather([client.submit(np.sum, block, pure=False) for block in current])
    return round(time.perf_counter() - start, 3), float(sum(sums))


def sleepers(client, count, kill):
    start = time.perf_counter()
    futures = client.map(sleeper, range(count), pure=False)
    result = {}
    if kill:
        futures[0].result()
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[-1]
        killed = time.perf_counter()
        os.kill(victim, signal.SIGKILL)
        values = client.gather(futures)
        assert values == list(range(count))
        result["kill9_recovered_after_kill_s"] = round(time.perf_counter() - killed, 3)
    else:
        client.gather(futures)
    result["total_s"] = round(time.perf_counter() - start, 3)
    return result


def main():
    noops = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    cluster = LocalCluster(n_workers=2, threads_per_worker=2, processes=True, dashboard_address=None)
    client = Client(cluster)
    results = {}
    noop_run(client, 3000, 1)
    results["noop_tasks_per_s"] = noop_run(client, noops, 1)
    results["noop_batched_tasks_per_s"] = noop_run(client, noops * 10, 500)
    for _ in range(STENCIL_WARMUP):
        stencil(client, 8, 50_000, 20)  # warm-up, as for aisprint
    rounds = []
    for _ in range(STENCIL_ROUNDS):
        seconds, results["stencil_checksum"] = stencil(client, 8, 50_000, 20)
        rounds.append(seconds)
    results["stencil_rounds_s"] = rounds
    results["stencil_median_s"] = round(statistics.median(rounds), 3)
    results["stencil_best_s"] = min(rounds)
    results["sleep_fault_free_s"] = sleepers(client, 40, False)["total_s"]
    faulty = sleepers(client, 40, True)
    results["sleep_with_kill9_s"] = faulty["total_s"]
    results["kill9_recovered_after_kill_s"] = faulty["kill9_recovered_after_kill_s"]
    client.close()
    cluster.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
