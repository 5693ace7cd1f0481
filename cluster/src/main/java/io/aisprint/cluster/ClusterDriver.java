package io.aisprint.cluster;

import io.aisprint.cluster.internal.ClusterBackend;
import io.aisprint.cluster.internal.DriverSession;
import io.aisprint.cluster.internal.IgniteNodes;
import io.aisprint.cluster.internal.Messenger;
import io.aisprint.cluster.internal.NodeAttributes;
import io.aisprint.cluster.internal.RemoteCalls;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.RuntimeBuilder;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's side of the cluster: joins it, turns the workers into the runtime's node
 * pool (and keeps that pool in step as workers join, leave or fail), and ships attempts to the
 * worker the scheduler chose.
 *
 * <pre>{@code
 * try (ClusterDriver driver = ClusterDriver.start(config)) {
 *     driver.awaitWorkers(2, Duration.ofSeconds(30));
 *     try (TaskRuntime runtime = driver.runtime(builder -> builder.policy(SchedulingPolicies.locality()))) {
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class ClusterDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDriver.class);
    private static final int[] MEMBERSHIP_EVENTS = {EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED};

    private final Ignite ignite;
    private final RemoteCalls calls;
    private final Map<String, ClusterNode> live = new LinkedHashMap<>();
    private final List<ClusterEvent> events = new ArrayList<>();
    private final ExecutorService membership = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "aisprint-cluster-membership");
        thread.setDaemon(true);
        return thread;
    });
    private final IgnitePredicate<DiscoveryEvent> listener = this::onMembership;
    private volatile TaskRuntime runtime;
    private volatile int queuePerCore = 1;
    private ClusterBackend backend;

    /** Checks that joining workers listen for attempts before the runtime may use them. */
    private final ExecutorService readiness = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "aisprint-cluster-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration readyTimeout;

    private ClusterDriver(Ignite ignite, Duration readyTimeout) {
        this.ignite = ignite;
        this.readyTimeout = readyTimeout;
        this.calls = new RemoteCalls(ignite, this::attemptLost);
    }

    /** Joins the cluster as a driver (it runs no tasks itself). */
    public static ClusterDriver start(ClusterConfig config) {
        ClusterDriver driver = new ClusterDriver(IgniteNodes.start(config, NodeAttributes.DRIVER),
                config.joinTimeout().isZero() ? Duration.ofSeconds(30) : config.joinTimeout());
        driver.ignite.events().localListen(driver.listener, MEMBERSHIP_EVENTS);
        for (ClusterNode node : driver.ignite.cluster().forServers().nodes()) {
            if (NodeAttributes.isWorker(node)) {
                driver.joined(node);
            }
        }
        return driver;
    }

    /** The workers now in the cluster. */
    public synchronized List<NodeSpec> workers() {
        return live.values().stream().map(NodeAttributes::decode).sorted(Comparator.comparing(NodeSpec::name)).toList();
    }

    /** Waits until at least {@code count} workers have joined. */
    public List<NodeSpec> awaitWorkers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (live.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ClusterException("only " + live.size() + " of " + count + " workers joined within "
                            + timeout.toSeconds() + " s (" + live.keySet() + ").\nStart workers with"
                            + " 'aisprint worker --join <this driver's address>' or lower the count.");
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException("interrupted while waiting for workers");
                }
            }
        }
        return workers();
    }

    /**
     * How many attempts per core the scheduler may hand a worker beyond its cores (default 1).
     * A worker fetches the inputs of the attempts it holds while others compute, and starts them
     * as cores free up; 0 sends an attempt only when a core is free. Applies to runtimes built after.
     */
    public ClusterDriver queuePerCore(int attempts) {
        if (attempts < 0) {
            throw new ClusterException("queuePerCore is " + attempts + " but must be 0 or more");
        }
        this.queuePerCore = attempts;
        return this;
    }

    /** A runtime whose node pool is the cluster's workers; {@code customise} sets the policy, tracing and so on. */
    public synchronized TaskRuntime runtime(Consumer<RuntimeBuilder> customise) {
        if (runtime != null) {
            throw new ClusterException("this driver already has a runtime; close it before building another");
        }
        if (live.isEmpty()) {
            throw new ClusterException("no worker has joined the cluster yet; call awaitWorkers(...) first");
        }
        RuntimeBuilder builder = TaskRuntime.builder();
        workers().forEach(builder::node);
        backend = new ClusterBackend(session, queuePerCore);
        builder.backend(backend);
        customise.accept(builder);
        TaskRuntime built = builder.build();
        runtime = built;
        // Workers that joined while the runtime was being built.
        for (NodeSpec spec : workers()) {
            if (built.nodes().stream().noneMatch(node -> node.name().equals(spec.name()))) {
                built.addNode(spec);
            }
        }
        return built;
    }

    public TaskRuntime runtime() {
        return runtime(builder -> { });
    }

    /** What happened to the workers since the driver started, oldest first. */
    public synchronized List<ClusterEvent> events() {
        return List.copyOf(events);
    }

    /** The events as text, one line each, for the end-of-run report. */
    public String report() {
        StringBuilder text = new StringBuilder("cluster: ").append(workers().size()).append(" live workers ")
                .append(workers().stream().map(NodeSpec::name).toList());
        for (ClusterEvent event : events()) {
            text.append('\n').append("  ").append(event);
        }
        return text.toString();
    }

    /** Reads a value kept on a worker. */
    @SuppressWarnings("unchecked")
    public <T> T fetch(RemoteRef<T> ref) {
        return (T) calls.fetch(ref);
    }

    /** How many kept values each worker fetched from another worker (data movements). */
    public Map<String, Long> fetchCounts() {
        return calls.storeStats(0);
    }

    /**
     * How many values each worker holds now (kept results and copies). A kept value is dropped
     * everywhere once the driver no longer references its {@link RemoteRef} (after a garbage
     * collection), and when the driver leaves the cluster.
     */
    public Map<String, Long> keptValueCounts() {
        return calls.storeStats(1);
    }

    synchronized ClusterNode liveNode(String name) {
        return live.get(name);
    }

    /** What the backend's threads call back into; kept off the public API. */
    private final DriverSession session = new DriverSession() {
        @Override
        public io.aisprint.cluster.internal.RemoteResult call(String nodeName, String taskName, int attempt, io.aisprint.cluster.internal.RemoteJob job) throws Exception {
            try {
                return calls.call(liveNode(nodeName), nodeName, taskName, attempt, job);
            } finally {
                ClusterBackend.attemptFinishing();
            }
        }

        @Override
        public void attemptEnded(String nodeName) {
            ClusterDriver.this.attemptEnded(nodeName);
        }

        @Override
        public void runtimeClosed() {
            ClusterDriver.this.runtimeClosed();
        }
    };

    /** An attempt's worker vanished under it. */
    private void attemptLost(String nodeName, String taskName, int attempt) {
        record(ClusterEvent.Kind.ATTEMPT_LOST, nodeName, "attempt " + attempt + " of task '" + taskName
                + "' was running there; it runs again on a live worker that matches");
    }

    private void attemptEnded(String nodeName) {
        TaskRuntime current = runtime;
        if (current != null && liveNode(nodeName) == null) {
            // A lost attempt may have been queued again after the node was dropped: dropping it
            // once more fails, with a clear message, tasks that no remaining worker can run.
            removeFromRuntime(current, nodeName);
        }
    }

    private synchronized void runtimeClosed() {
        runtime = null;
        backend = null;
    }

    private boolean onMembership(DiscoveryEvent event) {
        ClusterNode node = event.eventNode();
        if (!NodeAttributes.isWorker(node)) {
            return true;
        }
        if (event.type() == EventType.EVT_NODE_JOINED) {
            joined(node);
            return true;
        }
        String name = NodeAttributes.name(node);
        TaskRuntime current;
        synchronized (this) {
            if (live.get(name) == null || !live.get(name).id().equals(node.id())) {
                return true;
            }
            live.remove(name);
            notifyAll();
            current = runtime;
        }
        if (event.type() == EventType.EVT_NODE_LEFT) {
            record(ClusterEvent.Kind.LEFT, name, "left the cluster");
        } else {
            record(ClusterEvent.Kind.FAILED, name, "stopped answering and was dropped from the cluster");
        }
        if (current != null) {
            membership.execute(() -> removeFromRuntime(current, name));
        }
        return true;
    }

    /** A worker joined the cluster: say so, and add it to the pool once it listens for attempts. */
    private void joined(ClusterNode node) {
        NodeSpec spec = NodeAttributes.decode(node);
        record(ClusterEvent.Kind.JOINED, spec.name(), "joined with " + spec.cores() + " cores, labels " + spec.labels());
        readiness.execute(() -> whenReady(node));
    }

    /** Once a joined worker listens for attempts, it becomes part of the pool. */
    private void whenReady(ClusterNode node) {
        String name = NodeAttributes.name(node);
        if (!Messenger.of(ignite).awaitReady(node.id(), readyTimeout)) {
            if (ignite.cluster().node(node.id()) != null) {
                record(ClusterEvent.Kind.JOINED, name, "joined but did not answer within " + readyTimeout.toSeconds()
                        + " s; not used (is it an aisprint worker of the same version?)");
            }
            return;
        }
        TaskRuntime current;
        synchronized (this) {
            if (ignite.cluster().node(node.id()) == null) {
                return; // left while we asked
            }
            if (live.containsKey(name)) {
                if (!live.get(name).id().equals(node.id())) {
                    record(ClusterEvent.Kind.JOINED, name, "a second worker named '" + name + "' joined and is ignored;"
                            + " give each worker its own --name");
                }
                return;
            }
            live.put(name, node);
            notifyAll();
            current = runtime;
        }
        NodeSpec spec = NodeAttributes.decode(node);
        if (current != null) {
            membership.execute(() -> {
                try {
                    current.addNode(spec);
                } catch (TaskRuntimeException refused) {
                    record(ClusterEvent.Kind.JOINED, name, "not added to the runtime: " + refused.getMessage());
                }
            });
        }
    }

    private void removeFromRuntime(TaskRuntime current, String name) {
        try {
            current.removeNode(name);
        } catch (RuntimeException failed) {
            LOG.warn("could not remove node {} from the runtime: {}", name, failed.getMessage());
        }
    }

    private synchronized void record(ClusterEvent.Kind kind, String node, String detail) {
        ClusterEvent event = new ClusterEvent(Instant.now(), kind, node, detail);
        events.add(event);
        if (kind != ClusterEvent.Kind.JOINED) {
            LOG.warn("{}", event);
        }
    }

    /** Closes the runtime (waiting for its tasks) and leaves the cluster. */
    @Override
    public void close() {
        try {
            TaskRuntime current = runtime;
            if (current != null) {
                current.close();
            }
        } finally {
            membership.shutdownNow();
            readiness.shutdownNow();
            calls.close();
            ignite.events().stopLocalListen(listener, MEMBERSHIP_EVENTS);
            IgniteNodes.stop(ignite);
        }
    }
}
