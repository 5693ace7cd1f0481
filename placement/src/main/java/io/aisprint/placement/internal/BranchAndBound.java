package io.aisprint.placement.internal;

/**
 * Exact search for small systems. Components are branched in topological order (deployment, then
 * the resource of each partition), with one type per layer and no move back to the edge enforced
 * by construction. A node's cost bound is the FaaS cost charged so far plus, for every used edge
 * device or VM, the instances its current load and memory already force; loads only grow below a
 * node, so the bound is valid. Nodes are also pruned when a resource saturates even at its maximum
 * size or when finished components (or the finished parts of paths) miss their limits with every
 * cluster at its maximum. At a leaf the cluster sizes are optimised exhaustively. When the time
 * runs out, the bound of every unexplored child is collected, giving a proved lower bound.
 */
public final class BranchAndBound {
    private static final long NODES_PER_STEP = 1000;
    private final CompiledProblem p;
    private final Evaluator evaluator;
    private final ClusterSizer sizer;
    private final Budget budget;
    private final Assignment a;
    private final double[] demandRate;
    private final double[] memoryUsed;
    private final int[] onResource;
    private final int[] layerPick;
    private final boolean[] faasCharged;
    private final boolean[] endsInCloud;
    private final LimitBound limits;
    private final Lookahead lookahead;
    /** Per depth c, the sizes the limits of components 0..c−1 force; {@code need} is the current depth's. */
    private final int[][] needAt;
    private int[] need;
    private final int[][] order;
    private final double[][] orderKey;

    private double incumbentCost;
    private Assignment incumbent;
    /** Prune against the cheaper of our incumbent and the best the parallel heuristics found. */
    private double pruneBound;
    private java.util.function.DoubleSupplier sharedBest = () -> Double.POSITIVE_INFINITY;
    private java.util.function.DoubleConsumer onImprovement = cost -> { };
    private double nodeCost;
    private double unexploredBound = Double.POSITIVE_INFINITY;
    private boolean timedOut;
    /** The budget is read when the node count has none of these bits set: every 256 nodes. */
    private long checkMask = 255;
    public long nodes;

    /**
     * Per component c, the edge/VM layers some component c..last cannot avoid: in every deployment one
     * of its partitions is compatible only with resources of that layer (bit l set). Unused such layers
     * cost at least their cheapest resource, which tightens the bound of every node.
     */
    private final long[] requiredFrom;
    private final double[] cheapestInLayer;

    public BranchAndBound(CompiledProblem problem, Budget budget, Assignment start, double startCost) {
        this.p = problem;
        this.evaluator = new Evaluator(problem);
        this.sizer = new ClusterSizer(evaluator);
        this.budget = budget;
        this.a = new Assignment(problem);
        demandRate = new double[p.resourceCount];
        memoryUsed = new double[p.resourceCount];
        onResource = new int[p.resourceCount];
        layerPick = new int[p.layerName.length];
        java.util.Arrays.fill(layerPick, -1);
        faasCharged = new boolean[p.resourceCount];
        endsInCloud = new boolean[p.componentCount];
        limits = new LimitBound(problem);
        lookahead = new Lookahead(problem);
        needAt = new int[p.componentCount + 1][p.resourceCount];
        need = needAt[0];
        order = new int[p.slotCount][];
        orderKey = new double[p.slotCount][];
        for (int s = 0; s < p.slotCount; s++) {
            order[s] = new int[p.slotCandidates[s].length];
            orderKey[s] = new double[p.slotCandidates[s].length];
        }
        cheapestInLayer = new double[p.layerName.length];
        for (int l = 0; l < p.layerName.length; l++) {
            cheapestInLayer[l] = Double.POSITIVE_INFINITY;
            for (int r : p.layerResources[l]) {
                cheapestInLayer[l] = Math.min(cheapestInLayer[l], p.unitCost[r] * p.time);
            }
        }
        requiredFrom = new long[p.componentCount + 1];
        for (int c = p.componentCount - 1; c >= 0; c--) {
            requiredFrom[c] = requiredFrom[c + 1] | requiredLayers(c);
        }
        this.incumbent = start == null ? null : start.copy();
        this.incumbentCost = start == null ? Double.POSITIVE_INFINITY : startCost;
        this.pruneBound = incumbentCost;
    }

    /**
     * Reads the budget every {@code nodes} nodes (a power of two) instead of every 256, so that tests
     * can stop the search at any depth of a small tree.
     */
    BranchAndBound checkingBudgetEvery(int nodes) {
        if (nodes < 1 || Integer.bitCount(nodes) != 1) {
            throw new IllegalArgumentException("check interval " + nodes + "; expected a power of two");
        }
        this.checkMask = nodes - 1L;
        return this;
    }

    /** Shares bounds with searches running beside: reads their best cost, reports our improvements. */
    public BranchAndBound sharing(java.util.function.DoubleSupplier best, java.util.function.DoubleConsumer improvement) {
        this.sharedBest = best;
        this.onImprovement = improvement;
        return this;
    }

