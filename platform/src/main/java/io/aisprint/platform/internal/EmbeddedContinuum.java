package io.aisprint.platform.internal;

import io.aisprint.model.FaasResource;
import io.aisprint.model.NodeResource;
import io.aisprint.model.Partition;
import io.aisprint.model.PerformanceModel;
import io.aisprint.model.Placement;
import io.aisprint.model.Resource;
import io.aisprint.model.SystemDescription;
import io.aisprint.platform.PlatformException;
import io.aisprint.platform.examples.ExampleCode;
import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The continuum in one process: every edge device and VM instance of the placement is a node of
 * the task runtime with the resource's cores and memory, and every FaaS configuration an elastic
 * container pool (cold starts, keep-alive, idle kill) on one wide node.
 *
 * <p>A partition runs as a runtime task that takes all of its node's cores, so one node serves one
 * request at a time (the M/G/1 server of the performance model) and waiting requests queue here,
 * per node, in arrival order. The task runs the partition's real code and then holds the node for
 * the rest of its service time: a draw with the declared mean demand (Gamma, shape 4), times the
 * time scale. Queues, utilisation and response times are therefore measured, not computed.
 */
public final class EmbeddedContinuum implements ContinuumBackend {
    /** Concurrent containers one FaaS configuration may run. */
    static final int FAAS_CONCURRENCY = 64;
    private static final int WARM_UP_RUNS = 200;
    /** Service times are Gamma(shape 4) with the declared mean: coefficient of variation 0.5, as measured inference times vary. */
    static final int SERVICE_SHAPE = 4;

    private final SystemDescription system;
    private final double timeScale;
    private final long seed;
    private final TaskRuntime runtime;
    private final Network network;
    private final ScheduledExecutorService timer;
    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
    private final Map<String, FaasPool> faasPools = new ConcurrentHashMap<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong executions = new AtomicLong();
    private final Map<String, String> used = new ConcurrentHashMap<>();
    private int version;

    public EmbeddedContinuum(SystemDescription system, double timeScale, long seed) {
        this.system = system;
        this.timeScale = timeScale;
        this.seed = seed;
        this.network = new Network(system.continuum());
        // The runtime needs one node to start; the placement's nodes join in apply().
        this.runtime = TaskRuntime.builder().node(NodeSpec.of("control", 1).withLabels(Map.of("role", "control")))
                .maxPendingTasks(1_000_000).build();
        this.timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "continuum-network");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public double hopDelay(String fromResource, String toResource, double megabytes) {
        return network.delay(fromResource, toResource, megabytes);
    }

