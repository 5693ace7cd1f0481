package io.aisprint.placement.internal;

import java.util.Arrays;

/**
 * A mutable candidate placement over a {@link CompiledProblem}: the deployment of every
 * component, the resource of every slot of the chosen deployments (−1 for slots of other
 * deployments) and the cluster size of every edge/VM resource (only read where used).
 */
public final class Assignment {
    public final int[] deployment;
    public final int[] resource;
    public final int[] instances;

    public Assignment(CompiledProblem problem) {
        deployment = new int[problem.componentCount];
        resource = new int[problem.slotCount];
        instances = new int[problem.resourceCount];
        Arrays.fill(resource, -1);
    }

    private Assignment(int[] deployment, int[] resource, int[] instances) {
        this.deployment = deployment;
        this.resource = resource;
        this.instances = instances;
    }

    public Assignment copy() {
        return new Assignment(deployment.clone(), resource.clone(), instances.clone());
    }

    public void copyFrom(Assignment other) {
        System.arraycopy(other.deployment, 0, deployment, 0, deployment.length);
        System.arraycopy(other.resource, 0, resource, 0, resource.length);
        System.arraycopy(other.instances, 0, instances, 0, instances.length);
    }

    /** Whether two assignments describe the same placement (cluster sizes compared where used). */
    public boolean samePlacement(Assignment other, boolean[] used) {
        if (!Arrays.equals(deployment, other.deployment) || !Arrays.equals(resource, other.resource)) {
            return false;
        }
        for (int r = 0; r < instances.length; r++) {
            if (used[r] && instances[r] != other.instances[r]) {
                return false;
            }
        }
        return true;
    }

    /** A hash of the placement for tabu lists and elite de-duplication. */
    public long fingerprint(boolean[] used) {
        long h = 1125899906842597L;
        for (int d : deployment) {
            h = 31 * h + d;
        }
        for (int r : resource) {
            h = 31 * h + r;
        }
        for (int r = 0; r < instances.length; r++) {
            h = 31 * h + (used[r] ? instances[r] : 0);
        }
        return h;
    }
}
