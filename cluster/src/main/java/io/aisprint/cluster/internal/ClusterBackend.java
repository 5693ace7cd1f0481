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

    public ClusterBackend(DriverSession session) {
        this.session = session;
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