    private long requiredLayers(int c) {
        if (p.layerName.length > 64) {
            return 0L;
        }
        long all = -1L;
        for (int deployment : p.componentDeployments[c]) {
            long mask = 0L;
            for (int s : p.deploymentSlots[deployment]) {
                int layer = -1;
                boolean single = p.slotCandidates[s].length > 0;
                for (int r : p.slotCandidates[s]) {
                    if (p.isFaas[r] || (layer >= 0 && layer != p.resourceLayer[r])) {
                        single = false;
                        break;
                    }
                    layer = p.resourceLayer[r];
                }
                if (single) {
                    mask |= 1L << layer;
                }
            }
            all &= mask;
        }
        return all;
    }

    /** Cheapest cost of the layers components c.. cannot avoid and nobody uses yet (except {@code skipLayer}). */
    private double unavoidable(int c, int skipLayer) {
        long mask = requiredFrom[c];
        double total = 0.0;
        while (mask != 0) {
            int l = Long.numberOfTrailingZeros(mask);
            mask &= mask - 1;
            if (l != skipLayer && layerPick[l] < 0) {
                total += cheapestInLayer[l];
            }
        }
        return total;
    }

    /** The outcome; {@code best} is null when nothing feasible is known. */
    public record Outcome(Assignment best, double cost, boolean proved, double lowerBound, long nodes) {
    }

    public Outcome solve() {
        double unavoidableAtRoot = ahead(0);
        branchComponent(0);
        double best = Math.min(incumbentCost, sharedBest.getAsDouble());
        double bound = timedOut ? Math.max(unavoidableAtRoot, Math.min(best, unexploredBound)) : best;
        return new Outcome(incumbent, incumbentCost, !timedOut, bound, nodes);
    }

    private boolean outOfTime() {
        if (!timedOut && (nodes & checkMask) == 0) {
            pruneBound = Math.min(incumbentCost, sharedBest.getAsDouble());
            // An iteration budget allows a thousand nodes per iteration, so runs without a time limit end.
            timedOut = budget.exhausted(nodes / NODES_PER_STEP);
        }
        return timedOut;
    }

    private void branchComponent(int c) {
        nodes++;
        if (c == p.componentCount) {
            leaf();
            return;
        }
        if (outOfTime()) {
            unexploredBound = Math.min(unexploredBound, nodeCost + ahead(c));
            return;
        }
        boolean cloud = false;
        for (int pred : p.predecessors[c]) {
            cloud |= endsInCloud[pred];
        }
        int[] deployments = p.componentDeployments[c];
        for (int d = 0; d < deployments.length; d++) {
            if (timedOut) {
                unexploredBound = Math.min(unexploredBound, nodeCost + ahead(c));
                return;
            }
            a.deployment[c] = d;
            branchSlot(c, p.deploymentSlots[deployments[d]], 0, cloud);
        }
        a.deployment[c] = 0;
    }

    private void branchSlot(int c, int[] chain, int i, boolean cloud) {
        if (i == chain.length) {
            endsInCloud[c] = cloud;
            if (limits.withinLimits(a, demandRate, c)) {
                double savedCost = nodeCost;
                nodeCost += forceSizes(c);
                if (nodeCost + unavoidable(c + 1, -1) < pruneBound - 1e-9) {
                    branchComponent(c + 1);
                }
                need = needAt[c];
                nodeCost = savedCost;
            }
            return;
        }
        nodes++;
        int s = chain[i];
        int previous = i > 0 ? a.resource[chain[i - 1]] : -1;
        int count = orderCandidates(s, cloud, previous);
        for (int k = 0; k < count; k++) {
            int r = order[s][k];
            double childCost = nodeCost + orderKey[s][k];
            if (childCost >= pruneBound - 1e-9) {
                break;
            }
            if (childCost + unavoidable(c, p.isFaas[r] ? -1 : p.resourceLayer[r]) >= pruneBound - 1e-9) {
                continue;
            }
            if (timedOut || outOfTime()) {
                unexploredBound = Math.min(unexploredBound, Math.max(nodeCost + ahead(c),
                        childCost + unavoidable(c, p.isFaas[r] ? -1 : p.resourceLayer[r])));
                continue;
            }
            double savedCost = nodeCost;
            boolean charged = apply(s, r);
            if (withinCapacity(r)) {
                branchSlot(c, chain, i + 1, cloud || !p.isEdge[r]);
            }
            undo(s, r, charged);
            nodeCost = savedCost;
        }
        a.resource[s] = -1;
    }

