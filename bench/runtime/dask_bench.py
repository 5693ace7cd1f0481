"""The Dask side of the runtime benchmark: the same workloads as RuntimeBench.java.

Builds each workload as a plain Dask task graph (a dict of tuples, Dask's cheapest form; dask.delayed
adds graph-merging cost on top) and runs it with the threaded scheduler, dask.threaded.get, which does
not fuse a chain into one task. Graph construction is timed, as task submission is on the Java side.
Prints one JSON line per workload.
"""
import json
import os
import statistics
import sys
import time

import dask
import dask.threaded

CORES = os.cpu_count()
INDEPENDENT = int(os.environ.get("BENCH_INDEPENDENT", 50_000))
CHAIN = int(os.environ.get("BENCH_CHAIN", 10_000))
REPEATS = int(os.environ.get("BENCH_REPEATS", 3))


def noop(*args):
    return 0


def sleep10(*args):
    time.sleep(0.01)
    return 0


def independent():
    return {("noop", i): (noop, i) for i in range(INDEPENDENT)}, [("noop", i) for i in range(INDEPENDENT)], INDEPENDENT


def chain():
    graph = {("chain", 0): (noop, 0)}
    for i in range(1, CHAIN):
        graph[("chain", i)] = (noop, ("chain", i - 1))
    return graph, [("chain", CHAIN - 1)], CHAIN


def fan_out_in():
    graph = {("sink", 0): (noop, 0)}
    count = 1
    for r in range(10):
        for i in range(1000):
            graph[("leaf", r, i)] = (noop, ("sink", r))
        graph[("sink", r + 1)] = (noop, [("leaf", r, i) for i in range(1000)])
        count += 1001
    return graph, [("sink", 10)], count


def stencil():
    cells, steps = 100, 100
    graph = {("cell", 0, c): (noop, c) for c in range(cells)}
    for s in range(1, steps):
        for c in range(cells):
            graph[("cell", s, c)] = (noop, ("cell", s - 1, max(0, c - 1)), ("cell", s - 1, c),
                                     ("cell", s - 1, min(cells - 1, c + 1)))
    return graph, [("cell", steps - 1, c) for c in range(cells)], cells * steps


def sleeps():
    return {("sleep", i): (sleep10, i) for i in range(1000)}, [("sleep", i) for i in range(1000)], 1000


def measure(name, build, workers):
    times = []
    tasks = 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        graph, keys, tasks = build()
        dask.threaded.get(graph, keys, num_workers=workers)
        times.append(time.perf_counter() - start)
    print(json.dumps({"system": "dask", "workload": name, "seconds": round(statistics.median(times), 4),
                      "tasks": tasks, "workers": workers, "version": dask.__version__}), flush=True)


if __name__ == "__main__":
    sys.setrecursionlimit(100_000)
    measure("a_independent", independent, CORES)
    measure("b_chain", chain, CORES)
    measure("c_fan_out_in", fan_out_in, CORES)
    measure("d_stencil", stencil, CORES)
    measure("e_sleep_2_workers", sleeps, 2)
