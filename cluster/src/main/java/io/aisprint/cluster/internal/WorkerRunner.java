package io.aisprint.cluster.internal;

import io.aisprint.cluster.RemoteFunction;
import io.aisprint.runtime.NodeSpec;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of RUN messages. An attempt first gathers the inputs this node lacks — without
 * holding a core, so a dependent task's data travels while other attempts compute — then waits
 * for its cores (the node never runs more than it advertises), runs, and answers with a DONE.
 */
final class WorkerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRunner.class);
    private final Messenger messenger;
    private final String nodeName;
    private final Map<String, String> labels;
    private final int totalCores;
    private final CoreGate gate;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    private WorkerRunner(Messenger messenger, NodeSpec spec) {
        this.messenger = messenger;
        this.nodeName = spec.name();
        this.labels = spec.labels();
        this.totalCores = Math.max(1, spec.cores());
        this.gate = new CoreGate(totalCores);
    }

    static void start(Messenger messenger, NodeSpec spec) {
        WorkerRunner runner = new WorkerRunner(messenger, spec);
        // Handled on Ignite's message thread: decoding is quick, and a body runs there only when
        // its cores are free (at most the node's cores at once), leaving the other threads for messages.
        messenger.listen(Messenger.RUN, runner::accept);
        messenger.listen(Messenger.CANCEL, runner::cancel);
        HeapWatch.start(messenger);
        // Last: from now on a driver may send attempts here.
        messenger.listen(Messenger.READY, (driver, message) -> messenger.send(driver, Messenger.DONE, message));
    }

    private void accept(UUID driver, byte[] message) {
        long arrived = System.nanoTime();
        if (message.length < 8) {
            return; // not from an aisprint driver: there is no request to answer
        }
        long id = ByteBuffer.wrap(message).getLong(0);
        RemoteJob job;
        Object[] unpacked;
        try {
            job = RemoteJob.decode(message).job();
            unpacked = job.unpack();
        } catch (RuntimeException broken) {
            answer(driver, id, RemoteOutcome.failure(broken), "?");
            return;
        }
        RemoteFunction<?> body = (RemoteFunction<?>) unpacked[0];
        Object[] values = (Object[]) unpacked[1];
        Map<String, CompletableFuture<Object>> fetching = RemoteJob.startFetches(values, messenger.store(),
                ref -> messenger.value(ref, driver));
        Attempt attempt = new Attempt(driver, id, job, body, values, fetching, arrived);
        if (fetching.isEmpty()) {
            gate.offer(attempt);
        } else {
            CompletableFuture.allOf(fetching.values().toArray(new CompletableFuture<?>[0]))
                    .whenComplete((ignored, failure) -> gate.offer(attempt));
        }
    }

    /** An attempt whose inputs are here (or failed to come), waiting for its cores. */
    private record Attempt(UUID driver, long id, RemoteJob job, RemoteFunction<?> body, Object[] values,
            Map<String, CompletableFuture<Object>> fetched, long arrivedNanos) {
        int cores(int total) {
            return Math.min(total, Math.max(1, job.cores));
        }
    }

    /**
     * The node's cores. An attempt that finds its cores free runs on the thread that brought
     * its last input (no hand-over); otherwise it queues, and the thread of an attempt that
     * ends runs the next queued one that fits, so a busy node passes work on without waking
     * another thread.
     */
    private final class CoreGate {
        private final java.util.ArrayDeque<Attempt> waiting = new java.util.ArrayDeque<>();
        private int free;

        CoreGate(int cores) {
            this.free = cores;
        }

        void offer(Attempt attempt) {
            synchronized (this) {
                if (!waiting.isEmpty() || free < attempt.cores(totalCores)) {
                    waiting.addLast(attempt);
                    return;
                }
                free -= attempt.cores(totalCores);
            }
            runChain(attempt);
        }

        private void runChain(Attempt first) {
            Attempt next = first;
            while (next != null) {
                run(next);
                next = release(next);
            }
        }

        /** Frees the attempt's cores and takes the next queued attempt that now fits, if any. */
        private synchronized Attempt release(Attempt done) {
            free += done.cores(totalCores);
            Attempt head = waiting.peekFirst();
            if (head == null || free < head.cores(totalCores)) {
                return null;
            }
            waiting.pollFirst();
            free -= head.cores(totalCores);
            // More than one may fit now (an attempt that held several cores ended): start the others elsewhere.
            while (!waiting.isEmpty() && free >= waiting.peekFirst().cores(totalCores)) {
                Attempt other = waiting.pollFirst();
                free -= other.cores(totalCores);
                messenger.executor.execute(() -> runChain(other));
            }
            return head;
        }
    }


    private void run(Attempt attempt) {
        String key = attempt.driver() + ":" + attempt.id();
        RemoteJob job = attempt.job();
        RemoteOutcome outcome;
        if (cancelled.remove(key)) {
            return;
        }
        try {
            running.put(key, Thread.currentThread());
            RemoteResult result = RemoteJob.run(attempt.body(), attempt.values(), job.keep, nodeName, labels, job.taskName, job.attempt,
                    messenger.store(), attempt.driver(), attempt.fetched(), attempt.arrivedNanos());
            outcome = RemoteOutcome.success(result);
        } catch (Throwable failed) {
            if (!cancelled.contains(key)) { // a cancelled attempt was stopped on purpose, not a failure
                LOG.warn("task {} (attempt {}) failed on {}: {}", job.taskName, job.attempt, nodeName, String.valueOf(failed));
            }
            outcome = RemoteOutcome.failure(failed);
        } finally {
            running.remove(key);
            cancelled.remove(key);
            Thread.interrupted(); // a cancel that came late must not hit the next attempt on this thread
        }
        answer(attempt.driver(), attempt.id(), outcome, job.taskName);
    }

    private void answer(UUID driver, long id, RemoteOutcome outcome, String taskName) {
        byte[] body;
        try {
            body = Payloads.write(outcome, "the result of task '" + taskName + "'", 8);
        } catch (io.aisprint.cluster.ClusterException unserialisable) {
            body = Payloads.write(RemoteOutcome.failure(unserialisable), "the failure of task '" + taskName + "'", 8);
        }
        ByteBuffer.wrap(body).putLong(0, id);
        try {
            messenger.send(driver, Messenger.DONE, body);
        } catch (RuntimeException driverGone) {
            // nobody waits for this answer any more
        }
    }

    /** CANCEL is [8 request id]: a queued attempt is skipped, a running one interrupted. */
    private void cancel(UUID driver, byte[] message) {
        if (message.length < 8) {
            return;
        }
        String key = driver + ":" + ByteBuffer.wrap(message).getLong(0);
        cancelled.add(key);
        // Under the map's lock for this key: a thread is only interrupted while it runs this attempt.
        running.computeIfPresent(key, (ignored, thread) -> {
            thread.interrupt();
            return thread;
        });
    }
}
