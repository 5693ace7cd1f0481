package io.aisprint.placement.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says why a system has no feasible placement, in user terms: the limits that no option meets even
 * alone (each component on its fastest resources at their largest size, with no other load),
 * partitions that no resource can hold or serve, and consecutive partitions whose candidate layers
 * share no network domain. These are necessary conditions; when none is broken, the limits only
 * conflict in combination. The API face is {@link io.aisprint.placement.InfeasibilityExplainer}.
 */
public final class InfeasibilityReasons {
    private InfeasibilityReasons() {
    }

    public static List<String> explain(CompiledProblem p) {
        List<String> reasons = new ArrayList<>();
        double[] fastest = new double[p.componentCount];
        for (int c = 0; c < p.componentCount; c++) {
            fastest[c] = Double.POSITIVE_INFINITY;
            String fastestWhere = "";
            for (int deployment : p.componentDeployments[c]) {
                int[] chain = p.deploymentSlots[deployment];
                Route route = fastestRoute(p, chain, reasons);
                if (route.time < fastest[c]) {
                    fastest[c] = route.time;
                    fastestWhere = "deployment " + p.deploymentName[deployment] + " on " + route.resources;
                }
            }
            if (fastest[c] > p.localLimit[c]) {
                reasons.add(Double.isFinite(fastest[c])
                        ? String.format(Locale.ROOT, "component %s local limit %.4g s: fastest option is %.4g s (%s)",
                                p.componentName[c], p.localLimit[c], fastest[c], fastestWhere)
                        : "component " + p.componentName[c] + ": none of its deployments can be placed (see the reasons above)");
            }
        }
        for (int q = 0; q < p.pathCount; q++) {
            double total = 0.0;
            for (int c : p.pathComponents[q]) {
                total += fastest[c];
            }
            if (Double.isFinite(total) && total > p.pathLimit[q]) {
                reasons.add(String.format(Locale.ROOT,
                        "path %s global limit %.4g s: its components alone need at least %.4g s", p.pathName[q],
                        p.pathLimit[q], total));
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("no single limit is impossible on its own: the limits, memory and one-type-per-layer rule"
                    + " conflict only in combination.\nMaybe give the search more time, try --method exact on small"
                    + " systems, or lower the load (aisprint design --max-load).");
        }
        return reasons.stream().map(Explanations::tidy).distinct().toList();
    }

    private record Route(double time, String resources) {
    }

    /**
     * The fastest way to run one chain alone: dynamic programming over the resource of each partition
     * (each at its largest size, loaded by this partition only), adding transfers between them.
     */
    private static Route fastestRoute(CompiledProblem p, int[] chain, List<String> reasons) {
        int n = p.resourceCount;
        double[] best = new double[n];
        String[] path = new String[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        double reach = 1.0;
        for (int i = 0; i < chain.length; i++) {
            int s = chain[i];
            double[] next = new double[n];
            String[] nextPath = new String[n];
            java.util.Arrays.fill(next, Double.POSITIVE_INFINITY);
            boolean anyUsable = false;
            for (int r : p.slotCandidates[s]) {
                double t = aloneTime(p, s, r);
                if (!Double.isFinite(t)) {
                    continue;
                }
                anyUsable = true;
                if (i == 0) {
                    next[r] = t;
                    nextPath[r] = p.resource[r].name();
                    continue;
                }
                int previous = chain[i - 1];
                for (int q = 0; q < n; q++) {
                    if (!Double.isFinite(best[q])) {
                        continue;
                    }
                    double candidate = best[q] + reach * (t + p.transfer(q, r, p.slotDataToNext[previous]));
                    if (candidate < next[r]) {
                        next[r] = candidate;
                        nextPath[r] = path[q] + (q == r ? "" : " → " + p.resource[r].name());
                    }
                }
            }
            if (!anyUsable) {
                reasons.add(unusable(p, s));
            } else if (i > 0 && java.util.Arrays.stream(best).anyMatch(Double::isFinite)
                    && java.util.Arrays.stream(next).noneMatch(Double::isFinite)) {
                int previous = chain[i - 1];
                reasons.add("partitions " + p.componentName[p.slotComponent[previous]] + "/" + p.slotPartition[previous]
                        + " and " + p.slotPartition[s] + " have no pair of resources whose layers share a network domain;"
                        + " add a network domain joining their layers");
            }
            best = next;
            path = nextPath;
            reach *= 1.0 - p.slotEarlyExit[s];
        }
        double time = Double.POSITIVE_INFINITY;
        String where = "";
        for (int r = 0; r < n; r++) {
            if (best[r] < time) {
                time = best[r];
                where = path[r];
            }
        }
        return new Route(time, where);
    }

    /** The partition's time on r at r's largest size with no other load; ∞ when it cannot run there. */
    private static double aloneTime(CompiledProblem p, int s, int r) {
        if (p.isFaas[r]) {
            return p.memory[s][r] <= p.memoryCapacity[r] ? p.faasTime[s][r] : Double.POSITIVE_INFINITY;
        }
        int max = p.maxInstances[r];
        double capacity = p.semantics.memoryScalesWithInstances() ? max * p.memoryCapacity[r] : p.memoryCapacity[r];
        if (max < 1 || p.memory[s][r] > capacity) {
            return Double.POSITIVE_INFINITY;
        }
        if (p.regressionTime[s][r] != null) {
            return p.bestRegressionTime(s, r);
        }
        double utilization = p.demand[s][r] * p.slotLoad[s] / max;
        return io.aisprint.perf.QueueModel.responseTime(p.demand[s][r], utilization);
    }

    private static String unusable(CompiledProblem p, int s) {
        String name = p.componentName[p.slotComponent[s]] + "/" + p.slotPartition[s];
        if (p.slotCandidates[s].length == 0) {
            return "partition " + name + " is compatible with no resource";
        }
        StringBuilder why = new StringBuilder("partition " + name + " fits on no resource:");
        for (int r : p.slotCandidates[s]) {
            int max = p.maxInstances[r];
            double capacity = p.isFaas[r] || !p.semantics.memoryScalesWithInstances()
                    ? p.memoryCapacity[r] : max * p.memoryCapacity[r];
            if (p.memory[s][r] > capacity) {
                why.append(String.format(Locale.ROOT, " %s holds %.0f MB but it needs %.0f MB;", p.resource[r].name(),
                        capacity, p.memory[s][r]));
            } else {
                why.append(String.format(Locale.ROOT, " %s saturates (utilisation %.2f even with %d instance%s);",
                        p.resource[r].name(), p.demand[s][r] * p.slotLoad[s] / max, max, max == 1 ? "" : "s"));
            }
        }
        return why.substring(0, why.length() - 1);
    }
}
