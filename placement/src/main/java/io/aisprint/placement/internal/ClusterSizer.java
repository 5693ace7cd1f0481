package io.aisprint.placement.internal;

/**
 * Chooses cluster sizes for a fixed placement. Response times only fall as instances are added,
 * so a placement is feasible for some sizes iff it is feasible with every used resource at its
 * maximum; from there sizes are shrunk greedily (C++ reduce_cluster_size, most expensive resource
 * first) or, for small systems, enumerated exhaustively with a cost bound.
 */
public final class ClusterSizer {
    private final CompiledProblem p;
    private final Evaluator evaluator;
    private final int[] usedNodes;
    private int usedCount;

    public ClusterSizer(Evaluator evaluator) {
        this.evaluator = evaluator;
        this.p = evaluator.problem();
        this.usedNodes = new int[p.resourceCount];
    }

    /** Sets every used edge/VM resource to its maximum and evaluates; returns feasibility. */
    public boolean maximise(Assignment a) {
        for (int r = 0; r < p.resourceCount; r++) {
            if (!p.isFaas[r]) {
                a.instances[r] = p.maxInstances[r];
            }
        }
        return evaluator.evaluate(a);
    }

    /**
     * Greedy shrink from a feasible assignment: repeatedly drop one instance of the most
     * expensive resource that can lose one. Leaves {@code a} feasible and evaluated; returns its cost.
     */
    public double shrink(Assignment a) {
        collectUsed();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < usedCount; i++) {
                int r = usedNodes[i];
                while (a.instances[r] > lowerBound(r)) {
                    a.instances[r]--;
                    if (evaluator.evaluateSizeChange(a, r)) {
                        changed = true;
                    } else {
                        a.instances[r]++;
                        evaluator.evaluateSizeChange(a, r);
                        break;
                    }
                }
            }
        }
        return evaluator.cost;
    }

    /**
     * The same greedy shrink on an {@link IncrementalEvaluator} that holds {@code a} feasible at
     * maximum sizes: each trial size re-evaluates only the resource it changes. Leaves the
     * evaluator holding {@code a} at the chosen sizes; returns its cost.
     */
    public double shrink(Assignment a, IncrementalEvaluator incremental) {
        collectUsed(incremental.used);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < usedCount; i++) {
                int r = usedNodes[i];
                while (a.instances[r] > lowerBound(r, incremental.demandRate, incremental.memoryUsed)) {
                    a.instances[r]--;
                    if (incremental.resize(a, r)) {
                        changed = true;
                    } else {
                        a.instances[r]++;
                        incremental.resize(a, r);
                        break;
                    }
                }
            }
        }
        return incremental.cost;
    }

    /**
     * The cheapest sizes for the placement, by depth-first enumeration with a cost bound, when
     * there are at most {@code maxCombinations} size vectors; greedy otherwise. {@code a} must be
     * feasible at maximum sizes. Leaves {@code a} at the best sizes, evaluated; returns the cost.
     */
    public double optimise(Assignment a, long maxCombinations) {
        collectUsed();
        long combinations = 1;
        for (int i = 0; i < usedCount; i++) {
            int r = usedNodes[i];
            combinations *= Math.max(1, p.maxInstances[r] - lowerBound(r) + 1);
            if (combinations > maxCombinations) {
                return shrink(a);
            }
        }
        int[] best = a.instances.clone();
        evaluator.evaluate(a);
        double[] bestCost = {evaluator.cost};
        int[] lower = new int[usedCount];
        double fixedCost = evaluator.cost;
        for (int i = 0; i < usedCount; i++) {
            int r = usedNodes[i];
            lower[i] = lowerBound(r);
            fixedCost -= a.instances[r] * p.unitCost[r] * p.time;
        }
        double lowerRest = 0;
        for (int i = 0; i < usedCount; i++) {
            lowerRest += lower[i] * p.unitCost[usedNodes[i]] * p.time;
        }
        enumerate(a, 0, fixedCost, lowerRest, lower, best, bestCost);
        System.arraycopy(best, 0, a.instances, 0, best.length);
        evaluator.evaluate(a);
        return evaluator.cost;
    }

    private void enumerate(Assignment a, int i, double partial, double lowerRest, int[] lower, int[] best, double[] bestCost) {
        if (i == usedCount) {
            if (partial < bestCost[0] - 1e-12 && evaluator.evaluate(a)) {
                bestCost[0] = evaluator.cost;
                System.arraycopy(a.instances, 0, best, 0, best.length);
            }
            return;
        }
        int r = usedNodes[i];
        double unit = p.unitCost[r] * p.time;
        double rest = lowerRest - lower[i] * unit;
        for (int n = lower[i]; n <= p.maxInstances[r]; n++) {
            if (partial + n * unit + rest >= bestCost[0] - 1e-12) {
                break;
            }
            a.instances[r] = n;
            // Deeper resources at their maximum: if even that is infeasible, n is too small.
            for (int j = i + 1; j < usedCount; j++) {
                a.instances[usedNodes[j]] = p.maxInstances[usedNodes[j]];
            }
            if (!evaluator.evaluate(a)) {
                continue;
            }
            enumerate(a, i + 1, partial + n * unit, rest, lower, best, bestCost);
        }
        a.instances[r] = p.maxInstances[r];
    }

    /** Sizes below this saturate the resource or overflow its memory. */
    public int lowerBound(int r) {
        return lowerBound(r, evaluator.demandRate, evaluator.memoryUsed);
    }

    private int lowerBound(int r, double[] demandRate, double[] memoryUsed) {
        return p.minimumInstances(r, demandRate[r], memoryUsed[r]);
    }

    private void collectUsed() {
        collectUsed(evaluator.used);
    }

    private void collectUsed(boolean[] used) {
        usedCount = 0;
        for (int r = 0; r < p.resourceCount; r++) {
            if (used[r] && !p.isFaas[r]) {
                usedNodes[usedCount++] = r;
            }
        }
        // Most expensive first: shrinking it saves most.
        for (int i = 1; i < usedCount; i++) {
            int r = usedNodes[i];
            int j = i - 1;
            while (j >= 0 && p.unitCost[usedNodes[j]] < p.unitCost[r]) {
                usedNodes[j + 1] = usedNodes[j];
                j--;
            }
            usedNodes[j + 1] = r;
        }
    }
}
