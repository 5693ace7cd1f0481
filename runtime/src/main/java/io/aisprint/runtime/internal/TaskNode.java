package io.aisprint.runtime.internal;

import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.TaskCancelledException;
import io.aisprint.runtime.TaskRuntimeException;
import io.aisprint.runtime.spi.TaskInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A task in the dependency graph. It holds its declaration until it ends, then drops it so the
 * finished part of the graph can be collected; only the small shell referenced by futures stays.
 */
final class TaskNode implements TaskInfo, Runnable {
    static final int PENDING = 0;
    static final int READY = 1;
    static final int RUNNING = 2;
    static final int SUCCEEDED = 3;
    static final int IGNORED = 4;
    static final int FAILED = 5;
    static final int CANCELLED = 6;

    private static final AtomicIntegerFieldUpdater<TaskNode> STATE =
            AtomicIntegerFieldUpdater.newUpdater(TaskNode.class, "state");

    private final long id;
    private final String name;
    private final DefaultTaskRuntime runtime;
    final Version result;
    /** Unmet dependencies, plus one held by the submitter until registration is complete. */
    final AtomicInteger pending = new AtomicInteger(1);
    private volatile int state = PENDING;
    private List<TaskNode> successors;
    private int waiters;
    /** The exception a waiter gets when the task ended FAILED or CANCELLED. */
    private volatile TaskRuntimeException failure;
    /** A predecessor that had already failed when the edge was added. */
    TaskNode poisonedBy;

    // Declaration, dropped when the task ends.
    List<Access> accesses;
    /** Task results this task reads (for locality); dropped at the end like the rest. */
    List<Version> inputFutures;
    Implementation[] implementations;
    FailurePolicy policy;
    boolean priority;
    long timeoutNanos;
    String component;
    String partition;
    Object defaultValue;
    GroupImpl group;
    ExternalSpec external;
    boolean usesGates;

    // Execution state.
    int attempt;
    /** Attempts lost with their node (re-run without counting against the failure policy). */
    int nodeLosses;
    String avoidNode;
    NodeSlot assignedNode;
    Implementation assignedImplementation;
    /** Kept after the declaration is dropped: a cancelled task still has to give its capacity back. */
    io.aisprint.runtime.Constraints assignedConstraints;
    volatile Thread thread;
    volatile boolean cancelRequested;
    volatile boolean timedOut;
    long readyNanos;

    TaskNode(long id, String name, DefaultTaskRuntime runtime) {
        this.id = id;
        this.name = name;
        this.runtime = runtime;
        this.result = Version.producedBy(this, name);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    DefaultTaskRuntime runtime() {
        return runtime;
    }

    @Override
    public String component() {
        return component;
    }

    @Override
    public String partition() {
        return partition;
    }

    @Override
    public String avoidNode() {
        return avoidNode;
    }

    @Override
    public Map<String, Integer> inputLocations() {
        List<Access> list = accesses;
        List<Version> futures = inputFutures;
        Map<String, Integer> locations = new HashMap<>();
        if (list != null) {
            for (Access access : list) {
                Version input = access.input;
                if (input != null && input.location != null) {
                    locations.merge(input.location, 1, Integer::sum);
                }
            }
        }
        if (futures != null) {
            for (Version future : futures) {
                if (future.location != null) {
                    locations.merge(future.location, 1, Integer::sum);
                }
            }
        }
        return locations;
    }

    int state() {
        return state;
    }

    boolean isTerminal() {
        return state >= SUCCEEDED;
    }

    boolean casState(int expected, int next) {
        return STATE.compareAndSet(this, expected, next);
    }

    void setState(int next) {
        state = next;
    }

    boolean isPoisoned() {
        int current = state;
        return current == FAILED || current == CANCELLED;
    }

    void throwIfPoisoned() {
        if (isPoisoned()) {
            TaskRuntimeException cause = failure;
            throw cause != null ? cause : new TaskCancelledException("task '" + name + "' (#" + id + ") was cancelled", null);
        }
    }

    TaskRuntimeException failure() {
        return failure;
    }

    void setFailure(TaskRuntimeException value) {
        this.failure = value;
    }

    synchronized void setFailureIfAbsent(TaskRuntimeException value) {
        if (failure == null) {
            failure = value;
        }
    }

    /** Adds an edge predecessor -> this, unless the predecessor has already ended. */
    void dependOn(TaskNode predecessor) {
        if (predecessor == this) {
            return;
        }
        pending.incrementAndGet();
        if (!predecessor.addSuccessor(this)) {
            pending.decrementAndGet();
            if (predecessor.isPoisoned() && poisonedBy == null) {
                poisonedBy = predecessor;
            }
        }
    }

    void dependOnAll(TaskNode[] predecessors) {
        for (TaskNode predecessor : predecessors) {
            dependOn(predecessor);
        }
    }

    private synchronized boolean addSuccessor(TaskNode successor) {
        if (isTerminal()) {
            return false;
        }
        if (successors == null) {
            successors = new ArrayList<>(2);
        }
        successors.add(successor);
        return true;
    }

    /**
     * Moves to a terminal state (the caller won the transition) and hands back the successors;
     * the declaration is dropped so memory stays bounded.
     */
    List<TaskNode> seal(int terminalState) {
        List<TaskNode> list;
        synchronized (this) {
            state = terminalState;
            list = successors;
            successors = null;
            if (waiters > 0) {
                notifyAll();
            }
        }
        accesses = null;
        inputFutures = null;
        implementations = null;
        external = null;
        defaultValue = null;
        assignedImplementation = null;
        return list == null ? List.of() : list;
    }

    /** Blocks the calling (non-worker) thread until the task ends. */
    synchronized void awaitTerminalBlocking() throws InterruptedException {
        waiters++;
        try {
            while (!isTerminal()) {
                wait();
            }
        } finally {
            waiters--;
        }
    }

    @Override
    public void run() {
        runtime.execute(this);
    }

    @Override
    public String toString() {
        return "task '" + name + "' (#" + id + ")";
    }
}
