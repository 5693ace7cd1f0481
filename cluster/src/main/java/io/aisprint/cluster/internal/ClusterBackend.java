package io.aisprint.cluster.internal;

import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.spi.NodeBackend;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each attempt on a driver thread that ships the body to the chosen worker and waits for
 * it; the driver's runtime keeps the graph, the capacities and the failure policies. Capacity
 * is enforced by the scheduler, so the pool only grows to the number of attempts in flight.
 */
public final class ClusterBackend implements NodeBackend {
    private final DriverSession session;
    private final ExecutorService pool;
    private final int queuePerCore;

    /** {@code queuePerCore}: attempts per core a worker may hold waiting for its inputs or a free core. */
    public ClusterBackend(DriverSession session, int queuePerCore) {
        this.session = session;
        this.queuePerCore = queuePerCore;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(() -> {
                DriverSession.CURRENT.set(session);
                work.run();
            }, "aisprint-cluster-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void nodeAdded(NodeSpec node) {
        // Membership comes from the cluster; nothing to start here.
    }

    @Override
    public void nodeRemoved(String nodeName) {
        // The scheduler stops choosing the node; attempts in flight there fail when it is gone.
    }

    @Override
    public int queuedCores(NodeSpec node) {
        return node.cores() * queuePerCore;
    }

    @Override
    public void execute(NodeSpec node, Runnable work) {
        pool.execute(() -> {
            try {
                work.run();
            } finally {
                session.attemptEnded(node.name());
            }
        });
    }

    @Override
    public boolean isWorkerThread() {
        return DriverSession.current() == session;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        session.runtimeClosed();
    }
}
