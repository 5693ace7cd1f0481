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

    /**
     * A thread's attempt whose remote call has returned only finishes in the runtime from then
     * on; an attempt the runtime hands over meanwhile (a successor it made ready) runs next on
     * the same thread instead of waking another one, so a dependent task's RUN leaves sooner.
     */
    private static final class Continuation {
        boolean finishing;
        Runnable next;
    }

    private static final ThreadLocal<Continuation> CONTINUATION = new ThreadLocal<>();

    /** Called on an attempt's thread once its remote call returned: no user code runs there any more. */
    public static void attemptFinishing() {
        Continuation continuation = CONTINUATION.get();
        if (continuation != null) {
            continuation.finishing = true;
        }
    }

    @Override
    public void execute(NodeSpec node, Runnable work) {
        Runnable attempt = () -> {
            try {
                work.run();
            } finally {
                session.attemptEnded(node.name());
            }
        };
        Continuation continuation = CONTINUATION.get();
        if (continuation != null && continuation.finishing && continuation.next == null) {
            continuation.next = attempt;
        } else {
            pool.execute(() -> runWithContinuations(attempt));
        }
    }

    private static void runWithContinuations(Runnable first) {
        Continuation continuation = new Continuation();
        CONTINUATION.set(continuation);
        try {
            Runnable current = first;
            while (current != null) {
                continuation.finishing = false;
                continuation.next = null;
                current.run();
                current = continuation.next;
            }
        } finally {
            CONTINUATION.remove();
        }
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
