package io.aisprint.placement.internal;

import io.aisprint.perf.QueueModel;

/**
 * Response-time bounds for the finished components of a branch-and-bound node, and the cluster
 * sizes those bounds force. Every cluster at its maximum and the loads placed so far give the
 * fastest any completion can be (loads only grow below a node, more instances only help), so a
 * finished component or path part that misses its limit prunes the node.
 *
 * <p>The same bounds size clusters: the partitions of a component on one edge/VM resource r share
 * the factor 1/(1 − Λ_r/n), so their part of the component time is A_r/(1 − Λ_r/n) with A_r the
 * reach-weighted demand sum. With everything else at its fastest, the limit L leaves a slack S for
 * that part, and A_r/(1 − Λ_r/n) ≤ S needs n ≥ Λ_r/(1 − A_r/S). The same holds for a path, with
 * A_r summed over its finished components. Slack only shrinks and Λ_r only grows deeper in the tree,
 * so each such n is a valid lower bound on r's size in every completion.
 */
final class LimitBound {
    private final CompiledProblem p;
    private final double[] componentTime;
    /** Per slot, its time with every cluster at its maximum (scratch for {@link #componentTime}). */
    private final double[] slotTime;
    /** Per component: the edge/VM queue resources of its chain and their reach-weighted demand sums. */
    private final int[][] termResource;
    private final double[][] termDemand;
    private final int[] termCount;
    private final double[] pathDemand;
    private final int[] pathResources;
    private final double[] pathTime;

    LimitBound(CompiledProblem problem) {
        this.p = problem;
        componentTime = new double[p.componentCount];
        slotTime = new double[p.slotCount];
        termResource = new int[p.componentCount][];
        termDemand = new double[p.componentCount][];
        termCount = new int[p.componentCount];
        int longest = 1;
        for (int[] chain : p.deploymentSlots) {
            longest = Math.max(longest, chain.length);
        }
        for (int c = 0; c < p.componentCount; c++) {
            termResource[c] = new int[longest];
            termDemand[c] = new double[longest];
        }
        pathDemand = new double[p.resourceCount];
        pathResources = new int[p.resourceCount];
        pathTime = new double[p.pathCount];
    }

    /**
     * Whether components 0..last (and the parts of paths among them) can still meet their limits;
     * also records what {@link #forceSizes} needs.
     */
    boolean withinLimits(Assignment a, double[] demandRate, int last) {
        for (int c = 0; c <= last; c++) {
            componentTime[c] = componentTime(a, demandRate, c);
            if (componentTime[c] > p.localLimit[c]) {
                return false;
            }
        }
        for (int q = 0; q < p.pathCount; q++) {
            pathTime[q] = pathTime(a, q, last);
            if (pathTime[q] > p.pathLimit[q]) {
                return false;
            }
        }
        return true;
    }

    /** Raises {@code need[r]} to the sizes the limits of components 0..last force; call after {@link #withinLimits}. */
    void forceSizes(double[] demandRate, int last, int[] need) {
        for (int c = 0; c <= last; c++) {
            if (Double.isInfinite(p.localLimit[c])) {
                continue;
            }
            for (int k = 0; k < termCount[c]; k++) {
                int r = termResource[c][k];
                raise(need, r, demandRate[r], termDemand[c][k], p.localLimit[c], componentTime[c]);
            }
        }
        for (int q = 0; q < p.pathCount; q++) {
            if (Double.isInfinite(p.pathLimit[q])) {
                continue;
            }
            int used = 0;
            for (int c : p.pathComponents[q]) {
                if (c > last) {
                    continue;
                }
                for (int k = 0; k < termCount[c]; k++) {
                    int r = termResource[c][k];
                    if (pathDemand[r] == 0.0) {
                        pathResources[used++] = r;
                    }
                    pathDemand[r] += termDemand[c][k];
                }
            }
            for (int i = 0; i < used; i++) {
                int r = pathResources[i];
                raise(need, r, demandRate[r], pathDemand[r], p.pathLimit[q], pathTime[q]);
                pathDemand[r] = 0.0;
            }
        }
    }

    /** need[r] ≥ the fewest instances n with A/(1 − Λ/n) within what the limit leaves for this part. */
    private void raise(int[] need, int r, double rate, double demand, double limit, double boundTime) {
        int n = forcedSize(p, r, rate, demand, limit, boundTime);
        if (n > need[r]) {
            need[r] = n;
        }
    }

    /**
     * The fewest instances of edge/VM resource r (at most its maximum) that bring a part with
     * reach-weighted demand sum A at load Λ within what limit L leaves when the whole bounded time,
     * with r at its maximum, is {@code boundTime}; 0 when the limit forces no size.
     */
    static int forcedSize(CompiledProblem p, int r, double rate, double demand, double limit, double boundTime) {
        if (!(demand > 0.0) || !Double.isFinite(limit)) {
            return 0;
        }
        int max = p.maxInstances[r];
        double fastest = QueueModel.responseTime(demand, QueueModel.utilization(rate, max));
        double slack = limit - (boundTime - fastest);
        // The bound time met the limit, so slack ≥ fastest > demand but for rounding: then no size is forced.
        if (!(slack > demand)) {
            return 0;
        }
        return Math.min(QueueModel.fewestInstancesWithin(rate, demand, slack), max);
    }

    private double componentTime(Assignment a, double[] demandRate, int c) {
        int[] chain = p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]];
        termCount[c] = 0;
        double reach = 1.0;
        for (int s : chain) {
            int r = a.resource[s];
            slotTime[s] = Evaluator.fastestSlotTime(p, s, r, demandRate[r]);
            if (!p.isFaas[r] && p.regressionTime[s][r] == null) {
                addTerm(c, r, reach * p.demand[s][r]);
            }
            reach *= 1.0 - p.slotEarlyExit[s];
        }
        return Evaluator.chainTime(p, chain, a.resource, slotTime);
    }

    private void addTerm(int c, int r, double demand) {
        for (int k = 0; k < termCount[c]; k++) {
            if (termResource[c][k] == r) {
                termDemand[c][k] += demand;
                return;
            }
        }
        termResource[c][termCount[c]] = r;
        termDemand[c][termCount[c]++] = demand;
    }

    /** The finished components of path q and the hops between finished neighbours. */
    private double pathTime(Assignment a, int q, int last) {
        return Evaluator.pathTime(p, a, q, componentTime, last);
    }
}
