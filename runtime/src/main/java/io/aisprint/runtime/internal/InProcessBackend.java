package io.aisprint.runtime.internal;

import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.spi.NodeBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs every node's work on one shared pool of worker threads (as many as the pool's cores; a
 * node's capacity is enforced by the scheduler, not by the threads). Work handed over by a
 * worker thread goes to that thread's own slot and runs right after its current item: a task
 * ending hands its successor to itself without a queue round trip or a context switch.
 */
public final class InProcessBackend implements NodeBackend {
    private static final int SPIN_ROUNDS = 2_000;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean spinning = new java.util.concurrent.atomic.AtomicBoolean();
    private int totalCores;
    private volatile boolean closed;

    @Override
    public synchronized void nodeAdded(NodeSpec node) {
        totalCores += node.cores();
        while (workers.size() < totalCores && !closed) {
            Worker worker = new Worker(this, workers.size());
            workers.add(worker);
            worker.start();
        }
    }

    @Override
    public void nodeRemoved(String nodeName) {
        // Threads are shared; the scheduler simply stops sending work for that node.
    }

    @Override
    public void execute(NodeSpec node, Runnable work) {
        if (Thread.currentThread() instanceof Worker worker && worker.backend == this && worker.next == null) {
            worker.next = work;
            return;
        }
        queue.offer(work);
    }

    @Override
    public boolean isWorkerThread() {
        return Thread.currentThread() instanceof Worker worker && worker.backend == this;
    }

    /** Runs one waiting item on the calling worker thread; false when none came within the time. */
    public boolean helpOnce(long timeoutNanos) throws InterruptedException {
        Worker worker = (Worker) Thread.currentThread();
        Runnable work = worker.next;
        if (work != null) {
            worker.next = null;
        } else {
            work = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }
        if (work == null) {
            return false;
        }
        work.run();
        return true;
    }

    /**
     * One idle worker at a time spins briefly before parking: when the main program submits a
     * dependent task every few microseconds, waking a parked thread would cost more than the task.
     */
    private Runnable spinForWork() {
        if (!spinning.compareAndSet(false, true)) {
            return null;
        }
        try {
            for (int i = 0; i < SPIN_ROUNDS && !closed; i++) {
                if (!queue.isEmpty()) {
                    Runnable work = queue.poll();
                    if (work != null) {
                        return work;
                    }
                }
                Thread.onSpinWait();
            }
            return null;
        } finally {
            spinning.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        List<Worker> copy;
        synchronized (this) {
            copy = List.copyOf(workers);
        }
        copy.forEach(Thread::interrupt);
    }

    private static final class Worker extends Thread {
        final InProcessBackend backend;
        Runnable next;

        Worker(InProcessBackend backend, int index) {
            super("aisprint-worker-" + index);
            this.backend = backend;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!backend.closed) {
                Runnable work = next;
                if (work != null) {
                    next = null;
                } else {
                    work = backend.spinForWork();
                    try {
                        if (work == null) {
                            work = backend.queue.poll(200, TimeUnit.MILLISECONDS);
                        }
                    } catch (InterruptedException interrupted) {
                        continue;
                    }
                    if (work == null) {
                        continue;
                    }
                }
                Thread.interrupted(); // a late time-out interrupt must not leak into the next task
                try {
                    work.run();
                } catch (RuntimeException | Error unexpected) {
                    // A bug in a backend callback must not kill the worker; the task itself already ended.
                    Thread.UncaughtExceptionHandler handler = getUncaughtExceptionHandler();
                    handler.uncaughtException(this, unexpected);
                }
            }
        }
    }
}
