package io.aisprint.runtime.internal;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;

/** A node's free capacity, guarded by the dispatcher lock. */
final class NodeSlot {
    final NodeSpec spec;
    /** The node's cores plus the attempts its backend queues itself. */
    final int coreCapacity;
    int freeCores;
    long freeMemoryMb;
    int freeGpus;
    boolean removed;

    NodeSlot(NodeSpec spec, int queuedCores) {
        this.spec = spec;
        this.coreCapacity = spec.cores() + Math.max(0, queuedCores);
        this.freeCores = coreCapacity;
        this.freeMemoryMb = spec.memoryMb();
        this.freeGpus = spec.gpus();
    }

    boolean fitsNow(Constraints constraints) {
        return !removed && constraints.cores() <= freeCores && constraints.memoryMb() <= freeMemoryMb
                && constraints.gpus() <= freeGpus && constraints.fitsCapacityOf(spec);
    }

    boolean idle() {
        return freeCores == coreCapacity;
    }

    void reserve(Constraints constraints) {
        freeCores -= constraints.cores();
        freeMemoryMb -= constraints.memoryMb();
        freeGpus -= constraints.gpus();
    }

    void release(Constraints constraints) {
        freeCores += constraints.cores();
        freeMemoryMb += constraints.memoryMb();
        freeGpus += constraints.gpus();
    }
}
