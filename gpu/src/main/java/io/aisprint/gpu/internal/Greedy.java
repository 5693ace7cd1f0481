package io.aisprint.gpu.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The greedy construction of the reference scheduler, with the hooks the randomized greedy
 * needs. Jobs are taken by decreasing pressure; each gets the cheapest configuration that meets
 * its due date (else the fastest), on the node of that GPU type with the fewest GPUs left over;
 * jobs that fit nowhere wait. Idle GPUs are then given to the jobs that gain most from them
 * while that lowers the proxy.
 */
final class Greedy {
    /** Randomization of the greedy (all zero: the deterministic greedy). */
    record Randomness(double alpha, double pi, double beta) {
        static final Randomness NONE = new Randomness(0, 0, 0);
    }

    /** Order of the configurations that miss the due date: fastest first (reference), or cheapest first. */
    enum LateOrder { FASTEST, CHEAPEST }

    private LateOrder lateOrder = LateOrder.FASTEST;
    private boolean weightedShortestFirst;

    Greedy withLateOrder(LateOrder order) {
        Greedy copy = new Greedy(instance, evaluator);
        copy.lateOrder = order;
        copy.weightedShortestFirst = weightedShortestFirst;
        return copy;
    }

    /**
     * A greedy for overload: jobs by tardiness weight per GPU-second of their leanest
     * configuration (weighted shortest processing time first), late jobs in their cheapest
     * configuration, so that many jobs progress and the heavy ones first.
     */
    Greedy weightedShortest() {
        Greedy copy = withLateOrder(LateOrder.CHEAPEST);
        copy.weightedShortestFirst = true;
        return copy;
    }

