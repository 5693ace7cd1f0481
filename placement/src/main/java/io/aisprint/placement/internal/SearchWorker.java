package io.aisprint.placement.internal;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * One thread's searches over a {@link CompiledProblem}: random greedy construction, and the local
 * search, tabu search and simulated annealing over the {@link Moves} neighbourhood. Every search
 * is driven by its own seeded random generator, so a given seed and step budget reproduce it.
 */
public final class SearchWorker {
    private final CompiledProblem p;
    private final Evaluator evaluator;
    /** Follows the neighbours the searches try, re-evaluating only what each move touches. */
    private final IncrementalEvaluator tracker;
    private boolean incremental = true;
    private final ClusterSizer sizer;
    private final Moves moves;
    private final SplittableRandom random;
    private final EliteSet elite;
    private final DoubleConsumer onImprovement;
    private final int[] layerPick;
    private final int[] buffer;
    private final boolean[] cloudEnd;

    public long constructions;
    public long feasibleConstructions;
    public long moveEvaluations;
    public long acceptedMoves;

    public SearchWorker(CompiledProblem problem, long seed, EliteSet elite, DoubleConsumer onImprovement) {
        this.p = problem;
        this.evaluator = new Evaluator(problem);
        this.tracker = new IncrementalEvaluator(problem);
        this.sizer = new ClusterSizer(evaluator);
        this.moves = new Moves(problem);
        this.random = new SplittableRandom(seed);
        this.elite = elite;
        this.onImprovement = onImprovement;
        this.layerPick = new int[p.layerName.length];
        this.buffer = new int[Math.max(1, p.resourceCount)];
        this.cloudEnd = new boolean[p.componentCount];
    }

    /**
     * Whether neighbours are priced incrementally (the default) or by full evaluations; both accept
     * the same neighbours at the same costs up to rounding; the switch exists to measure the difference.
     */
    public void useIncremental(boolean enabled) {
        incremental = enabled;
    }

