package io.aisprint.model;

/** The three kinds of resources of the continuum. */
public enum ResourceKind {
    /** An edge device (drone, Raspberry Pi, edge server); already owned, cost amortised per hour. */
    EDGE,
    /** A cloud virtual machine type, priced per instance per hour. */
    VM,
    /** A FaaS configuration (one memory size), priced per second of warm execution. */
    FAAS;

    public boolean isEdge() {
        return this == EDGE;
    }
}
