package io.aisprint.placement.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random structural moves on an assignment (the union of the C++ local-search moves of placement
 * reference §3.3 and the Python neighbourhood of §3.4): reassign one partition, change a
 * component's deployment, swap the device type of a layer, drop a resource, move a whole
 * component onto one resource, switch a FaaS configuration. Cluster sizes are chosen afterwards by
 * {@link ClusterSizer}. Moves keep at most one resource type per edge/VM layer.
 */
public final class Moves {
    private static final int KINDS = 6;
    private final CompiledProblem p;
    private final int[] onResource;
    private final int[] layerPick;
    private final int[] buffer;
    private final int[] activeSlots;
    private int activeCount;

    public Moves(CompiledProblem problem) {
        this.p = problem;
        onResource = new int[p.resourceCount];
        layerPick = new int[p.layerName.length];
        buffer = new int[Math.max(p.resourceCount, 1)];
        activeSlots = new int[p.slotCount];
    }

    /** Applies one random move; returns false when the drawn move had nothing to change (try again). */
    public boolean apply(Assignment a, SplittableRandom random) {
        scan(a);
        return switch (random.nextInt(KINDS)) {
            case 0 -> reassignSlot(a, random);
            case 1 -> changeDeployment(a, random);
            case 2 -> swapType(a, random);
            case 3 -> dropResource(a, random);
            case 4 -> moveComponent(a, random);
            default -> switchFaas(a, random);
        };
    }

    private void scan(Assignment a) {
        Arrays.fill(onResource, 0);
        Arrays.fill(layerPick, -1);
        activeCount = 0;
        for (int c = 0; c < p.componentCount; c++) {
            for (int s : chain(a, c)) {
                activeSlots[activeCount++] = s;
                int r = a.resource[s];
                if (r >= 0) {
                    onResource[r]++;
                    if (!p.isFaas[r]) {
                        layerPick[p.resourceLayer[r]] = r;
                    }
                }
            }
        }
    }

    private int[] chain(Assignment a, int c) {
        return p.deploymentSlots[p.componentDeployments[c][a.deployment[c]]];
    }

    private boolean allowed(int r) {
        if (p.isFaas[r]) {
            return true;
        }
        int pick = layerPick[p.resourceLayer[r]];
        return pick < 0 || pick == r;
    }

    private void place(Assignment a, int s, int r) {
        int old = a.resource[s];
        if (old >= 0) {
            onResource[old]--;
            if (!p.isFaas[old] && onResource[old] == 0) {
                layerPick[p.resourceLayer[old]] = -1;
            }
        }
        a.resource[s] = r;
        onResource[r]++;
        if (!p.isFaas[r]) {
            layerPick[p.resourceLayer[r]] = r;
        }
    }

    /** A random allowed candidate of slot s other than {@code avoid}; prefers resources already in use. */
    private int pickFor(int s, int avoid, SplittableRandom random) {
        int count = 0;
        int usedCount = 0;
        for (int r : p.slotCandidates[s]) {
            if (r != avoid && allowed(r)) {
                buffer[count++] = r;
            }
        }
        if (count == 0) {
            return -1;
        }
        if (random.nextInt(3) > 0) {
            for (int i = 0; i < count; i++) {
                if (onResource[buffer[i]] > 0) {
                    int tmp = buffer[usedCount];
                    buffer[usedCount++] = buffer[i];
                    buffer[i] = tmp;
                }
            }
            if (usedCount > 0) {
                return buffer[random.nextInt(usedCount)];
            }
        }
        return buffer[random.nextInt(count)];
    }

    private boolean reassignSlot(Assignment a, SplittableRandom random) {
        int s = activeSlots[random.nextInt(activeCount)];
        int current = a.resource[s];
        // Leaving the slot frees its layer when it was the layer's only user.
        onResource[current]--;
        if (!p.isFaas[current] && onResource[current] == 0) {
            layerPick[p.resourceLayer[current]] = -1;
        }
        a.resource[s] = -1;
        int r = pickFor(s, current, random);
        if (r < 0) {
            place(a, s, current);
            return false;
        }
        place(a, s, r);
        return true;
    }

