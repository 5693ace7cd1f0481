package io.aisprint.placement.internal;

import io.aisprint.perf.QueueModel;
import java.util.Arrays;

/**
 * Exact evaluation of an {@link Assignment} (placement reference §2): loads, M/G/1 utilisations,
 * partition, component and path response times, every feasibility rule of §2.7 and the cost of
 * §2.8. Holds scratch arrays, so one instance per thread.
 */
public final class Evaluator {
    private final CompiledProblem p;
    public final double[] demandRate;
    public final double[] memoryUsed;
    public final boolean[] used;
    public final double[] utilization;
    public final int[] layerChoice;
    public final double[] slotTime;
    public final double[] componentTime;
    public final double[] pathTime;
    private final boolean[] endsInCloud;
    private final boolean[] faasCharged;
    /** Active slots per resource, filled by the last full evaluation (for incremental updates). */
    private final int[][] slotsOn;
    private final int[] slotsOnCount;
    private final boolean[] touchedComponent;
    private final boolean[] touchedPath;
    private final int[] chargedInstances;
    public long incrementalEvaluations;

    public Violation violation = Violation.NONE;
    /** The component, path, resource or slot the violation is about (−1 when not applicable). */
    public int violationIndex = -1;
    public double cost = Double.NaN;
    public long evaluations;
    /** When set, every broken rule is recorded in {@link #violations}, not only the first (for tests and reports). */
    public boolean recordAll;
    /** Every broken rule of the last evaluation as {@link #key}s, filled only when {@link #recordAll} is set. */
    public final java.util.Set<Long> violations = new java.util.TreeSet<>();

    public Evaluator(CompiledProblem problem) {
        this.p = problem;
        demandRate = new double[p.resourceCount];
        memoryUsed = new double[p.resourceCount];
        used = new boolean[p.resourceCount];
        utilization = new double[p.resourceCount];
        layerChoice = new int[p.layerName.length];
        slotTime = new double[p.slotCount];
        componentTime = new double[p.componentCount];
        pathTime = new double[p.pathCount];
        endsInCloud = new boolean[p.componentCount];
        faasCharged = new boolean[p.resourceCount];
        slotsOn = new int[p.resourceCount][p.slotCount];
        slotsOnCount = new int[p.resourceCount];
        touchedComponent = new boolean[p.componentCount];
        touchedPath = new boolean[p.pathCount];
        chargedInstances = new int[p.resourceCount];
    }

    public CompiledProblem problem() {
        return p;
    }

    /** Evaluates and stops at the first broken rule; returns whether the assignment is feasible. */
    public boolean evaluate(Assignment a) {
        return evaluate(a, true);
    }

    /**
     * Evaluates {@code a}. With {@code stopEarly} false every response time is computed even when a
     * rule is broken (for reports); {@link #violation} then holds the first broken rule.
     */
    public boolean evaluate(Assignment a, boolean stopEarly) {
        evaluations++;
        violation = Violation.NONE;
        violationIndex = -1;
        cost = Double.NaN;
        violations.clear();
        Arrays.fill(demandRate, 0.0);
        Arrays.fill(memoryUsed, 0.0);
        Arrays.fill(used, false);
        Arrays.fill(layerChoice, -1);
        Arrays.fill(slotsOnCount, 0);
        if (!aggregate(a) && stopEarly) {
            return false;
        }
        computeCost(a);
        if (!checkResources(a) && stopEarly) {
            return false;
        }
        if (!computeComponents(a) && stopEarly) {
            return false;
        }
        computePaths(a, stopEarly);
        return violation == Violation.NONE;
    }

    /**
     * Re-evaluates {@code a} after only the cluster size of edge/VM resource {@code r} changed since the
     * last complete evaluation of the same placement: the utilisation of r, the times of the partitions
     * on r, the components holding them and the paths through those components, and the cost. Call it
     * again after restoring the size to bring the state back. Returns feasibility.
     */
    public boolean evaluateSizeChange(Assignment a, int r) {
        incrementalEvaluations++;
        violation = Violation.NONE;
        violationIndex = -1;
        int n = a.instances[r];
        // Cost: every used node resource is charged n·c·T; update only r's share.
        cost += (n - chargedInstances[r]) * p.unitCost[r] * p.time;
        chargedInstances[r] = n;
        if (n < 1 || n > p.maxInstances[r]) {
            fail(Violation.INSTANCE_BOUNDS, r);
        }
        double capacity = p.semantics.memoryScalesWithInstances() ? n * p.memoryCapacity[r] : p.memoryCapacity[r];
        if (memoryUsed[r] > capacity) {
            fail(Violation.MEMORY, r);
        }
        utilization[r] = n >= 1 ? demandRate[r] / n : Double.POSITIVE_INFINITY;
        if (!(utilization[r] < 1.0)) {
            fail(Violation.SATURATED, r);
        }
        Arrays.fill(touchedComponent, false);
        double u = utilization[r];
        for (int i = 0; i < slotsOnCount[r]; i++) {
            int s = slotsOn[r][i];
            slotTime[s] = slotTime(p, s, r, utilization, a.instances);
            touchedComponent[p.slotComponent[s]] = true;
        }
        Arrays.fill(touchedPath, false);
        for (int c = 0; c < p.componentCount; c++) {
            if (!touchedComponent[c]) {
                continue;
            }
            componentTime[c] = componentTimeFromSlots(a, c);
            if (!(componentTime[c] <= p.localLimit[c])) {
                fail(Violation.LOCAL_CONSTRAINT, c);
            }
            for (int q : p.componentPaths[c]) {
                touchedPath[q] = true;
            }
        }
        for (int q = 0; q < p.pathCount; q++) {
            if (touchedPath[q]) {
                pathTime[q] = pathResponseTime(a, q);
                if (!(pathTime[q] <= p.pathLimit[q])) {
                    fail(Violation.GLOBAL_CONSTRAINT, q);
                }
            }
        }
        return violation == Violation.NONE;
    }

