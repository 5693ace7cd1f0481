package io.aisprint.placement.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the evaluation of one placement up to date as it moves (placement reference §2): per-resource
 * sums, utilisations and cost shares, partition, component and path times, and a flag for every rule
 * of §2.7. {@link #apply} compares the target placement with the held one and recomputes only what
 * the difference reaches: the resources whose partitions or cluster size changed, the partitions on
 * them, the components holding those partitions, the paths through those components, the move-back
 * rule downstream of a component whose chain changed, and the one-type-per-layer rule of the layers
 * of touched resources. Every touched quantity is recomputed from its inputs (never patched by a
 * difference), so the state is a function of the placement: it matches a full evaluation (resource
 * sums bit for bit, times to rounding, as chain transfers are added separately) and moving back
 * ({@link #undo}) restores it bit for bit. An early-stopping call leaves the times it did not reach
 * pending until {@link #settle}. Active partitions must sit on compatible resources, as the searches
 * guarantee. One instance per thread.
 */
public final class IncrementalEvaluator {
    private final CompiledProblem p;
    private final Assignment state;
    private final Assignment before;
    private boolean loaded;

    /** Active partitions on each resource. */
    public final int[] placed;
    /**
     * Per resource, the set of active slots on it as bits. Slots are numbered by component in
     * topological order, then chain position, so ascending bits add in a full evaluation's order.
     */
    private final long[][] members;
    public final boolean[] used;
    public final double[] demandRate;
    public final double[] memoryUsed;
    public final double[] utilization;
    /** What each resource adds to the cost: n·c·T for a used edge/VM, the FaaS charges otherwise. */
    public final double[] resourceCost;
    public final double[] slotTime;
    public final double[] componentTime;
    public final double[] pathTime;
    private final boolean[] endsInCloud;
    /** Per component, the reach-weighted transfers inside its chain (change only with the chain). */
    private final double[] chainDelay;
    /** Per path and hop, the transfer from c_k to c_k+1 (changes only with those two chains). */
    private final double[][] hopDelay;
    private final boolean[][] hopStale;
    public long componentsRecomputed;
    public long pathsRecomputed;
    private final boolean[] boundsBroken;
    private final boolean[] memoryBroken;
    private final boolean[] saturated;
    private final boolean[] twoTypes;
    private final boolean[] moveBack;
    private final boolean[] noNetwork;
    private final boolean[] localBroken;
    private final boolean[] globalBroken;
    /** Broken rules among those settled before any time (resources, layers, move-back, network). */
    private int structuralBroken;
    /** Broken local and path rules, current once {@link #settle} has run. */
    private int timeBroken;
    public double cost = Double.NaN;
    public long applications;

    // Scratch marks of one update, cleared through their lists.
    private final boolean[] touchedResource;
    private final int[] touchedResources;
    private int touchedResourceCount;
    private final boolean[] changedComponent;
    private final boolean[] structureChanged;
    private int firstChanged;
    private final boolean[] dirtyComponent;
    private final int[] dirtyComponents;
    private int dirtyComponentCount;
    private final boolean[] dirtyPath;
    private final int[] dirtyPaths;
    private int dirtyPathCount;
    private final boolean[] cloudChanged;
    private final int[] timedSlots;
    private int timedSlotCount;

    public IncrementalEvaluator(CompiledProblem problem) {
        this.p = problem;
        state = new Assignment(p);
        before = new Assignment(p);
        int resources = p.resourceCount;
        placed = new int[resources];
        members = new long[resources][(p.slotCount + 63) / 64];
        used = new boolean[resources];
        demandRate = new double[resources];
        memoryUsed = new double[resources];
        utilization = new double[resources];
        resourceCost = new double[resources];
        slotTime = new double[p.slotCount];
        componentTime = new double[p.componentCount];
        pathTime = new double[p.pathCount];
        endsInCloud = new boolean[p.componentCount];
        chainDelay = new double[p.componentCount];
        hopDelay = new double[p.pathCount][];
        for (int q = 0; q < p.pathCount; q++) {
            hopDelay[q] = new double[Math.max(0, p.pathComponents[q].length - 1)];
        }
        hopStale = new boolean[p.pathCount][];
        for (int q = 0; q < p.pathCount; q++) {
            hopStale[q] = new boolean[hopDelay[q].length];
        }
        boundsBroken = new boolean[resources];
        memoryBroken = new boolean[resources];
        saturated = new boolean[resources];
        twoTypes = new boolean[p.layerName.length];
        moveBack = new boolean[p.componentCount];
        noNetwork = new boolean[p.componentCount];
        localBroken = new boolean[p.componentCount];
        globalBroken = new boolean[p.pathCount];
        touchedResource = new boolean[resources];
        touchedResources = new int[resources];
        changedComponent = new boolean[p.componentCount];
        structureChanged = new boolean[p.componentCount];
        dirtyComponent = new boolean[p.componentCount];
        dirtyComponents = new int[p.componentCount];
        dirtyPath = new boolean[p.pathCount];
        dirtyPaths = new int[p.pathCount];
        cloudChanged = new boolean[p.componentCount];
        timedSlots = new int[p.slotCount];
        firstChanged = p.componentCount;
    }

    public CompiledProblem problem() {
        return p;
    }

    public boolean isLoaded() {
        return loaded;
    }

    /** The placement the state describes (read only). */
    public Assignment current() {
        return state;
    }

    /** Evaluates {@code a} from scratch; returns feasibility. */
    public boolean load(Assignment a) {
        Arrays.fill(placed, 0);
        for (long[] bits : members) {
            Arrays.fill(bits, 0L);
        }
        Arrays.fill(used, false);
        Arrays.fill(resourceCost, 0.0);
        Arrays.fill(endsInCloud, false);
        Arrays.fill(boundsBroken, false);
        Arrays.fill(memoryBroken, false);
        Arrays.fill(saturated, false);
        Arrays.fill(twoTypes, false);
        Arrays.fill(moveBack, false);
        Arrays.fill(noNetwork, false);
        Arrays.fill(localBroken, false);
        Arrays.fill(globalBroken, false);
        Arrays.fill(slotTime, Double.NaN);
        structuralBroken = 0;
        timeBroken = 0;
        state.copyFrom(a);
        before.copyFrom(a);
        for (int c = 0; c < p.componentCount; c++) {
            for (int s : chain(state, c)) {
                requireCompatible(s, state.resource[s]);
                members[state.resource[s]][s >>> 6] |= 1L << s;
            }
            markChanged(c);
        }
        for (int r = 0; r < p.resourceCount; r++) {
            touch(r);
        }
        loaded = true;
        return update(false);
    }

    /**
     * Moves the state to {@code target} (any placement: structural changes and cluster sizes alike)
     * and re-evaluates only what the difference touches; remembers the previous placement for
     * {@link #undo}. Returns feasibility.
     */
    public boolean apply(Assignment target) {
        return apply(target, false);
    }

    /**
     * As {@link #apply(Assignment)}; with {@code stopEarly} it returns at the first broken rule and
     * leaves the component and path times it did not reach pending: {@link #settle} (or the next
     * call) completes them. Cost, resource sums and the structural rules are always current.
     */
    public boolean apply(Assignment target, boolean stopEarly) {
        before.copyFrom(state);
        return moveTo(target, stopEarly);
    }

    /**
     * Returns to the placement held before the last {@link #apply}, exactly as it was evaluated (once
     * settled: like an early-stopping apply, it returns at the first broken rule it meets).
     */
    public boolean undo() {
        return moveTo(before, true);
    }

    /**
     * Re-evaluates after only the cluster size of resource r changed in {@code a} (the held placement
     * otherwise), stopping at the first broken rule like {@code apply(target, true)}.
     */
    public boolean resize(Assignment a, int r) {
        applications++;
        state.instances[r] = a.instances[r];
        touch(r);
        return update(true);
    }

    /** Completes the times left pending by an early stop. */
    public void settle() {
        update(false);
    }

    public boolean feasible() {
        settle();
        return structuralBroken == 0 && timeBroken == 0;
    }

    /** Every broken rule, as {@link Evaluator#key}s. */
    public Set<Long> violations() {
        settle();
        Set<Long> keys = new TreeSet<>();
        for (int r = 0; r < p.resourceCount; r++) {
            add(keys, boundsBroken[r], Violation.INSTANCE_BOUNDS, r);
            add(keys, memoryBroken[r], Violation.MEMORY, r);
            add(keys, saturated[r], Violation.SATURATED, r);
        }
        for (int l = 0; l < twoTypes.length; l++) {
            add(keys, twoTypes[l], Violation.TWO_TYPES_IN_LAYER, l);
        }
        for (int c = 0; c < p.componentCount; c++) {
            add(keys, moveBack[c], Violation.MOVE_BACK_TO_EDGE, c);
            add(keys, noNetwork[c], Violation.NO_NETWORK_PATH, c);
            add(keys, localBroken[c], Violation.LOCAL_CONSTRAINT, c);
        }
        for (int q = 0; q < p.pathCount; q++) {
            add(keys, globalBroken[q], Violation.GLOBAL_CONSTRAINT, q);
        }
        return keys;
    }

    private static void add(Set<Long> keys, boolean flag, Violation v, int index) {
        if (flag) {
            keys.add(Evaluator.key(v, index));
        }
    }

    private boolean moveTo(Assignment target, boolean stopEarly) {
        if (!loaded) {
            return load(target);
        }
        applications++;
        // Only components whose deployment or some slot differs can have changed: find them with
        // vectorised mismatches rather than walking every chain.
        int n = p.componentCount;
        for (int from = 0, i; from < n && (i = Arrays.mismatch(state.deployment, from, n, target.deployment, from, n)) >= 0;
                from += i + 1) {
            considerComponent(from + i, target);
        }
        int slots = p.slotCount;
        for (int from = 0, i; from < slots && (i = Arrays.mismatch(state.resource, from, slots, target.resource, from, slots)) >= 0;
                from += i + 1) {
            considerComponent(p.slotComponent[from + i], target);
        }
        int resources = p.resourceCount;
        for (int from = 0, i; from < resources
                && (i = Arrays.mismatch(state.instances, from, resources, target.instances, from, resources)) >= 0; from += i + 1) {
            if (!p.isFaas[from + i]) {
                touch(from + i);
            }
        }
        state.copyFrom(target);
        return update(stopEarly);
    }

    /** Marks component c changed (and updates slot membership) when its chain differs in {@code target}. */
    private void considerComponent(int c, Assignment target) {
        if (structureChanged[c]) {
            return; // already marked in this call (the marks of earlier calls are settled by then)
        }
        int[] oldChain = chain(state, c);
        int[] newChain = chain(target, c);
        boolean changed = oldChain != newChain;
        for (int i = 0; !changed && i < newChain.length; i++) {
            changed = state.resource[newChain[i]] != target.resource[newChain[i]];
        }
        if (!changed) {
            return;
        }
        for (int s : newChain) {
            requireCompatible(s, target.resource[s]);
        }
        markChanged(c);
        for (int s : oldChain) {
            touch(state.resource[s]);
            members[state.resource[s]][s >>> 6] &= ~(1L << s);
            if (oldChain != newChain) {
                // Partitions of a deployment no longer in use have no time (keeps undo exact).
                slotTime[s] = Double.NaN;
            }
        }
        for (int s : newChain) {
            touch(target.resource[s]);
            members[target.resource[s]][s >>> 6] |= 1L << s;
        }
    }

    private int[] chain(Assignment a, int c) {
        return p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]];
    }

    private void requireCompatible(int s, int r) {
        if (r < 0 || !p.isCompatible(s, r)) {
            throw new IllegalArgumentException("partition " + p.slotPartition[s] + " of " + p.componentName[p.slotComponent[s]]
                    + " is not on a compatible resource");
        }
    }

    private void markChanged(int c) {
        structureChanged[c] = true;
        firstChanged = Math.min(firstChanged, c);
        changedComponent[c] = true;
        markDirty(c);
    }

    private void markDirty(int c) {
        if (!dirtyComponent[c]) {
            dirtyComponent[c] = true;
            dirtyComponents[dirtyComponentCount++] = c;
        }
    }

    private void touch(int r) {
        if (!touchedResource[r]) {
            touchedResource[r] = true;
            touchedResources[touchedResourceCount++] = r;
        }
    }

    private void flag(boolean[] flags, int i, boolean value) {
        if (flags[i] != value) {
            flags[i] = value;
            structuralBroken += value ? 1 : -1;
        }
    }

    private void flagTime(boolean[] flags, int i, boolean value) {
        if (flags[i] != value) {
            flags[i] = value;
            timeBroken += value ? 1 : -1;
        }
    }

    /**
     * Recomputes everything the marks reach and clears the marks; returns feasibility. With
     * {@code stopEarly} it returns at the first broken rule, leaving the components and paths not yet
     * reached marked for the next call.
     */
    private boolean update(boolean stopEarly) {
        if (touchedResourceCount > 0) {
            sumTouchedResources();
        }
        for (int i = 0; i < timedSlotCount; i++) {
            int s = timedSlots[i];
            slotTime[s] = Evaluator.slotTime(p, s, state.resource[s], utilization, state.instances);
        }
        timedSlotCount = 0;
        if (firstChanged < p.componentCount) {
            checkStructure();
        }
        double total = 0.0;
        for (int r = 0; r < p.resourceCount; r++) {
            total += resourceCost[r];
        }
        cost = total;
        if (stopEarly && structuralBroken > 0) {
            return false;
        }
        while (dirtyComponentCount > 0) {
            int c = dirtyComponents[--dirtyComponentCount];
            dirtyComponent[c] = false;
            componentsRecomputed++;
            if (changedComponent[c]) {
                changedComponent[c] = false;
                for (int s : chain(state, c)) {
                    slotTime[s] = Evaluator.slotTime(p, s, state.resource[s], utilization, state.instances);
                }
                chainDelay[c] = chainDelay(c);
                // Hop k depends on the chain of c_k and the first resource of c_k+1.
                for (int q : p.componentPaths[c]) {
                    int[] members = p.pathComponents[q];
                    for (int k = 0; k < members.length; k++) {
                        if (members[k] == c) {
                            if (k < hopStale[q].length) {
                                hopStale[q][k] = true;
                            }
                            if (k > 0) {
                                hopStale[q][k - 1] = true;
                            }
                        }
                    }
                }
            }
            componentTime[c] = chainTime(c);
            boolean late = !(componentTime[c] <= p.localLimit[c]);
            flagTime(localBroken, c, late);
            for (int q : p.componentPaths[c]) {
                if (!dirtyPath[q]) {
                    dirtyPath[q] = true;
                    dirtyPaths[dirtyPathCount++] = q;
                }
            }
            if (late && stopEarly) {
                return false;
            }
        }
        while (dirtyPathCount > 0) {
            int q = dirtyPaths[--dirtyPathCount];
            dirtyPath[q] = false;
            pathsRecomputed++;
            pathTime[q] = pathTime(q);
            boolean late = !(pathTime[q] <= p.pathLimit[q]);
            flagTime(globalBroken, q, late);
            if (late && stopEarly) {
                return false;
            }
        }
        return structuralBroken == 0 && timeBroken == 0;
    }

    /** §2.5 with the chain's transfers taken from {@link #chainDelay}. */
    private double chainTime(int c) {
        int[] chain = chain(state, c);
        double total = slotTime[chain[0]];
        double reach = 1.0 - p.slotEarlyExit[chain[0]];
        for (int i = 1; i < chain.length; i++) {
            total += reach * slotTime[chain[i]];
            reach *= 1.0 - p.slotEarlyExit[chain[i]];
        }
        return total + chainDelay[c];
    }

    private double chainDelay(int c) {
        int[] chain = chain(state, c);
        double delay = 0.0;
        double reach = 1.0;
        for (int i = 1; i < chain.length; i++) {
            int previous = chain[i - 1];
            reach *= 1.0 - p.slotEarlyExit[previous];
            delay += reach * p.transfer(state.resource[previous], state.resource[chain[i]], p.slotDataToNext[previous]);
        }
        return delay;
    }

    /** §2.6, adding in the order a full evaluation does, with hop delays recomputed only when stale. */
    private double pathTime(int q) {
        int[] components = p.pathComponents[q];
        boolean[] stale = hopStale[q];
        double total = 0.0;
        for (int k = 0; k < components.length; k++) {
            int c = components[k];
            total += componentTime[c];
            if (k + 1 < components.length) {
                if (stale[k]) {
                    stale[k] = false;
                    int next = components[k + 1];
                    int nextFirst = state.resource[chain(state, next)[0]];
                    hopDelay[q][k] = Evaluator.hopDelay(p, state, c, nextFirst, p.pathHopData[q][k][state.deployment[c]]);
                }
                total += hopDelay[q][k];
            }
        }
        return total;
    }

    /**
     * Sums of the touched resources, in the order a full evaluation adds them (components in
     * topological order, partitions in chain order) so the results are the same bits; then their
     * rules, and the layer rule of their layers. Partitions on touched edge/VM resources are queued
     * for new times and their components marked.
     */
    private void sumTouchedResources() {
        for (int i = 0; i < touchedResourceCount; i++) {
            int r = touchedResources[i];
            placed[r] = 0;
            demandRate[r] = 0.0;
            memoryUsed[r] = 0.0;
            resourceCost[r] = 0.0;
        }
        boolean perPartition = p.semantics.faasCostPerPartition();
        for (int i = 0; i < touchedResourceCount; i++) {
            int r = touchedResources[i];
            long[] bits = members[r];
            for (int w = 0; w < bits.length; w++) {
                for (long word = bits[w]; word != 0; word &= word - 1) {
                    int s = (w << 6) + Long.numberOfTrailingZeros(word);
                    memoryUsed[r] += p.memory[s][r];
                    if (p.isFaas[r]) {
                        if (perPartition || placed[r] == 0) {
                            resourceCost[r] += p.faasCost[s][r];
                        }
                    } else {
                        demandRate[r] += p.demand[s][r] * p.slotLoad[s];
                        timedSlots[timedSlotCount++] = s;
                        markDirty(p.slotComponent[s]);
                    }
                    placed[r]++;
                }
            }
        }
        for (int i = 0; i < touchedResourceCount; i++) {
            int r = touchedResources[i];
            touchedResource[r] = false;
            checkResource(r);
        }
        for (int i = 0; i < touchedResourceCount; i++) {
            int r = touchedResources[i];
            if (!p.isFaas[r]) {
                int layer = p.resourceLayer[r];
                int inUse = 0;
                for (int member : p.layerResources[layer]) {
                    if (used[member]) {
                        inUse++;
                    }
                }
                flag(twoTypes, layer, inUse > 1);
            }
        }
        touchedResourceCount = 0;
    }

    private void checkResource(int r) {
        used[r] = placed[r] > 0;
        if (!used[r]) {
            utilization[r] = 0.0;
            flag(boundsBroken, r, false);
            flag(memoryBroken, r, false);
            flag(saturated, r, false);
            return;
        }
        if (p.isFaas[r]) {
            utilization[r] = 0.0;
            flag(memoryBroken, r, memoryUsed[r] > p.memoryCapacity[r]);
            return;
        }
        int n = state.instances[r];
        resourceCost[r] = n * p.unitCost[r] * p.time;
        if (n < 1 || n > p.maxInstances[r]) {
            utilization[r] = Double.POSITIVE_INFINITY;
            flag(boundsBroken, r, true);
            flag(memoryBroken, r, false);
            flag(saturated, r, false);
            return;
        }
        flag(boundsBroken, r, false);
        double capacity = p.semantics.memoryScalesWithInstances() ? n * p.memoryCapacity[r] : p.memoryCapacity[r];
        flag(memoryBroken, r, memoryUsed[r] > capacity);
        utilization[r] = demandRate[r] / n;
        flag(saturated, r, !(utilization[r] < 1.0));
    }

    /**
     * Move-back and network rules of the changed components; a component whose chain now ends in
     * the cloud (or no longer does) carries the move-back check on to its successors.
     */
    private void checkStructure() {
        for (int c = firstChanged; c < p.componentCount; c++) {
            boolean cloud = false;
            boolean reached = structureChanged[c];
            structureChanged[c] = false;
            for (int pred : p.predecessors[c]) {
                cloud |= endsInCloud[pred];
                reached |= cloudChanged[pred];
            }
            if (!reached) {
                continue;
            }
            boolean back = false;
            boolean disconnected = false;
            int previous = -1;
            for (int s : chain(state, c)) {
                int r = state.resource[s];
                if (p.isEdge[r]) {
                    back |= cloud;
                } else {
                    cloud = true;
                }
                disconnected |= previous >= 0 && !p.connected(previous, r);
                previous = r;
            }
            flag(moveBack, c, back);
            flag(noNetwork, c, disconnected);
            cloudChanged[c] = endsInCloud[c] != cloud;
            endsInCloud[c] = cloud;
        }
        for (int c = firstChanged; c < p.componentCount; c++) {
            cloudChanged[c] = false;
        }
        firstChanged = p.componentCount;
    }
}
