package io.aisprint.runtime.spi;

import io.aisprint.runtime.NodeSpec;

/**
 * Where task attempts actually run. The in-process backend (the default) runs them on a shared
 * pool of worker threads; a cluster backend would ship them to the member advertising the node.
 * The scheduler has already reserved the node's capacity when it calls {@link #execute}.
 */
public interface NodeBackend extends AutoCloseable {
    /** A node joined the pool. */
    void nodeAdded(NodeSpec node);

    /** A node left the pool; no new work is sent to it. */
    void nodeRemoved(String nodeName);

    /** Runs {@code work} on {@code node}, asynchronously; must not block the caller. */
    void execute(NodeSpec node, Runnable work);

    /**
     * How many cores' worth of attempts beyond {@code node}'s own capacity the scheduler may hand
     * over for it (default none). A backend that answers more queues them itself and starts each
     * when the node has the cores; meanwhile it can move the attempt's inputs, as a cluster worker
     * does, so a dependent task does not hold a core while its data travels. Memory and GPUs are
     * never over-committed, and one attempt still needs a node whose own capacity fits it.
     */
    default int queuedCores(NodeSpec node) {
        return 0;
    }

    /** Whether the calling thread is one of this backend's workers (waits there must help, not block). */
    boolean isWorkerThread();

    @Override
    void close();
}