    private Integer[] weightedShortestOrder() {
        Integer[] order = new Integer[instance.jobCount];
        double[] ratio = new double[instance.jobCount];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
            double work = Double.POSITIVE_INFINITY;
            for (int c = 0; c < instance.candidates[j].length; c++) {
                work = Math.min(work, instance.remaining[j][c] * instance.candidates[j][c].gpuShare());
            }
            ratio[j] = work > 0 && work < Double.POSITIVE_INFINITY ? instance.weight[j] / work : 0;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -ratio[j]).thenComparing(j -> instance.jobs[j].id()));
        return order;
    }

    private final Instance instance;
    private final Evaluator evaluator;

    Greedy(Instance instance, Evaluator evaluator) {
        this.instance = instance;
        this.evaluator = evaluator;
    }

    /** Jobs by decreasing pressure; ties by due date then id so the order is reproducible. */
    Integer[] pressureOrder() {
        if (weightedShortestFirst) {
            return weightedShortestOrder();
        }
        Integer[] order = new Integer[instance.jobCount];
        double[] pressure = new double[instance.jobCount];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
            pressure[j] = instance.pressure(j);
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -pressure[j])
            .thenComparingDouble(j -> instance.dueDate[j])
            .thenComparing(j -> instance.jobs[j].id()));
        return order;
    }

    /** Configurations of a job in preference order: on-time ones by cost, then late ones by speed. */
    int[] preferenceOrder(int job) {
        int size = instance.candidates[job].length;
        List<Integer> onTime = new ArrayList<>();
        List<Integer> late = new ArrayList<>();
        for (int c = 0; c < size; c++) {
            (instance.meetsDueDate(job, c) ? onTime : late).add(c);
        }
        onTime.sort(Comparator.<Integer>comparingDouble(c -> instance.aloneCost[job][c])
            .thenComparingDouble(c -> instance.remaining[job][c]));
        if (lateOrder == LateOrder.FASTEST) {
            late.sort(Comparator.<Integer>comparingDouble(c -> instance.remaining[job][c])
                .thenComparingDouble(c -> instance.aloneCost[job][c]));
        } else {
            // When the cluster is overloaded, late jobs that take fewer GPU-hours let more jobs run.
            late.sort(Comparator.<Integer>comparingDouble(c -> instance.aloneCost[job][c])
                .thenComparingDouble(c -> instance.remaining[job][c]));
        }
        int[] order = new int[size];
        int k = 0;
        for (int c : onTime) {
            order[k++] = c;
        }
        for (int c : late) {
            order[k++] = c;
        }
        return order;
    }

    Solution build(Randomness randomness, Random random) {
        Integer[] order = pressureOrder();
        if (randomness.pi() > 0) {
            for (int i = 0; i < order.length; i++) {
                if (random.nextDouble() < randomness.pi()) {
                    int other = random.nextInt(order.length);
                    Integer swap = order[i];
                    order[i] = order[other];
                    order[other] = swap;
                }
            }
        }
        Solution solution = new Solution(instance);
        for (int job : order) {
            int[] preferences = preferenceOrder(job);
            if (randomness.alpha() > 0 && preferences.length > 1) {
                int restricted = Math.max(1, (int) Math.ceil(randomness.alpha() * preferences.length));
                int pick = random.nextInt(Math.min(restricted + 1, preferences.length));
                int chosen = preferences[pick];
                System.arraycopy(preferences, 0, preferences, 1, pick);
                preferences[0] = chosen;
            }
            for (int candidate : preferences) {
                int node = chooseNode(solution, job, candidate, randomness.beta(), random);
                if (node >= 0) {
                    solution.assign(job, candidate, node);
                    break;
                }
            }
        }
        giveIdleGpus(solution);
        return solution;
    }

    /** Best fit: the node of the type with the fewest GPUs left; with probability beta a random fitting node. */
    int chooseNode(Solution solution, int job, int candidate, double beta, Random random) {
        int[] nodes = instance.nodesOfCandidate[job][candidate];
        int best = -1;
        double bestLeftover = Double.POSITIVE_INFINITY;
        int fitting = 0;
        int randomPick = -1;
        boolean randomize = beta > 0 && random.nextDouble() < beta;
        for (int node : nodes) {
            if (!solution.fits(job, candidate, node)) {
                continue;
            }
            fitting++;
            if (randomize && random.nextInt(fitting) == 0) {
                randomPick = node;
            }
            double leftover = solution.leftover(job, candidate, node);
            // Staying where it runs avoids a migration when fits are equal.
            if (node == instance.currentNode[job]) {
                leftover -= 1e-6;
            }
            if (leftover < bestLeftover) {
                bestLeftover = leftover;
                best = node;
            }
        }
        return randomize && randomPick >= 0 ? randomPick : best;
    }

    /** Gives idle whole GPUs to the job on the node with the largest speed-up, while the proxy improves. */
    void giveIdleGpus(Solution solution) {
        double current = evaluator.cost(solution);
        for (int node = 0; node < instance.nodeCount; node++) {
            boolean improved = true;
            int guard = 0;
            while (improved && solution.freeWholeGpus(node) > 0 && guard++ < 64) {
                improved = false;
                int bestJob = -1;
                int bestCandidate = -1;
                double bestGain = 0;
                for (int j = 0; j < instance.jobCount; j++) {
                    if (solution.nodeOf[j] != node || instance.candidates[j][solution.candidateOf[j]].isShared()) {
                        continue;
                    }
                    int now = solution.candidateOf[j];
                    int gpus = instance.candidates[j][now].gpus();
                    int limit = gpus + solution.freeWholeGpus(node);
                    for (int c = 0; c < instance.candidates[j].length; c++) {
                        var configuration = instance.candidates[j][c];
                        if (configuration.isShared() || !configuration.gpuType().equals(instance.nodes[node].gpuType())
                            || configuration.gpus() <= gpus || configuration.gpus() > limit) {
                            continue;
                        }
                        double gain = instance.remaining[j][now] - instance.remaining[j][c];
                        if (gain > bestGain) {
                            bestGain = gain;
                            bestJob = j;
                            bestCandidate = c;
                        }
                    }
                }
                if (bestJob >= 0) {
                    int previous = solution.candidateOf[bestJob];
                    solution.unassign(bestJob);
                    solution.assign(bestJob, bestCandidate, node);
                    double cost = evaluator.cost(solution);
                    if (cost < current - 1e-12) {
                        current = cost;
                        improved = true;
                    } else {
                        solution.unassign(bestJob);
                        solution.assign(bestJob, previous, node);
                    }
                }
            }
        }
    }
}