    public EliteSet elite() {
        return elite;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    public long evaluations() {
        return evaluator.evaluations;
    }

    /**
     * Random greedy (placement reference §3.2): one random type per edge/VM layer, a random
     * deployment per component, each partition on a random allowed candidate (never back to the
     * edge once in the cloud), all clusters at their maximum, then greedy shrinking.
     */
    public void randomGreedy(Budget budget) {
        Assignment a = new Assignment(p);
        for (long step = 0; !budget.exhausted(step); step++) {
            constructions++;
            if (!construct(a)) {
                continue;
            }
            if (!sizer.maximise(a)) {
                continue;
            }
            feasibleConstructions++;
            double cost = sizer.shrink(a);
            offer(a, cost, evaluator.used);
        }
    }

    boolean construct(Assignment a) {
        for (int l = 0; l < layerPick.length; l++) {
            int[] members = p.layerResources[l];
            // Leave a layer unused now and then: most cheap placements skip some layers.
            layerPick[l] = p.layerIsFaas[l] || members.length == 0 || random.nextInt(4) == 0
                    ? -1 : members[random.nextInt(members.length)];
        }
        java.util.Arrays.fill(a.resource, -1);
        for (int c = 0; c < p.componentCount; c++) {
            int[] deployments = p.componentDeployments[c];
            int d = random.nextInt(deployments.length);
            a.deployment[c] = d;
            boolean cloud = false;
            for (int pred : p.predecessors[c]) {
                cloud |= cloudEnd[pred];
            }
            for (int s : p.deploymentSlots[deployments[d]]) {
                int count = 0;
                for (int r : p.slotCandidates[s]) {
                    if (cloud && p.isEdge[r]) {
                        continue;
                    }
                    if (p.isFaas[r] || layerPick[p.resourceLayer[r]] == r) {
                        buffer[count++] = r;
                    }
                }
                if (count == 0) {
                    return false;
                }
                int r = buffer[random.nextInt(count)];
                a.resource[s] = r;
                cloud |= !p.isEdge[r];
            }
            cloudEnd[c] = cloud;
        }
        return true;
    }

    private void offer(Assignment a, double cost, boolean[] used) {
        double before = elite.bestCost();
        if (elite.offer(a, cost, a.fingerprint(used)) && cost < before && onImprovement != null) {
            onImprovement.accept(cost);
        }
    }

    /**
     * Evaluates a neighbour: feasible at maximum sizes, then shrunk. Returns its cost or +∞. The
     * incremental path moves the tracker from the last neighbour to this one, so only the
     * resources, components and paths the two differ in are recomputed.
     */
    private double price(Assignment candidate) {
        moveEvaluations++;
        if (!incremental) {
            if (!sizer.maximise(candidate)) {
                return Double.POSITIVE_INFINITY;
            }
            return sizer.shrink(candidate);
        }
        for (int r = 0; r < p.resourceCount; r++) {
            if (!p.isFaas[r]) {
                candidate.instances[r] = p.maxInstances[r];
            }
        }
        if (!tracker.apply(candidate, true)) {
            return Double.POSITIVE_INFINITY;
        }
        return sizer.shrink(candidate, tracker);
    }

    /** Which resources the last priced neighbour uses. */
    private boolean[] lastUsed() {
        return incremental ? tracker.used : evaluator.used;
    }

    /** Stochastic local search: random moves, accepted when not worse; stops after a long stall. */
    public Assignment localSearch(Assignment start, double startCost, Budget budget) {
        Assignment current = start.copy();
        double currentCost = startCost;
        Assignment candidate = current.copy();
        long stall = 0;
        long stallLimit = Math.max(200, 40L * p.slotCount);
        for (long step = 0; !budget.exhausted(step) && stall < stallLimit; step++) {
            candidate.copyFrom(current);
            if (!moves.apply(candidate, random)) {
                continue;
            }
            double cost = price(candidate);
            if (cost <= currentCost + 1e-12) {
                stall = cost < currentCost - 1e-9 ? 0 : stall + 1;
                acceptedMoves++;
                current.copyFrom(candidate);
                currentCost = cost;
                offer(current, currentCost, lastUsed());
            } else {
                stall++;
            }
        }
        return current;
    }

    /**
     * Tabu search: each step samples {@code sample} neighbours and moves to the cheapest one not
     * visited recently (a tabu neighbour is allowed when it beats the best), even when worse.
     */
    public void tabuSearch(Assignment start, double startCost, Budget budget, int tabuSize, int sample) {
        Assignment current = start.copy();
        Assignment candidate = current.copy();
        Assignment bestNeighbour = current.copy();
        long[] tabu = new long[Math.max(1, tabuSize)];
        int tabuNext = 0;
        double best = startCost;
        for (long step = 0; !budget.exhausted(step); step++) {
            double bestNeighbourCost = Double.POSITIVE_INFINITY;
            long bestFingerprint = 0;
            for (int i = 0; i < sample; i++) {
                candidate.copyFrom(current);
                if (!moves.apply(candidate, random)) {
                    continue;
                }
                double cost = price(candidate);
                if (cost == Double.POSITIVE_INFINITY) {
                    continue;
                }
                long fingerprint = candidate.fingerprint(lastUsed());
                boolean isTabu = false;
                for (long t : tabu) {
                    isTabu |= t == fingerprint;
                }
                if ((isTabu && cost >= best) || cost >= bestNeighbourCost) {
                    continue;
                }
                bestNeighbourCost = cost;
                bestFingerprint = fingerprint;
                bestNeighbour.copyFrom(candidate);
            }
            if (bestNeighbourCost == Double.POSITIVE_INFINITY) {
                continue;
            }
            acceptedMoves++;
            current.copyFrom(bestNeighbour);
            tabu[tabuNext] = bestFingerprint;
            tabuNext = (tabuNext + 1) % tabu.length;
            if (bestNeighbourCost < best) {
                best = bestNeighbourCost;
            }
            evaluator.evaluate(current);
            offer(current, bestNeighbourCost, evaluator.used);
        }
    }

    /**
     * Simulated annealing: Metropolis acceptance exp(−Δ/T) with an exponential schedule from
     * {@code startTemperature}·cost down to 1e-4·cost over the budget's steps or time.
     */
    public void simulatedAnnealing(Assignment start, double startCost, Budget budget, double startTemperature) {
        Assignment current = start.copy();
        double currentCost = startCost;
        Assignment candidate = current.copy();
        double t0 = startTemperature * startCost;
        double tEnd = 1e-4 * startCost;
        long begin = budget.now();
        long span = budget.deadline() == Long.MAX_VALUE ? 0 : budget.deadline() - begin;
        long steps = budget.maxSteps();
        for (long step = 0; !budget.exhausted(step); step++) {
            double progress = span > 0 ? (double) (budget.now() - begin) / span
                    : steps == Long.MAX_VALUE ? 0 : (double) step / steps;
            double temperature = t0 * Math.pow(tEnd / t0, Math.min(1.0, progress));
            candidate.copyFrom(current);
            if (!moves.apply(candidate, random)) {
                continue;
            }
            double cost = price(candidate);
            if (cost == Double.POSITIVE_INFINITY) {
                continue;
            }
            double delta = cost - currentCost;
            if (delta <= 0 || random.nextDouble() < Math.exp(-delta / temperature)) {
                acceptedMoves++;
                current.copyFrom(candidate);
                currentCost = cost;
                offer(current, currentCost, lastUsed());
            }
        }
    }

    /** Exhaustive cluster sizing of an elite member (a final polish). */
    public void polish(Assignment a) {
        if (sizer.maximise(a)) {
            double cost = sizer.optimise(a, 4096);
            offer(a, cost, evaluator.used);
        }
    }
}