    /** Orders the allowed candidates of slot s by the cost bound they add; returns how many. */
    private int orderCandidates(int s, boolean cloud, int previous) {
        int count = 0;
        for (int r : p.slotCandidates[s]) {
            if (cloud && p.isEdge[r]) {
                continue;
            }
            if (!p.isFaas[r]) {
                int pick = layerPick[p.resourceLayer[r]];
                if (pick >= 0 && pick != r) {
                    continue;
                }
            }
            if (previous >= 0 && !p.connected(previous, r)) {
                continue;
            }
            double added;
            if (p.isFaas[r]) {
                added = p.semantics.faasCostPerPartition() || !faasCharged[r] ? p.faasCost[s][r] : 0.0;
            } else {
                int before = onResource[r] == 0 ? 0 : lowerBound(r, demandRate[r], memoryUsed[r]);
                int after = lowerBound(r, demandRate[r] + p.demand[s][r] * p.slotLoad[s], memoryUsed[r] + p.memory[s][r]);
                added = (after - before) * p.unitCost[r] * p.time;
            }
            int at = count++;
            while (at > 0 && orderKey[s][at - 1] > added) {
                order[s][at] = order[s][at - 1];
                orderKey[s][at] = orderKey[s][at - 1];
                at--;
            }
            order[s][at] = r;
            orderKey[s][at] = added;
        }
        return count;
    }

    /** The fewest instances of r any completion can have: its load and memory, and the limits of finished components. */
    private int lowerBound(int r, double rate, double memory) {
        return Math.max(p.minimumInstances(r, rate, memory), need[r]);
    }

    /**
     * What components c.. must still add: the layers they cannot avoid, or the dearest of their
     * cheapest options. Used for the proved bound of unexplored nodes only: as a pruning test at
     * every node it cut no nodes on the anchors and cost time.
     */
    private double ahead(int c) {
        double layers = unavoidable(c, -1);
        return Math.max(layers, lookahead.beyond(c, layerPick, onResource, demandRate, memoryUsed,
                r -> lowerBound(r, demandRate[r], memoryUsed[r])));
    }

    /** Moves to depth c + 1 with the sizes the limits of components 0..c force; returns the cost they add. */
    private double forceSizes(int c) {
        int[] next = needAt[c + 1];
        System.arraycopy(need, 0, next, 0, next.length);
        limits.forceSizes(demandRate, c, next);
        double added = 0.0;
        for (int r = 0; r < p.resourceCount; r++) {
            if (next[r] > need[r] && onResource[r] > 0) {
                int byLoad = p.minimumInstances(r, demandRate[r], memoryUsed[r]);
                added += (Math.max(byLoad, next[r]) - Math.max(byLoad, need[r])) * p.unitCost[r] * p.time;
            }
        }
        need = next;
        return added;
    }

    private boolean apply(int s, int r) {
        a.resource[s] = r;
        onResource[r]++;
        if (p.isFaas[r]) {
            memoryUsed[r] += p.memory[s][r];
            boolean charge = p.semantics.faasCostPerPartition() || !faasCharged[r];
            if (charge) {
                nodeCost += p.faasCost[s][r];
            }
            boolean newlyCharged = !faasCharged[r];
            faasCharged[r] = true;
            return newlyCharged;
        }
        int before = onResource[r] == 1 ? 0 : lowerBound(r, demandRate[r], memoryUsed[r]);
        demandRate[r] += p.demand[s][r] * p.slotLoad[s];
        memoryUsed[r] += p.memory[s][r];
        layerPick[p.resourceLayer[r]] = r;
        nodeCost += (lowerBound(r, demandRate[r], memoryUsed[r]) - before) * p.unitCost[r] * p.time;
        return false;
    }

    private void undo(int s, int r, boolean newlyCharged) {
        a.resource[s] = -1;
        onResource[r]--;
        memoryUsed[r] -= p.memory[s][r];
        if (p.isFaas[r]) {
            if (newlyCharged) {
                faasCharged[r] = false;
            }
            if (onResource[r] == 0) {
                memoryUsed[r] = 0.0;
            }
            return;
        }
        demandRate[r] -= p.demand[s][r] * p.slotLoad[s];
        if (onResource[r] == 0) {
            layerPick[p.resourceLayer[r]] = -1;
            demandRate[r] = 0.0;
            memoryUsed[r] = 0.0;
        }
    }

    private boolean withinCapacity(int r) {
        if (p.isFaas[r]) {
            return memoryUsed[r] <= p.memoryCapacity[r];
        }
        int max = p.maxInstances[r];
        double capacity = p.semantics.memoryScalesWithInstances() ? max * p.memoryCapacity[r] : p.memoryCapacity[r];
        return demandRate[r] / max < 1.0 && memoryUsed[r] <= capacity;
    }

    private void leaf() {
        if (nodeCost >= pruneBound - 1e-9) {
            return;
        }
        Assignment candidate = a.copy();
        if (!sizer.maximise(candidate)) {
            return;
        }
        double cost = sizer.optimise(candidate, Long.MAX_VALUE);
        if (cost < incumbentCost - 1e-12) {
            incumbentCost = cost;
            incumbent = candidate.copy();
            pruneBound = Math.min(pruneBound, cost);
            onImprovement.accept(cost);
        }
    }
}