    private double componentTimeFromSlots(Assignment a, int c) {
        return chainTime(p, a, c, slotTime);
    }

    /** §2.5: a component's response time from its partitions' times and the transfers between them. */
    static double chainTime(CompiledProblem p, Assignment a, int c, double[] slotTime) {
        return chainTime(p, p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]], a.resource, slotTime);
    }

    /**
     * The one home of §2.5: the response time of a chain of slots with {@code slotResource[s]} and
     * {@code slotTime[s]} per slot, each later partition (and the transfer to it) weighted by the
     * probability that no earlier one exited.
     */
    static double chainTime(CompiledProblem p, int[] chain, int[] slotResource, double[] slotTime) {
        double total = 0.0;
        double reach = 1.0;
        int previousSlot = -1;
        for (int s : chain) {
            double t = slotTime[s];
            if (previousSlot < 0) {
                total = t;
            } else {
                total += reach * (t + p.transfer(slotResource[previousSlot], slotResource[s], p.slotDataToNext[previousSlot]));
            }
            reach *= 1.0 - p.slotEarlyExit[s];
            previousSlot = s;
        }
        return total;
    }

    /** A broken rule and the component, path, resource, layer or slot it is about, as one number. */
    public static long key(Violation v, int index) {
        return ((long) v.ordinal() << 32) | (index & 0xffffffffL);
    }

    private void fail(Violation v, int index) {
        if (recordAll) {
            violations.add(key(v, index));
        }
        if (violation == Violation.NONE) {
            violation = v;
            violationIndex = index;
        }
    }

    /** Structure, one type per layer, move-back and per-resource sums. */
    private boolean aggregate(Assignment a) {
        for (int c = 0; c < p.componentCount; c++) {
            int d = a.deployment[c];
            boolean cloud = false;
            for (int pred : p.predecessors[c]) {
                cloud |= endsInCloud[pred];
            }
            int[] chain = p.deploymentSlots[p.componentDeployments[c][d]];
            int previous = -1;
            for (int s : chain) {
                int r = a.resource[s];
                if (r < 0 || !p.isCompatible(s, r)) {
                    fail(Violation.INCOMPATIBLE, s);
                    return false;
                }
                used[r] = true;
                slotsOn[r][slotsOnCount[r]++] = s;
                memoryUsed[r] += p.memory[s][r];
                if (!p.isFaas[r]) {
                    demandRate[r] += p.demand[s][r] * p.slotLoad[s];
                    int layer = p.resourceLayer[r];
                    if (layerChoice[layer] < 0) {
                        layerChoice[layer] = r;
                    } else if (layerChoice[layer] != r) {
                        fail(Violation.TWO_TYPES_IN_LAYER, layer);
                    }
                }
                if (p.isEdge[r]) {
                    if (cloud) {
                        fail(Violation.MOVE_BACK_TO_EDGE, c);
                    }
                } else {
                    cloud = true;
                }
                if (previous >= 0 && !p.connected(previous, r)) {
                    fail(Violation.NO_NETWORK_PATH, c);
                }
                previous = r;
            }
            endsInCloud[c] = cloud;
        }
        return violation == Violation.NONE;
    }

    private void computeCost(Assignment a) {
        double total = 0.0;
        for (int r = 0; r < p.resourceCount; r++) {
            if (used[r] && !p.isFaas[r]) {
                total += a.instances[r] * p.unitCost[r] * p.time;
                chargedInstances[r] = a.instances[r];
            }
        }
        Arrays.fill(faasCharged, false);
        for (int c = 0; c < p.componentCount; c++) {
            for (int s : p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]]) {
                int r = a.resource[s];
                if (r >= 0 && p.isFaas[r] && p.isCompatible(s, r)) {
                    if (p.semantics.faasCostPerPartition() || !faasCharged[r]) {
                        total += p.faasCost[s][r];
                        faasCharged[r] = true;
                    }
                }
            }
        }
        cost = total;
    }

    /** Instance bounds, memory and utilisation of every used resource. */
    private boolean checkResources(Assignment a) {
        for (int r = 0; r < p.resourceCount; r++) {
            if (!used[r]) {
                continue;
            }
            if (p.isFaas[r]) {
                utilization[r] = 0.0;
                if (memoryUsed[r] > p.memoryCapacity[r]) {
                    fail(Violation.MEMORY, r);
                }
                continue;
            }
            int n = a.instances[r];
            if (n < 1 || n > p.maxInstances[r]) {
                fail(Violation.INSTANCE_BOUNDS, r);
                utilization[r] = Double.POSITIVE_INFINITY;
                continue;
            }
            double capacity = p.semantics.memoryScalesWithInstances() ? n * p.memoryCapacity[r] : p.memoryCapacity[r];
            if (memoryUsed[r] > capacity) {
                fail(Violation.MEMORY, r);
            }
            utilization[r] = demandRate[r] / n;
            if (!(utilization[r] < 1.0)) {
                fail(Violation.SATURATED, r);
            }
        }
        return violation == Violation.NONE;
    }

    /** Partition and component response times (§2.5) and the local constraints. */
    private boolean computeComponents(Assignment a) {
        for (int c = 0; c < p.componentCount; c++) {
            for (int s : p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]]) {
                slotTime[s] = slotTime(p, s, a.resource[s], utilization, a.instances);
            }
            double total = chainTime(p, a, c, slotTime);
            componentTime[c] = total;
            if (!(total <= p.localLimit[c])) {
                fail(Violation.LOCAL_CONSTRAINT, c);
            }
        }
        return violation == Violation.NONE;
    }

    /** A partition's time on resource r: the FaaS model, a regression model's prediction at r's size, or the M/G/1 residence time D/(1 − U). */
    static double slotTime(CompiledProblem p, int s, int r, double[] utilization, int[] instances) {
        if (p.isFaas[r]) {
            return p.faasTime[s][r];
        }
        double[] predicted = p.regressionTime[s][r];
        if (predicted != null) {
            int n = instances[r];
            return n >= 1 && n < predicted.length && utilization[r] < 1.0 ? predicted[n] : Double.POSITIVE_INFINITY;
        }
        double u = utilization[r];
        return QueueModel.responseTime(p.demand[s][r], u);
    }

    /**
     * The fastest partition slot s can answer on r under {@code demandRate}: every cluster at its
     * maximum size (more instances only help), as the exact search's bounds assume.
     */
    static double fastestSlotTime(CompiledProblem p, int s, int r, double demandRate) {
        if (p.isFaas[r]) {
            return p.faasTime[s][r];
        }
        if (p.regressionTime[s][r] != null) {
            return p.bestRegressionTime(s, r);
        }
        return QueueModel.responseTime(p.demand[s][r], QueueModel.utilization(demandRate, p.maxInstances[r]));
    }

    /** Path response times (§2.6) and the global constraints. */
    private void computePaths(Assignment a, boolean stopEarly) {
        for (int q = 0; q < p.pathCount; q++) {
            pathTime[q] = pathResponseTime(a, q);
            if (!(pathTime[q] <= p.pathLimit[q])) {
                fail(Violation.GLOBAL_CONSTRAINT, q);
                if (stopEarly) {
                    return;
                }
            }
        }
    }

    /** R̂ = Σ R_{c_k} + Σ Δ_k, with Δ_k shipping early-exit outputs too; DAG probabilities are not applied. */
    public double pathResponseTime(Assignment a, int q) {
        return pathTime(p, a, q, componentTime);
    }

    static double pathTime(CompiledProblem p, Assignment a, int q, double[] componentTime) {
        return pathTime(p, a, q, componentTime, Integer.MAX_VALUE);
    }

    /**
     * The one home of §2.6 over the components of path q numbered at most {@code last} (all of them
     * for {@link Integer#MAX_VALUE}) and the hops between such neighbours.
     */
    static double pathTime(CompiledProblem p, Assignment a, int q, double[] componentTime, int last) {
        int[] components = p.pathComponents[q];
        double total = 0.0;
        for (int k = 0; k < components.length; k++) {
            int c = components[k];
            if (c > last) {
                continue;
            }
            total += componentTime[c];
            if (k + 1 < components.length && components[k + 1] <= last) {
                int next = components[k + 1];
                int nextFirst = a.resource[p.deploymentSlots[p.componentDeployments[next][a.deployment[next]]][0]];
                double data = p.pathHopData[q][k][a.deployment[c]];
                total += hopDelay(p, a, c, nextFirst, data);
            }
        }
        return total;
    }

    static double hopDelay(CompiledProblem p, Assignment a, int c, int nextFirst, double data) {
        int[] chain = p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]];
        double reach = 1.0;
        double delay = 0.0;
        for (int i = 0; i < chain.length; i++) {
            int s = chain[i];
            int r = a.resource[s];
            if (r == nextFirst) {
                continue;
            }
            double t = p.transfer(r, nextFirst, data);
            if (i + 1 < chain.length) {
                if (p.slotEarlyExit[s] > 0) {
                    delay += reach * p.slotEarlyExit[s] * t;
                }
                reach *= 1.0 - p.slotEarlyExit[s];
            } else {
                delay += reach * t;
            }
        }
        return delay;
    }
}
