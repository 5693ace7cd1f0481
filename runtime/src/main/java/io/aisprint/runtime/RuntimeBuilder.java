package io.aisprint.runtime;

import io.aisprint.runtime.internal.DefaultTaskRuntime;
import io.aisprint.runtime.internal.InProcessBackend;
import io.aisprint.runtime.spi.NodeBackend;
import io.aisprint.runtime.spi.SchedulingPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Configures a {@link TaskRuntime}; {@link #build} validates everything at once. */
public final class RuntimeBuilder {
    private final List<NodeSpec> nodes = new ArrayList<>();
    private SchedulingPolicy policy = SchedulingPolicies.fifo();
    private NodeBackend backend;
    private boolean tracing;
    private int traceLimit = 1_000_000;
    private long maxPendingTasks = 200_000;
    private Path workDir;

    RuntimeBuilder() {
    }

    public RuntimeBuilder node(NodeSpec node) {
        nodes.add(Objects.requireNonNull(node, "node"));
        return this;
    }

    public RuntimeBuilder policy(SchedulingPolicy value) {
        this.policy = Objects.requireNonNull(value, "policy");
        return this;
    }

    /** Where attempts run; the default is the in-process thread pool. */
    public RuntimeBuilder backend(NodeBackend value) {
        this.backend = Objects.requireNonNull(value, "backend");
        return this;
    }

    /** Records every attempt (for Chrome traces); keeps at most {@code limit} records. */
    public RuntimeBuilder tracing(boolean on, int limit) {
        this.tracing = on;
        this.traceLimit = limit;
        return this;
    }

    public RuntimeBuilder tracing(boolean on) {
        return tracing(on, traceLimit);
    }

    /**
     * Submitting from the main program blocks while this many tasks are unfinished, so a
     * million-task loop runs in bounded memory.
     */
    public RuntimeBuilder maxPendingTasks(long value) {
        this.maxPendingTasks = value;
        return this;
    }

    /** Where renamed file versions live; a temporary directory by default. */
    public RuntimeBuilder workDir(Path value) {
        this.workDir = Objects.requireNonNull(value, "workDir");
        return this;
    }

    public TaskRuntime build() {
        List<String> problems = new ArrayList<>();
        if (nodes.isEmpty()) {
            problems.add("no node was added; add one with node(NodeSpec.of(\"local\", 4))");
        }
        Set<String> names = new HashSet<>();
        for (NodeSpec node : nodes) {
            if (!names.add(node.name())) {
                problems.add("node name '" + node.name() + "' is used twice");
            }
        }
        if (maxPendingTasks < 1) {
            problems.add("maxPendingTasks is " + maxPendingTasks + " but must be at least 1");
        }
        if (traceLimit < 0) {
            problems.add("trace limit is " + traceLimit + " but must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new TaskRuntimeException(ErrorCode.ILLEGAL_STATE,
                    "invalid runtime configuration:\n  - " + String.join("\n  - ", problems));
        }
        NodeBackend chosen = backend != null ? backend : new InProcessBackend();
        return new DefaultTaskRuntime(List.copyOf(nodes), policy, chosen, tracing, traceLimit, maxPendingTasks, workDir);
    }
}
