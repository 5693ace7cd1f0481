package io.aisprint.placement.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every placement of a small problem, enumerated: each component's deployment, each partition's
 * compatible resource, and every cluster size from 1 to the maximum of every edge/VM resource used.
 * The cheapest feasible one is the optimum the exact search must find.
 */
final class BruteForce {
    private final CompiledProblem p;
    private final Evaluator evaluator;
    private final Assignment a;
    private final BiConsumer<Assignment, Evaluator> onFeasible;
    private double best = Double.POSITIVE_INFINITY;
    private long feasible;
    private long evaluated;

    private BruteForce(CompiledProblem problem, BiConsumer<Assignment, Evaluator> onFeasible) {
        this.p = problem;
        this.onFeasible = onFeasible;
        this.evaluator = new Evaluator(problem);
        this.a = new Assignment(problem);
    }

    record Result(double optimum, long feasible, long evaluated) {
    }

    /** The number of placements {@link #solve} would evaluate (so tests can keep to small problems). */
    static double size(CompiledProblem p) {
        double total = 1;
        for (int c = 0; c < p.componentCount; c++) {
            double choices = 0;
            for (int deployment : p.componentDeployments[c]) {
                double product = 1;
                for (int s : p.deploymentSlots[deployment]) {
                    product *= p.slotCandidates[s].length;
                }
                choices += product;
            }
            total *= choices;
        }
        double sizes = 1;
        for (int r = 0; r < p.resourceCount; r++) {
            sizes *= p.isFaas[r] ? 1 : p.maxInstances[r];
        }
        return total * sizes;
    }

    static Result solve(CompiledProblem problem) {
        return solve(problem, (placement, evaluation) -> { });
    }

    /**
     * As {@link #solve(CompiledProblem)}, showing {@code onFeasible} every feasible placement with the
     * evaluator that just priced it (both reused: read them, do not keep them).
     */
    static Result solve(CompiledProblem problem, BiConsumer<Assignment, Evaluator> onFeasible) {
        BruteForce search = new BruteForce(problem, onFeasible);
        search.component(0);
        return new Result(search.best, search.feasible, search.evaluated);
    }

    private void component(int c) {
        if (c == p.componentCount) {
            sizes(usedNodeResources(), 0);
            return;
        }
        int[] deployments = p.componentDeployments[c];
        for (int d = 0; d < deployments.length; d++) {
            a.deployment[c] = d;
            slot(c, p.deploymentSlots[deployments[d]], 0);
            for (int s : p.deploymentSlots[deployments[d]]) {
                a.resource[s] = -1;
            }
        }
    }

    private void slot(int c, int[] chain, int i) {
        if (i == chain.length) {
            component(c + 1);
            return;
        }
        for (int r : p.slotCandidates[chain[i]]) {
            a.resource[chain[i]] = r;
            slot(c, chain, i + 1);
        }
    }

    private List<Integer> usedNodeResources() {
        List<Integer> used = new ArrayList<>();
        boolean[] seen = new boolean[p.resourceCount];
        for (int r : a.resource) {
            if (r >= 0 && !p.isFaas[r] && !seen[r]) {
                seen[r] = true;
                used.add(r);
            }
        }
        return used;
    }

    private void sizes(List<Integer> used, int k) {
        if (k == used.size()) {
            evaluated++;
            if (evaluator.evaluate(a)) {
                feasible++;
                best = Math.min(best, evaluator.cost);
                onFeasible.accept(a, evaluator);
            }
            return;
        }
        int r = used.get(k);
        for (int n = 1; n <= p.maxInstances[r]; n++) {
            a.instances[r] = n;
            sizes(used, k + 1);
        }
    }
}