    private boolean changeDeployment(Assignment a, SplittableRandom random) {
        int c = random.nextInt(p.componentCount);
        int deployments = p.componentDeployments[c].length;
        if (deployments < 2) {
            return false;
        }
        int d = random.nextInt(deployments - 1);
        if (d >= a.deployment[c]) {
            d++;
        }
        for (int s : chain(a, c)) {
            int old = a.resource[s];
            onResource[old]--;
            if (!p.isFaas[old] && onResource[old] == 0) {
                layerPick[p.resourceLayer[old]] = -1;
            }
            a.resource[s] = -1;
        }
        a.deployment[c] = d;
        for (int s : chain(a, c)) {
            int r = pickFor(s, -1, random);
            if (r < 0) {
                return false;
            }
            place(a, s, r);
        }
        return true;
    }

    private int randomUsedNode(SplittableRandom random) {
        int count = 0;
        for (int r = 0; r < p.resourceCount; r++) {
            if (onResource[r] > 0 && !p.isFaas[r]) {
                buffer[count++] = r;
            }
        }
        return count == 0 ? -1 : buffer[random.nextInt(count)];
    }

    private boolean swapType(Assignment a, SplittableRandom random) {
        int r = randomUsedNode(random);
        if (r < 0) {
            return false;
        }
        int[] siblings = p.layerResources[p.resourceLayer[r]];
        if (siblings.length < 2) {
            return false;
        }
        int target = siblings[random.nextInt(siblings.length)];
        if (target == r) {
            return false;
        }
        for (int i = 0; i < activeCount; i++) {
            int s = activeSlots[i];
            if (a.resource[s] == r && !p.isCompatible(s, target)) {
                return false;
            }
        }
        for (int i = 0; i < activeCount; i++) {
            int s = activeSlots[i];
            if (a.resource[s] == r) {
                a.resource[s] = target;
            }
        }
        return true;
    }

    private boolean dropResource(Assignment a, SplittableRandom random) {
        int r = randomUsedNode(random);
        if (r < 0) {
            return false;
        }
        layerPick[p.resourceLayer[r]] = -1;
        onResource[r] = 0;
        boolean moved = true;
        for (int i = 0; i < activeCount && moved; i++) {
            int s = activeSlots[i];
            if (a.resource[s] == r) {
                a.resource[s] = -1;
                int target = pickFor(s, r, random);
                if (target < 0) {
                    moved = false;
                } else {
                    place(a, s, target);
                }
            }
        }
        return moved;
    }

    private boolean moveComponent(Assignment a, SplittableRandom random) {
        int c = random.nextInt(p.componentCount);
        int[] slots = chain(a, c);
        for (int s : slots) {
            int old = a.resource[s];
            onResource[old]--;
            if (!p.isFaas[old] && onResource[old] == 0) {
                layerPick[p.resourceLayer[old]] = -1;
            }
        }
        int count = 0;
        for (int r : p.slotCandidates[slots[0]]) {
            if (!allowed(r)) {
                continue;
            }
            boolean all = true;
            for (int s : slots) {
                all &= p.isCompatible(s, r);
            }
            if (all) {
                buffer[count++] = r;
            }
        }
        if (count == 0) {
            return false;
        }
        int target = buffer[random.nextInt(count)];
        for (int s : slots) {
            a.resource[s] = target;
        }
        return true;
    }

    private boolean switchFaas(Assignment a, SplittableRandom random) {
        int count = 0;
        for (int i = 0; i < activeCount; i++) {
            if (p.isFaas[a.resource[activeSlots[i]]]) {
                count++;
            }
        }
        if (count == 0) {
            return reassignSlot(a, random);
        }
        int pick = random.nextInt(count);
        int s = -1;
        for (int i = 0; i < activeCount; i++) {
            if (p.isFaas[a.resource[activeSlots[i]]] && pick-- == 0) {
                s = activeSlots[i];
                break;
            }
        }
        int options = 0;
        for (int r : p.slotCandidates[s]) {
            if (p.isFaas[r] && r != a.resource[s]) {
                buffer[options++] = r;
            }
        }
        if (options == 0) {
            return false;
        }
        a.resource[s] = buffer[random.nextInt(options)];
        return true;
    }
}
