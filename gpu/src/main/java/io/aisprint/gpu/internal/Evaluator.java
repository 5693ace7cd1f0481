package io.aisprint.gpu.internal;

import io.aisprint.gpu.Proxy;

/** Computes a solution's proxy cost (see {@link Proxy}). */
final class Evaluator {
    private static final double WAITING_PENALTY_FACTOR = 100;
    private final Instance instance;
    private final Proxy proxy;

    Evaluator(Instance instance, Proxy proxy) {
        this.instance = instance;
        this.proxy = proxy;
    }

    /** Seconds to the first expected completion, or 0 when nothing runs. */
    double horizon(Solution solution) {
        double horizon = Double.POSITIVE_INFINITY;
        for (int j = 0; j < instance.jobCount; j++) {
            if (solution.isAssigned(j)) {
                horizon = Math.min(horizon, solution.remaining(j));
            }
        }
        return horizon == Double.POSITIVE_INFINITY ? 0 : horizon;
    }

    double cost(Solution solution) {
        return switch (proxy) {
            case MYOPIC -> myopic(solution);
            case FULL_HORIZON -> fullHorizon(solution);
            case FIRST_PRINCIPLE -> firstPrinciple(solution);
        };
    }

    /** Price per hour of a node as loaded in the solution (GPU or VM price plus static cost). */
    double nodeRate(Solution solution, int node) {
        int inUse = solution.gpusInUse(node);
        if (inUse == 0) {
            return 0;
        }
        String type = instance.nodes[node].gpuType();
        double price = instance.costs.costPerHour(type, inUse);
        if (!instance.cloud) {
            // Energy follows the busy share: a GPU half used by shared jobs costs half.
            price = price * solution.shareInUse(node) / inUse;
        }
        return price + instance.nodes[node].staticCostPerHour();
    }

    private double myopic(Solution solution) {
        double horizon = horizon(solution);
        double total = 0;
        for (int node = 0; node < instance.nodeCount; node++) {
            total += nodeRate(solution, node) * horizon / 3600.0;
        }
        double end = instance.now + horizon;
        for (int j = 0; j < instance.jobCount; j++) {
            if (solution.isAssigned(j)) {
                total += instance.weight[j] * Math.max(0, end - instance.dueDate[j]);
            } else {
                total += WAITING_PENALTY_FACTOR * instance.weight[j]
                    * Math.max(0, instance.now + instance.maxRemaining[j] - instance.dueDate[j]);
            }
        }
        return total;
    }

    private double fullHorizon(Solution solution) {
        double[] rate = new double[instance.nodeCount];
        double[] share = new double[instance.nodeCount];
        for (int node = 0; node < instance.nodeCount; node++) {
            rate[node] = nodeRate(solution, node);
            share[node] = solution.shareInUse(node);
        }
        double horizon = horizon(solution);
        double total = 0;
        for (int j = 0; j < instance.jobCount; j++) {
            if (solution.isAssigned(j)) {
                int node = solution.nodeOf[j];
                double jobShare = instance.candidates[j][solution.candidateOf[j]].gpuShare() / share[node];
                double remaining = solution.remaining(j);
                total += rate[node] * jobShare * remaining / 3600.0;
                total += instance.weight[j] * Math.max(0, instance.now + remaining + instance.reserve[j] - instance.dueDate[j]);
            } else if (instance.candidates[j].length > 0 && !instance.cloud) {
                double cheapest = Double.POSITIVE_INFINITY;
                for (double cost : instance.aloneCost[j]) {
                    cheapest = Math.min(cheapest, cost);
                }
                // A job sent back to the queue may wait past the next completion and then get only
                // a slow configuration: charge the tardiness of its slowest one from there.
                total += cheapest + instance.weight[j]
                    * Math.max(0, instance.now + horizon + instance.maxRemaining[j] + instance.reserve[j] - instance.dueDate[j]);
            }
        }
        if (instance.cloud) {
            total += queuedJobs(solution);
        }
        return total;
    }

    /**
     * Cloud (overloaded) estimate of the waiting jobs: they start, heaviest weight per GPU-second
     * first, when the cluster has worked off the GPU-seconds before them — those the scheduled
     * jobs still hold and those of the waiting jobs ahead — and then run in their leanest
     * configuration. Unlike "start at the next completion", this charges a plan for the GPUs its
     * scheduled jobs take from the queue: a job given 8 GPUs for a 1.5× speed-up delays every
     * waiting job.
     */
    private double queuedJobs(Solution solution) {
        double backlog = 0;
        for (int j = 0; j < instance.jobCount; j++) {
            if (solution.isAssigned(j)) {
                backlog += solution.remaining(j) * instance.candidates[j][solution.candidateOf[j]].gpuShare();
            }
        }
        double capacity = Math.max(1, instance.totalGpus);
        double total = 0;
        for (int j : instance.queueOrder) {
            if (solution.isAssigned(j) || instance.candidates[j].length == 0) {
                continue;
            }
            double cheapest = Double.POSITIVE_INFINITY;
            for (double cost : instance.aloneCost[j]) {
                cheapest = Math.min(cheapest, cost);
            }
            double start = instance.now + backlog / capacity;
            total += cheapest + instance.weight[j] * Math.max(0, start + instance.leanTime[j] + instance.reserve[j] - instance.dueDate[j]);
            backlog += instance.leanWork[j];
        }
        return total;
    }

    private double firstPrinciple(Solution solution) {
        double total = 0;
        for (int j = 0; j < instance.jobCount; j++) {
            if (solution.isAssigned(j)) {
                double remaining = solution.remaining(j);
                total += instance.aloneCost[j][solution.candidateOf[j]];
                total += instance.weight[j] * Math.max(0, instance.now + remaining - instance.dueDate[j]);
            }
        }
        return total;
    }
}
