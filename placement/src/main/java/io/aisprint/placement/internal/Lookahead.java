package io.aisprint.placement.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a component not placed yet must add to a node's cost, whichever of its options it takes.
 * An option (a deployment and a resource per partition) adds its load and memory to the resources
 * it uses and must meet the component's limit (the tightest of its local and path limits) with
 * every cluster at its maximum; the sizes that forces (load, memory, and the response-time sizing
 * of {@link LimitBound}) above what the node already pays are its least extra cost. Other
 * components only add load, so the cheapest option's extra is a valid bound for that component,
 * and the largest over the remaining components one for the node (sums would count shared
 * instances twice). FaaS is counted as free. Components with too many options are skipped.
 */
final class Lookahead {
    private static final int MAX_OPTIONS = 256;
    private final CompiledProblem p;
    /** Per component: its options as [deployment, resource of slot 0, resource of slot 1, ...]; null when skipped. */
    private final int[][][] options;
    private final double[] limit;
    private final double[] rate;
    private final double[] memory;
    private final double[] weighted;
    /** Per slot, the resource and the time (every cluster at its maximum) of the option being priced. */
    private final int[] slotResource;
    private final double[] slotTime;

    Lookahead(CompiledProblem problem) {
        this.p = problem;
        options = new int[p.componentCount][][];
        limit = new double[p.componentCount];
        for (int c = 0; c < p.componentCount; c++) {
            limit[c] = p.localLimit[c];
            for (int q : p.componentPaths[c]) {
                limit[c] = Math.min(limit[c], p.pathLimit[q]);
            }
            List<int[]> list = new ArrayList<>();
            for (int d = 0; d < p.componentDeployments[c].length && list.size() <= MAX_OPTIONS; d++) {
                int[] chain = p.deploymentSlots[p.componentDeployments[c][d]];
                int[] option = new int[chain.length + 1];
                option[0] = d;
                enumerate(chain, 0, option, list);
            }
            options[c] = list.size() > MAX_OPTIONS ? null : list.toArray(new int[0][]);
        }
        rate = new double[p.resourceCount];
        memory = new double[p.resourceCount];
        weighted = new double[p.resourceCount];
        slotResource = new int[p.slotCount];
        slotTime = new double[p.slotCount];
    }

    private void enumerate(int[] chain, int i, int[] option, List<int[]> list) {
        if (list.size() > MAX_OPTIONS) {
            return;
        }
        if (i == chain.length) {
            list.add(option.clone());
            return;
        }
        for (int r : p.slotCandidates[chain[i]]) {
            if (i > 0 && !p.connected(option[i], r)) {
                continue;
            }
            option[i + 1] = r;
            enumerate(chain, i + 1, option, list);
        }
    }

    /**
     * The largest over components from.. of their cheapest option's extra cost above a node that
     * pays {@code paid.applyAsInt(r)} instances of each used edge/VM resource ({@code onResource[r] > 0}).
     */
    double beyond(int from, int[] layerPick, int[] onResource, double[] demandRate, double[] memoryUsed,
            java.util.function.IntUnaryOperator paid) {
        double largest = 0.0;
        for (int c = from; c < p.componentCount; c++) {
            if (options[c] == null) {
                continue;
            }
            double cheapest = Double.POSITIVE_INFINITY;
            for (int[] option : options[c]) {
                cheapest = Math.min(cheapest, extra(c, option, layerPick, onResource, demandRate, memoryUsed, paid));
                if (cheapest <= largest) {
                    break;
                }
            }
            largest = Math.max(largest, cheapest);
        }
        return largest;
    }

    private double extra(int c, int[] option, int[] layerPick, int[] onResource, double[] demandRate,
            double[] memoryUsed, java.util.function.IntUnaryOperator paid) {
        int[] chain = p.deploymentSlots[p.componentDeployments[c][option[0]]];
        for (int i = 0; i < chain.length; i++) {
            int r = option[i + 1];
            if (!p.isFaas[r]) {
                int pick = layerPick[p.resourceLayer[r]];
                if (pick >= 0 && pick != r) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            rate[r] = demandRate[r];
            memory[r] = memoryUsed[r];
            weighted[r] = 0.0;
        }
        double reach = 1.0;
        for (int i = 0; i < chain.length; i++) {
            int s = chain[i];
            int r = option[i + 1];
            memory[r] += p.memory[s][r];
            if (!p.isFaas[r]) {
                rate[r] += p.demand[s][r] * p.slotLoad[s];
                if (p.regressionTime[s][r] == null) {
                    weighted[r] += reach * p.demand[s][r];
                }
            }
            reach *= 1.0 - p.slotEarlyExit[s];
        }
        for (int i = 0; i < chain.length; i++) {
            int s = chain[i];
            int r = option[i + 1];
            slotResource[s] = r;
            if (p.isFaas[r] && memory[r] > p.memoryCapacity[r]) {
                return Double.POSITIVE_INFINITY;
            }
            slotTime[s] = Evaluator.fastestSlotTime(p, s, r, rate[r]);
        }
        double total = Evaluator.chainTime(p, chain, slotResource, slotTime);
        if (!(total <= limit[c])) {
            return Double.POSITIVE_INFINITY;
        }
        double added = 0.0;
        for (int i = 0; i < chain.length; i++) {
            int r = option[i + 1];
            if (p.isFaas[r] || weighted[r] < 0) {
                continue;
            }
            int max = p.maxInstances[r];
            double capacity = p.semantics.memoryScalesWithInstances() ? max * p.memoryCapacity[r] : p.memoryCapacity[r];
            if (!(rate[r] / max < 1.0) || memory[r] > capacity) {
                return Double.POSITIVE_INFINITY;
            }
            int n = p.minimumInstances(r, rate[r], memory[r]);
            n = Math.max(n, LimitBound.forcedSize(p, r, rate[r], weighted[r], limit[c], total));
            int before = onResource[r] > 0 ? paid.applyAsInt(r) : 0;
            added += Math.max(0, n - before) * p.unitCost[r] * p.time;
            weighted[r] = -1.0; // counted once when several partitions share r
        }
        return added;
    }
}