    @Override
    public String pick(Route.Step step) {
        // Random splitting over instances keeps each one an M/G/1 queue with λ/n, as the model assumes.
        List<String> names = step.nodes();
        return names.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(names.size()));
    }

    @Override
    public Map<String, List<String>> workersUsed() {
        Map<String, List<String>> result = new java.util.TreeMap<>();
        used.forEach((node, resource) -> result.computeIfAbsent(resource, key -> new ArrayList<>()).add(node));
        result.values().forEach(java.util.Collections::sort);
        return result;
    }

    public double timeScale() {
        return timeScale;
    }

    /** Runs {@code action} after {@code applicationSeconds} (scaled to wall time). */
    @Override
    public void after(double applicationSeconds, Runnable action) {
        long nanos = (long) (applicationSeconds * timeScale * 1e9);
        if (nanos <= 0) {
            timer.execute(action);
        } else {
            timer.schedule(action, nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Makes {@code placement} the route for new requests: adds the nodes it needs and marks the
     * ones it no longer uses as draining (they finish their queues; {@link #retire} removes them).
     */
    @Override
    public synchronized Route apply(Placement placement) {
        Map<String, Resource> resources = system.continuum().resourcesByName();
        Map<String, List<String>> nodesOfResource = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : placement.instances().entrySet()) {
            Resource resource = resources.get(entry.getKey());
            if (resource == null) {
                throw new PlatformException("the placement names resource '" + entry.getKey() + "' that the continuum does not have");
            }
            nodesOfResource.put(resource.name(), ensureNodes(resource, Math.max(1, entry.getValue())));
        }
        Map<String, Route.ComponentRoute> routes = new LinkedHashMap<>();
        for (Placement.ComponentPlacement chosen : placement.components()) {
            List<Partition> partitions = Route.partitionsOf(system, chosen);
            List<Route.Step> steps = new ArrayList<>();
            List<Placement.PartitionPlacement> parts = chosen.partitions();
            for (int i = 0; i < parts.size(); i++) {
                Placement.PartitionPlacement part = parts.get(i);
                Partition partition = partitions.get(i);
                Resource resource = resources.get(part.resource());
                List<String> nodeNames = nodesOfResource.get(part.resource());
                if (nodeNames == null) {
                    nodeNames = ensureNodes(resource, 1);
                    nodesOfResource.put(resource.name(), nodeNames);
                }
                PerformanceModel model = system.performance().model(chosen.component(), partition.name(), resource.name())
                        .orElseThrow(() -> new PlatformException("no performance declaration for " + chosen.component() + "/"
                                + part.partition() + " on " + part.resource() + "; the embedded run needs a demand for it"));
                double demand;
                double demandCold = Double.NaN;
                if (model instanceof PerformanceModel.QueueDemand queue) {
                    demand = queue.demand();
                } else if (model instanceof PerformanceModel.FaasDemand faas) {
                    demand = faas.demandWarm();
                    demandCold = faas.demandCold();
                } else {
                    throw new PlatformException(chosen.component() + "/" + part.partition() + " on " + part.resource()
                            + " uses a regression model; the embedded run needs a mean demand.\n"
                            + "Maybe run 'aisprint profile' to measure one.");
                }
                io.aisprint.platform.examples.PartitionCode code =
                        ExampleCode.forPartition(chosen.component(), i, parts.size(), partition.earlyExitProbability());
                warmUp(code, i == 0 ? null : steps.get(i - 1).code());
                steps.add(new Route.Step(chosen.component(), partition, i, resource.name(), resource instanceof FaasResource,
                        nodeNames, code, demand, demandCold, parts.size()));
            }
            routes.put(chosen.component(), new Route.ComponentRoute(chosen.component(), chosen.deployment(), steps));
        }
        Set<String> used = new java.util.HashSet<>();
        nodesOfResource.values().forEach(used::addAll);
        for (NodeState node : nodes.values()) {
            node.setDraining(!used.contains(node.name));
        }
        version++;
        return new Route(version, placement, routes);
    }

    /** Runs the code a few times before it serves, so JIT compilation does not show up as a QoS violation. */
    private void warmUp(io.aisprint.platform.examples.PartitionCode code, io.aisprint.platform.examples.PartitionCode previous) {
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            Object input = ExampleCode.newRequestInput(random);
            if (previous != null) {
                input = previous.run(input).output();
            }
            code.run(input);
        }
    }

    private List<String> ensureNodes(Resource resource, int count) {
        List<String> names = new ArrayList<>();
        if (resource instanceof FaasResource faas) {
            String name = nodeName(resource.name(), 1);
            faasPools.computeIfAbsent(resource.name(),
                    key -> new FaasPool((long) (faas.idleTimeBeforeKill() * timeScale * 1e9)));
            addNode(name, resource, FAAS_CONCURRENCY, FAAS_CONCURRENCY);
            names.add(name);
            return names;
        }
        NodeResource node = (NodeResource) resource;
        for (int k = 1; k <= count; k++) {
            String name = nodeName(resource.name(), k);
            addNode(name, resource, Math.max(1, node.cores()), 1);
            names.add(name);
        }
        return names;
    }

    private void addNode(String name, Resource resource, int cores, int capacity) {
        NodeState existing = nodes.get(name);
        if (existing != null && existing.isInRuntime()) {
            existing.setDraining(false);
            return;
        }
        NodeSpec spec = new NodeSpec(name, cores, (long) Math.max(1, resource.memory()), 0, null,
                Map.of("node", name, "resource", resource.name(), "layer", resource.layer()));
        runtime.addNode(spec);
        NodeState state = new NodeState(name, resource.name(), cores, capacity);
        used.put(name, resource.name());
        state.inRuntime = true;
        nodes.put(name, state);
    }

    private static String nodeName(String resource, int instance) {
        return resource + "-" + instance;
    }

    @Override
    public void execute(Route.Step step, String node, Object input, Completion completion) {
        NodeState state = nodes.get(node);
        if (state == null || !state.isInRuntime()) {
            completion.done(null, false, 0, 0, 0, "node " + node + " of " + step.resource() + " is gone", false);
            return;
        }
        long id = executions.incrementAndGet();
        Execution execution = new Execution(id, step, state, input, completion, System.nanoTime());
        state.offer(execution, this::start);
    }

    private void start(Execution execution) {
        NodeState state = execution.node;
        Constraints constraints = Constraints.of().withCores(state.cores / state.capacity).withLabel("node", state.name);
        Pending entry = new Pending(execution);
        pending.put(execution.id, entry);
        try {
            entry.future = runtime.task(execution.step.component() + "/" + execution.step.partition().name())
                    .constraints(constraints).placement(execution.step.component(), execution.step.partition().name())
                    .run(context -> serve(execution));
        } catch (RuntimeException e) {
            finish(execution, null, false, 0, 0, "the runtime refused the task: " + e.getMessage());
        }
    }

    private void serve(Execution execution) {
        long start = System.nanoTime();
        Route.Step step = execution.step;
        double mean = step.demand();
        FaasPool pool = step.faas() ? faasPools.get(step.resource()) : null;
        if (pool != null && pool.acquire(start) && !Double.isNaN(step.demandCold())) {
            mean = step.demandCold();
        }
        try {
            io.aisprint.platform.examples.PartitionCode.Result result = step.code().run(execution.input);
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + execution.id);
            double serviceSeconds = 0;
            for (int k = 0; k < SERVICE_SHAPE; k++) {
                serviceSeconds += exponential(random);
            }
            serviceSeconds *= mean / SERVICE_SHAPE;
            long until = start + (long) (serviceSeconds * timeScale * 1e9);
            // The emulated device is slower than this machine: hold the node for the rest of the service time.
            long now;
            while ((now = System.nanoTime()) < until) {
                LockSupport.parkNanos(until - now);
            }
            finish(execution, result.output(), result.exitEarly(), start, System.nanoTime(), null);
        } catch (RuntimeException e) {
            finish(execution, null, false, start, System.nanoTime(),
                    step.component() + "/" + step.partition().name() + " failed on " + execution.node.name + ": " + e);
        } finally {
            if (pool != null) {
                pool.release(System.nanoTime());
            }
        }
    }

    private static double exponential(SplittableRandom random) {
        return -Math.log(1 - random.nextDouble());
    }

    private void finish(Execution execution, Object output, boolean exitEarly, long start, long end, String failure) {
        if (!execution.markFinished()) {
            return;
        }
        pending.remove(execution.id);
        if (start > 0) {
            execution.node.busyNanos.addAndGet(end - start);
        }
        execution.node.done(this::start);
        execution.completion.done(output, exitEarly, execution.queuedNanos, start, end, failure, false);
    }

    /**
     * Housekeeping, called by the control loop: reports tasks the runtime ended without running
     * their body, and removes draining nodes that are idle and that no live route uses any more.
     */
    @Override
    public synchronized void retire(Collection<Route> liveRoutes) {
        for (Pending entry : List.copyOf(pending.values())) {
            TaskFuture<Void> future = entry.future;
            if (future != null && future.isDone() && pending.containsKey(entry.execution.id)) {
                String reason;
                try {
                    future.get();
                    reason = "the runtime ended the task without running it";
                } catch (RuntimeException e) {
                    reason = "the runtime failed the task: " + e.getMessage();
                }
                finish(entry.execution, null, false, 0, 0, reason);
            }
        }
        Set<String> stillRouted = new java.util.HashSet<>();
        liveRoutes.forEach(route -> stillRouted.addAll(route.nodes()));
        for (NodeState node : List.copyOf(nodes.values())) {
            if (node.draining && node.idle() && !stillRouted.contains(node.name) && node.isInRuntime()) {
                runtime.removeNode(node.name);
                node.inRuntime = false;
                nodes.remove(node.name);
            }
        }
    }

    @Override
    public Map<String, Double> utilisation(long now) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (NodeState node : nodes.values()) {
            double busy = node.sampleBusy(now);
            if (!node.draining) {
                double[] sum = sums.computeIfAbsent(node.resource, key -> new double[2]);
                sum[0] += busy;
                sum[1]++;
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        sums.forEach((resource, sum) -> result.put(resource, sum[0] / sum[1]));
        return result;
    }

    /** Requests waiting or in service on each resource's nodes. */
    public Map<String, Integer> queueLengths() {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (NodeState node : nodes.values()) {
            result.merge(node.resource, node.load(), Integer::sum);
        }
        return result;
    }

    /** Live FaaS containers per configuration. */
    public Map<String, Integer> faasContainers(long now) {
        Map<String, Integer> result = new LinkedHashMap<>();
        faasPools.forEach((name, pool) -> result.put(name, pool.containers(now)));
        return result;
    }

    public Set<String> activeNodes() {
        Set<String> names = new java.util.TreeSet<>();
        nodes.values().stream().filter(n -> !n.draining).forEach(n -> names.add(n.name));
        return names;
    }

    public Set<String> allNodes() {
        return new java.util.TreeSet<>(nodes.keySet());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        runtime.close();
    }

    /** One queued or running step. */
    static final class Execution {
        final long id;
        final Route.Step step;
        final NodeState node;
        final Object input;
        final Completion completion;
        final long queuedNanos;
        private boolean finished;

        Execution(long id, Route.Step step, NodeState node, Object input, Completion completion, long queuedNanos) {
            this.id = id;
            this.step = step;
            this.node = node;
            this.input = input;
            this.completion = completion;
            this.queuedNanos = queuedNanos;
        }

        /** True the first time only. */
        synchronized boolean markFinished() {
            boolean first = !finished;
            finished = true;
            return first;
        }
    }

    private static final class Pending {
        final Execution execution;
        volatile TaskFuture<Void> future;

        Pending(Execution execution) {
            this.execution = execution;
        }
    }

    /** A node's own FIFO queue: at most {@code capacity} of its steps are in the runtime at once. */
    static final class NodeState {
        final String name;
        final String resource;
        final int cores;
        final int capacity;
        final AtomicLong busyNanos = new AtomicLong();
        private final ArrayDeque<Execution> queue = new ArrayDeque<>();
        private int running;
        volatile boolean draining;
        volatile boolean inRuntime;
        private long lastSampleNanos = System.nanoTime();
        private long lastBusyNanos;

        NodeState(String name, String resource, int cores, int capacity) {
            this.name = name;
            this.resource = resource;
            this.cores = cores;
            this.capacity = capacity;
        }

        boolean isInRuntime() {
            return inRuntime;
        }

        void setDraining(boolean value) {
            draining = value;
        }

        void offer(Execution execution, java.util.function.Consumer<Execution> starter) {
            Execution toStart = null;
            synchronized (this) {
                if (running < capacity) {
                    running++;
                    toStart = execution;
                } else {
                    queue.addLast(execution);
                }
            }
            if (toStart != null) {
                starter.accept(toStart);
            }
        }

        void done(java.util.function.Consumer<Execution> starter) {
            Execution next;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    running--;
                }
            }
            if (next != null) {
                starter.accept(next);
            }
        }

        synchronized boolean idle() {
            return running == 0 && queue.isEmpty();
        }

        synchronized int load() {
            return running + queue.size();
        }

        synchronized double sampleBusy(long now) {
            long busy = busyNanos.get();
            double share = now > lastSampleNanos ? (busy - lastBusyNanos) / (double) (now - lastSampleNanos) : 0;
            lastSampleNanos = now;
            lastBusyNanos = busy;
            return Math.min(1.0, Math.max(0.0, share * capacity == 0 ? 0 : share / capacity));
        }
    }
}
