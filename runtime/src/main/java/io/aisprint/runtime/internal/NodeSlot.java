package io.aisprint.runtime.internal;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;

/** A node's free capacity, guarded by the dispatcher lock. */
final class NodeSlot {
    final NodeSpec spec;
    int freeCores;
    long freeMemoryMb;
    int freeGpus;
    boolean removed;

    NodeSlot(NodeSpec spec) {
        this.spec = spec;
        this.freeCores = spec.cores();
        this.freeMemoryMb = spec.memoryMb();
        this.freeGpus = spec.gpus();
    }

    boolean fitsNow(Constraints constraints) {
        return !removed && constraints.cores() <= freeCores && constraints.memoryMb() <= freeMemoryMb
                && constraints.gpus() <= freeGpus && constraints.fitsCapacityOf(spec);
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
