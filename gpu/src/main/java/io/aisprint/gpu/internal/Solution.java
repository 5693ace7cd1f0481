package io.aisprint.gpu.internal;

import io.aisprint.gpu.Configuration;
import java.util.Arrays;

/**
 * A candidate schedule during search: for each job its node and configuration (or -1 when it
 * waits), and for each node how its GPUs are taken. Whole-GPU jobs take free GPUs; shared jobs
 * take a fraction of one GPU, packed best-fit onto partly used GPUs, so no GPU is ever given
 * more than its capacity.
 */
final class Solution {
    private static final double EPSILON = 1e-9;
    final Instance instance;
    final int[] nodeOf;
    final int[] candidateOf;
    /** Slot of the shared GPU a fractional job sits on, else -1. */
    final int[] sharedSlotOf;
    /** Whole GPUs taken on each node. */
    final int[] wholeBusy;
    /** Per node, the load (0..1) of each GPU opened for sharing; unused slots are 0. */
    final double[][] sharedLoad;

    Solution(Instance instance) {
        this.instance = instance;
        int jobs = instance.jobCount;
        nodeOf = new int[jobs];
        candidateOf = new int[jobs];
        sharedSlotOf = new int[jobs];
        Arrays.fill(nodeOf, -1);
        Arrays.fill(candidateOf, -1);
        Arrays.fill(sharedSlotOf, -1);
        wholeBusy = new int[instance.nodeCount];
        sharedLoad = new double[instance.nodeCount][];
        for (int i = 0; i < instance.nodeCount; i++) {
            sharedLoad[i] = new double[instance.nodes[i].gpus()];
        }
    }

    private Solution(Solution other) {
        instance = other.instance;
        nodeOf = other.nodeOf.clone();
        candidateOf = other.candidateOf.clone();
        sharedSlotOf = other.sharedSlotOf.clone();
        wholeBusy = other.wholeBusy.clone();
        sharedLoad = new double[other.sharedLoad.length][];
        for (int i = 0; i < sharedLoad.length; i++) {
            sharedLoad[i] = other.sharedLoad[i].clone();
        }
    }

    Solution copy() {
        return new Solution(this);
    }

    int sharedGpusOpen(int node) {
        int open = 0;
        for (double load : sharedLoad[node]) {
            if (load > EPSILON) {
                open++;
            }
        }
        return open;
    }

    /** GPUs with any work on them. */
    int gpusInUse(int node) {
        return wholeBusy[node] + sharedGpusOpen(node);
    }

    int freeWholeGpus(int node) {
        return instance.nodes[node].gpus() - gpusInUse(node);
    }

    /** Sum of GPU shares of the jobs on a node (equals GPUs in use without sharing). */
    double shareInUse(int node) {
        double share = wholeBusy[node];
        for (double load : sharedLoad[node]) {
            share += load;
        }
        return share;
    }

    boolean fits(int job, int candidate, int node) {
        Configuration configuration = instance.candidates[job][candidate];
        if (!configuration.isShared()) {
            return freeWholeGpus(node) >= configuration.gpus();
        }
        return sharedSlotFor(node, configuration.fraction()) >= 0;
    }

    /** GPUs left idle on the node after placing the configuration (for best fit). */
    double leftover(int job, int candidate, int node) {
        return instance.nodes[node].gpus() - shareInUse(node) - instance.candidates[job][candidate].gpuShare();
    }

    private int sharedSlotFor(int node, double fraction) {
        double[] loads = sharedLoad[node];
        int best = -1;
        double bestLoad = -1;
        int empty = -1;
        for (int slot = 0; slot < loads.length; slot++) {
            double load = loads[slot];
            if (load <= EPSILON) {
                if (empty < 0) {
                    empty = slot;
                }
            } else if (load + fraction <= 1 + EPSILON && load > bestLoad) {
                best = slot;
                bestLoad = load;
            }
        }
        if (best >= 0) {
            return best;
        }
        return empty >= 0 && freeWholeGpus(node) >= 1 ? empty : -1;
    }

    void assign(int job, int candidate, int node) {
        if (nodeOf[job] >= 0) {
            unassign(job);
        }
        Configuration configuration = instance.candidates[job][candidate];
        if (!fits(job, candidate, node)) {
            throw new IllegalStateException("Job " + job + " does not fit node " + node + " in " + configuration);
        }
        if (configuration.isShared()) {
            int slot = sharedSlotFor(node, configuration.fraction());
            sharedLoad[node][slot] += configuration.fraction();
            sharedSlotOf[job] = slot;
        } else {
            wholeBusy[node] += configuration.gpus();
        }
        nodeOf[job] = node;
        candidateOf[job] = candidate;
    }

    void unassign(int job) {
        int node = nodeOf[job];
        if (node < 0) {
            return;
        }
        Configuration configuration = instance.candidates[job][candidateOf[job]];
        if (configuration.isShared()) {
            int slot = sharedSlotOf[job];
            sharedLoad[node][slot] = Math.max(0, sharedLoad[node][slot] - configuration.fraction());
            if (sharedLoad[node][slot] < EPSILON) {
                sharedLoad[node][slot] = 0;
            }
            sharedSlotOf[job] = -1;
        } else {
            wholeBusy[node] -= configuration.gpus();
        }
        nodeOf[job] = -1;
        candidateOf[job] = -1;
    }

    boolean isAssigned(int job) {
        return nodeOf[job] >= 0;
    }

    double remaining(int job) {
        return instance.remaining[job][candidateOf[job]];
    }

    boolean sameAs(Solution other) {
        return Arrays.equals(nodeOf, other.nodeOf) && Arrays.equals(candidateOf, other.candidateOf);
    }
}
