package io.aisprint.gpu.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * First-improvement local search with the reference's three swap neighbourhoods, plus a resize
 * move of the latest jobs: (1) a late job and a costly job on different nodes trade places;
 * (2) a late job and a low-pressure job trade places; (3) a waiting job with high pressure takes
 * the place of a late running job, which is re-placed where it fits or waits.
 */
final class LocalSearch {
    private static final int CANDIDATES_PER_LIST = 5;
    private final Instance instance;
    private final Evaluator evaluator;
    private final Greedy greedy;
    private final int maxIterations;
    private final long deadlineNanos;

    LocalSearch(Instance instance, Evaluator evaluator, Greedy greedy, int maxIterations, long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.instance = instance;
        this.evaluator = evaluator;
        this.greedy = greedy;
        this.maxIterations = maxIterations;
    }

    /** Improves the solution in place and returns its cost. */
    double improve(Solution solution, double cost) {
        double current = cost;
        for (int iteration = 0; iteration < maxIterations && System.nanoTime() < deadlineNanos; iteration++) {
            Solution better = firstImprovement(solution, current);
            if (better == null) {
                break;
            }
            double betterCost = evaluator.cost(better);
            copyInto(better, solution);
            current = betterCost;
        }
        return current;
    }

    private static void copyInto(Solution from, Solution to) {
        for (int j = 0; j < to.nodeOf.length; j++) {
            to.unassign(j);
        }
        for (int j = 0; j < from.nodeOf.length; j++) {
            if (from.isAssigned(j)) {
                to.assign(j, from.candidateOf[j], from.nodeOf[j]);
            }
        }
    }

    private Solution firstImprovement(Solution solution, double cost) {
        List<Integer> late = top(solution, true, j -> -lateness(solution, j));
        List<Integer> costly = top(solution, true, j -> -instance.aloneCost[j][solution.candidateOf[j]]);
        List<Integer> relaxed = top(solution, true, instance::pressure);
        List<Integer> waiting = top(solution, false, j -> -instance.pressure(j));
        for (int a : late) {
            for (int b : costly) {
                Solution moved = swap(solution, a, b);
                if (moved != null && evaluator.cost(moved) < cost - 1e-9) {
                    return moved;
                }
            }
        }
        for (int a : late) {
            for (int b : relaxed) {
                Solution moved = swap(solution, a, b);
                if (moved != null && evaluator.cost(moved) < cost - 1e-9) {
                    return moved;
                }
            }
        }
        for (int a : late) {
            for (int b : waiting) {
                Solution moved = replace(solution, a, b);
                if (moved != null && evaluator.cost(moved) < cost - 1e-9) {
                    return moved;
                }
            }
        }
        for (int a : late) {
            Solution moved = resize(solution, a, cost);
            if (moved != null) {
                return moved;
            }
        }
        return null;
    }

    private double lateness(Solution solution, int job) {
        return instance.weight[job] * Math.max(0, instance.now + solution.remaining(job) - instance.dueDate[job]);
    }

    private List<Integer> top(Solution solution, boolean assigned, java.util.function.ToDoubleFunction<Integer> key) {
        List<Integer> jobs = new ArrayList<>();
        for (int j = 0; j < instance.jobCount; j++) {
            if (solution.isAssigned(j) == assigned && instance.candidates[j].length > 0) {
                jobs.add(j);
            }
        }
        jobs.sort(Comparator.comparingDouble(key).thenComparingInt(j -> j));
        return jobs.subList(0, Math.min(CANDIDATES_PER_LIST, jobs.size()));
    }

    /** Two scheduled jobs on different nodes trade nodes, each in its best configuration that fits there. */
    private Solution swap(Solution solution, int a, int b) {
        int nodeA = solution.nodeOf[a];
        int nodeB = solution.nodeOf[b];
        if (a == b || nodeA == nodeB) {
            return null;
        }
        Solution moved = solution.copy();
        moved.unassign(a);
        moved.unassign(b);
        if (!placeOn(moved, a, nodeB) || !placeOn(moved, b, nodeA)) {
            return null;
        }
        return moved;
    }

    /** A waiting job takes a running job's place; the running job moves elsewhere or waits. */
    private Solution replace(Solution solution, int running, int waiting) {
        int node = solution.nodeOf[running];
        Solution moved = solution.copy();
        moved.unassign(running);
        if (!placeOn(moved, waiting, node)) {
            return null;
        }
        placeAnywhere(moved, running);
        return moved;
    }

    /** Tries each other configuration and node of one job. */
    private Solution resize(Solution solution, int job, double cost) {
        for (int c = 0; c < instance.candidates[job].length; c++) {
            for (int node : instance.nodesOfCandidate[job][c]) {
                if (c == solution.candidateOf[job] && node == solution.nodeOf[job]) {
                    continue;
                }
                Solution moved = solution.copy();
                moved.unassign(job);
                if (moved.fits(job, c, node)) {
                    moved.assign(job, c, node);
                    if (evaluator.cost(moved) < cost - 1e-9) {
                        return moved;
                    }
                }
            }
        }
        return null;
    }

    private boolean placeOn(Solution solution, int job, int node) {
        String type = instance.nodes[node].gpuType();
        for (int c : greedy.preferenceOrder(job)) {
            if (instance.candidates[job][c].gpuType().equals(type) && solution.fits(job, c, node)) {
                solution.assign(job, c, node);
                return true;
            }
        }
        return false;
    }

    private void placeAnywhere(Solution solution, int job) {
        for (int c : greedy.preferenceOrder(job)) {
            int node = greedy.chooseNode(solution, job, c, 0, null);
            if (node >= 0) {
                solution.assign(job, c, node);
                return;
            }
        }
    }
}
