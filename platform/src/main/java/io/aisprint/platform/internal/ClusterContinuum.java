package io.aisprint.platform.internal;

import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.NodeLostException;
import io.aisprint.cluster.Remote;
import io.aisprint.cluster.RemoteRef;
import io.aisprint.cluster.Reported;
import io.aisprint.model.FaasResource;
import io.aisprint.model.Partition;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.LineProtocol;
import io.aisprint.monitor.Point;
import io.aisprint.platform.PlatformException;
import io.aisprint.platform.examples.ExampleCode;
import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskFunction;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The continuum as a cluster of worker processes: a worker labelled {@code resource=R} is an
 * instance of R. Each partition runs its real code on a worker of its placed resource, one request
 * at a time per worker (the task takes all the worker's cores); its output stays on that worker and
 * the next partition's worker fetches it from there, so every hop is a real transfer of the declared
 * data size. Service times come from the workers' own measurements (with their emulated slowness);
 * nothing is emulated here and the network delay is the real one.
 */
public final class ClusterContinuum implements ContinuumBackend {
    /** Runs of each partition on each new worker before it serves, so JIT compilation is not measured. */
    private static final int WARM_UP_RUNS = 30;
    static final String RESOURCE_LABEL = "resource";

    private final SystemDescription system;
    private final ClusterDriver driver;
    private final TaskRuntime runtime;
    private final Consumer<String> lines;
    private final ScheduledExecutorService timer;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> busyNanos = new ConcurrentHashMap<>();
    private final Map<String, long[]> lastSample = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> used = new ConcurrentHashMap<>();
    private final Set<String> warmed = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private volatile Set<String> routed = Set.of();
    private Route current;
    /** Stateful components whose state is on its way to their new workers, by component. */
    private final Map<String, StateMoveInProgress> moving = new ConcurrentHashMap<>();
    private final AtomicLong stateMoves = new AtomicLong();
    private final ResponseWindows overheads = new ResponseWindows(Long.MAX_VALUE / 4);
    private int version;

    /** A stateful step leaving {@code leaving} for {@code target}; its new requests wait for {@code arrived}. */
    private record StateMoveInProgress(Set<String> leaving, List<String> target,
            java.util.concurrent.CompletableFuture<Void> arrived) {
    }

    /** {@code lines} receives the workers' measurements as line protocol, one line per step. */
    public ClusterContinuum(SystemDescription system, ClusterDriver driver, Consumer<String> lines) {
        this.system = system;
        this.driver = driver;
        this.lines = lines;
        this.runtime = driver.runtime(builder -> builder.maxPendingTasks(1_000_000));
        this.timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "cluster-continuum");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public String kind() {
        return "cluster";
    }

    /** Live workers per resource label, sorted by name. */
    public Map<String, List<String>> liveWorkers() {
        Map<String, List<String>> result = new TreeMap<>();
        for (NodeSpec worker : driver.workers()) {
            String resource = worker.labels().get(RESOURCE_LABEL);
            if (resource != null) {
                result.computeIfAbsent(resource, key -> new ArrayList<>()).add(worker.name());
            }
        }
        return result;
    }

    /** Live worker counts per resource. */
    public Map<String, Integer> liveCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        liveWorkers().forEach((resource, names) -> counts.put(resource, names.size()));
        return counts;
    }

    @Override
    public synchronized Route apply(Placement placement) {
        Map<String, List<String>> live = liveWorkers();
        Map<String, List<String>> nodesOfResource = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : placement.instances().entrySet()) {
            List<String> candidates = new ArrayList<>(live.getOrDefault(entry.getKey(), List.of()));
            if (candidates.isEmpty()) {
                throw new PlatformException("no live worker is labelled resource=" + entry.getKey()
                        + ", which the placement uses.\nMaybe start one: aisprint worker --join ... --labels resource="
                        + entry.getKey());
            }
            // A resource's instances are its live workers: the placement needs at most that many (the
            // design was capped by them), and the ones beyond it are running anyway, so they take requests too.
            nodesOfResource.put(entry.getKey(), List.copyOf(candidates));
        }
        Map<String, Route.ComponentRoute> routes = new LinkedHashMap<>();
        for (Placement.ComponentPlacement chosen : placement.components()) {
            List<Partition> partitions = Route.partitionsOf(system, chosen);
            List<Route.Step> steps = new ArrayList<>();
            List<Placement.PartitionPlacement> parts = chosen.partitions();
            for (int i = 0; i < parts.size(); i++) {
                Placement.PartitionPlacement part = parts.get(i);
                Partition partition = partitions.get(i);
                boolean faas = system.continuum().resourcesByName().get(part.resource()) instanceof FaasResource;
                steps.add(new Route.Step(chosen.component(), partition, i, part.resource(), faas,
                        nodesOfResource.get(part.resource()), null, Double.NaN, Double.NaN, parts.size()));
            }
            routes.put(chosen.component(), new Route.ComponentRoute(chosen.component(), chosen.deployment(), steps));
        }
        version++;
        Route route = new Route(version, placement, routes);
        warmUp(route);
        if (current != null) {
            startStateMoves(current, route);
        }
        current = route;
        Set<String> nodes = route.nodes();
        nodes.forEach(node -> used.computeIfAbsent(resourceOf(route, node), key -> ConcurrentHashMap.newKeySet()).add(node));
        routed = nodes;
        return route;
    }

    private static String resourceOf(Route route, String node) {
        for (Route.ComponentRoute component : route.components().values()) {
            for (Route.Step step : component.steps()) {
                if (step.nodes().contains(node)) {
                    return step.resource();
                }
            }
        }
        return "?";
    }

    /** Runs every component's chain a few times through each new worker of the route before it serves. */
    private void warmUp(Route route) {
        Random random = new Random(7);
        for (Route.ComponentRoute component : route.components().values()) {
            boolean fresh = component.steps().stream().anyMatch(s -> s.nodes().stream()
                    .anyMatch(n -> !warmed.contains(n + "/" + s.component() + "/" + s.index())));
            if (!fresh) {
                continue;
            }
            for (int run = 0; run < WARM_UP_RUNS; run++) {
                Object input = ExampleCode.newRequestInput(random);
                for (Route.Step step : component.steps()) {
                    String node = step.nodes().get(run % step.nodes().size());
                    TaskFuture<Reported<PartitionBody.Report>> future = runtime.task("warm-up " + step.component())
                            .constraints(pinned(node)).onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                            .call(Remote.keepReported(body(step, true), input));
                    try {
                        input = future.get().value();
                    } catch (RuntimeException lost) {
                        break; // a worker went away while warming up; the membership watch will route around it
                    }
                }
            }
            component.steps().forEach(s -> s.nodes().forEach(n -> warmed.add(n + "/" + s.component() + "/" + s.index())));
        }
    }

    private Constraints pinned(String node) {
        int cores = driver.workers().stream().filter(w -> w.name().equals(node)).mapToInt(NodeSpec::cores).findFirst().orElse(1);
        // All the worker's cores: it serves one request at a time, the M/G/1 server the model assumes.
        return Constraints.of().withCores(Math.max(1, cores)).withLabel("node", node);
    }

    private static PartitionBody body(Route.Step step, boolean warmUp) {
        // The declared size of what the partition sends on (to its next partition or its successors).
        double megabytes = step.partition().dataSizes().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new PartitionBody(step.component(), step.index(), step.partitions(), step.partition().earlyExitProbability(),
                (long) (megabytes * 1_000_000), warmUp);
    }

    @Override
    public String pick(Route.Step step) {
        Set<String> live = new java.util.HashSet<>(liveWorkers().getOrDefault(step.resource(), List.of()));
        List<String> candidates = step.nodes().stream().filter(live::contains).toList();
        if (candidates.isEmpty()) {
            // Every worker this route named is gone: any live instance of the same resource will do.
            candidates = List.copyOf(live);
        }
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    @Override
    public void execute(Route.Step step, String node, Object input, Completion completion) {
        StateMoveInProgress move = stateful(step) ? moving.get(step.component()) : null;
        if (move != null) {
            // The component's state is moving: its steps wait for it on the new workers, even those of
            // requests that started under the old placement (the old worker no longer has the state).
            String target = move.leaving().contains(node) ? move.target().get(
                    ThreadLocalRandom.current().nextInt(move.target().size())) : node;
            move.arrived().whenComplete((ignored, failure) -> submit(step, target, input, completion));
            return;
        }
        submit(step, node, input, completion);
    }

    private static boolean stateful(Route.Step step) {
        return ExampleCode.isStateful(step.component(), step.index(), step.partitions());
    }

    /**
     * Moves the state of every stateful step whose workers change from {@code before} to {@code after}:
     * once the steps already sent to the old workers have finished, each old worker's state is taken out
     * and added to a new worker (exactly once: an import is applied once per move), then the waiting
     * steps run.
     */
    private void startStateMoves(Route before, Route after) {
        for (Route.ComponentRoute component : after.components().values()) {
            Route.ComponentRoute old = before.components().get(component.component());
            for (Route.Step step : component.steps()) {
                if (!stateful(step) || old == null) {
                    continue;
                }
                Set<String> leaving = new java.util.TreeSet<>();
                old.steps().stream().filter(ClusterContinuum::stateful).forEach(s -> leaving.addAll(s.nodes()));
                leaving.removeAll(step.nodes());
                if (leaving.isEmpty()) {
                    continue;
                }
                StateMoveInProgress move = new StateMoveInProgress(leaving, step.nodes(), new java.util.concurrent.CompletableFuture<>());
                moving.put(step.component(), move);
                Route.Step from = old.steps().stream().filter(ClusterContinuum::stateful).findFirst().orElseThrow();
                Thread mover = new Thread(() -> moveState(from, step, move), "state-move-" + step.component());
                mover.setDaemon(true);
                mover.start();
            }
        }
    }

    private void moveState(Route.Step from, Route.Step to, StateMoveInProgress move) {
        try {
            while (pending.values().stream().anyMatch(p -> p.step.component().equals(to.component())
                    && move.leaving().contains(p.node))) {
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
            int next = 0;
            for (String worker : move.leaving()) {
                java.io.Serializable state = runtime.task("state export " + from.component()).constraints(pinned(worker))
                        .onFailure(FailurePolicy.CANCEL_SUCCESSORS).call(Remote.call(new StateMove.Export(body(from, false)))).get();
                if (state == null) {
                    continue;
                }
                String target = move.target().get(next++ % move.target().size());
                runtime.task("state import " + to.component()).constraints(pinned(target)).onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                        .call(Remote.call(new StateMove.Import(body(to, false), state, java.util.UUID.randomUUID().toString())))
                        .get();
                stateMoves.incrementAndGet();
            }
        } catch (RuntimeException lost) {
            // The old worker is gone with its state: nothing can move; the component serves from an empty state.
            lines.accept("state_move,component_name=" + to.component() + " lost=true");
        } finally {
            moving.remove(to.component(), move);
            move.arrived().complete(null);
        }
    }

    @Override
    public Map<String, io.aisprint.platform.RunResult.Stats> stepOverheads() {
        Map<String, io.aisprint.platform.RunResult.Stats> result = new TreeMap<>();
        for (Route.ComponentRoute component : current == null ? List.<Route.ComponentRoute>of() : current.components().values()) {
            for (Route.Step step : component.steps()) {
                String key = step.component() + "/" + step.partition().name();
                result.put(key, overheads.stats(key, System.nanoTime()));
            }
        }
        return result;
    }

    @Override
    public long stateMoves() {
        return stateMoves.get();
    }

    /** The state of a stateful step's code on {@code worker}, as it is now (null where it has none). */
    public java.io.Serializable peekState(Route.Step step, String worker) {
        return runtime.task("state peek").constraints(pinned(worker)).onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                .call(Remote.call(new StateMove.Peek(body(step, false)))).get();
    }

    private void submit(Route.Step step, String node, Object input, Completion completion) {
        long id = ids.incrementAndGet();
        Pending entry = new Pending(step, node, completion);
        pending.put(id, entry);
        TaskFunction<Reported<PartitionBody.Report>> remote = Remote.keepReported(body(step, false), input);
        long queued = System.nanoTime();
        try {
            entry.future = runtime.task(step.component() + "/" + step.partition().name())
                    .constraints(pinned(node)).placement(step.component(), step.partition().name())
                    // A step whose worker vanished before it started must not stop the run: it is retried here.
                    .onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                    .run(context -> {
                        long sent = System.nanoTime();
                        Reported<PartitionBody.Report> result;
                        try {
                            result = remote.apply(context);
                        } catch (Exception failed) {
                            finish(id, null, queued, sent, System.nanoTime(), describe(step, node, failed),
                                    isLost(failed, node, input));
                            return;
                        }
                        record(step, node, result.timing(), System.nanoTime() - sent);
                        finish(id, result, queued, sent, System.nanoTime(), null, false);
                    });
        } catch (RuntimeException refused) {
            finish(id, null, queued, 0, 0, "the runtime refused the step on " + node + ": " + refused.getMessage(), true);
        }
    }

    private static String describe(Route.Step step, String node, Exception failed) {
        return step.component() + "/" + step.partition().name() + " failed on worker " + node + ": " + failed.getMessage();
    }

    /** A failure because a worker went away (the one running the step, or the one holding its input). */
    private static boolean isLost(Exception failed, String node, Object input) {
        if (failed instanceof NodeLostException) {
            return true;
        }
        String message = String.valueOf(failed.getMessage());
        if (message.contains("could not send task") || message.contains("could not run task")) {
            return true; // the connection to the worker broke: it is going away (kill -9) before it is reported lost
        }
        return input instanceof RemoteRef<?> ref && message.contains("node '" + ref.node() + "'");
    }

    private void finish(long id, Reported<PartitionBody.Report> result, long queued, long start, long end, String failure,
            boolean lost) {
        Pending entry = pending.remove(id);
        if (entry == null) {
            return;
        }
        if (result == null) {
            entry.completion.done(null, false, queued, start, end, failure, lost);
            return;
        }
        entry.completion.done(result.value(), result.report().exitEarly(), queued, start, end, null, false);
    }

    /** The worker's measured times: to its busy counter and, as line protocol, to the monitor. */
    private void record(Route.Step step, String node, Reported.Timing timing, long observedNanos) {
        if (timing == null) {
            return;
        }
        // What the hop adds: the step as the driver saw it, less the service the worker measured.
        overheads.add(step.component() + "/" + step.partition().name(), System.nanoTime(),
                (observedNanos - timing.serviceNanos()) / 1e9);
        busyNanos.computeIfAbsent(node, key -> new AtomicLong()).addAndGet(timing.serviceNanos());
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        fields.put("service_time", new FieldValue.FloatValue(timing.serviceNanos() / 1e9));
        fields.put("compute_time", new FieldValue.FloatValue(timing.computeNanos() / 1e9));
        fields.put("emulated_time", new FieldValue.FloatValue(timing.heldNanos() / 1e9));
        fields.put("wait_time", new FieldValue.FloatValue(timing.waitedNanos() / 1e9));
        fields.put("speed", new FieldValue.FloatValue(timing.speed()));
        Point point = new Point("worker_time", new java.util.TreeMap<>(Map.of("component_name", step.component(),
                "partition", step.partition().name(), "resource", step.resource(), "worker", node)), fields,
                System.currentTimeMillis() * 1_000_000L);
        lines.accept(LineProtocol.format(point));
    }

    /** Steps the runtime ended without running them (their worker was removed first) end as lost. */
    private void sweep() {
        for (Map.Entry<Long, Pending> entry : List.copyOf(pending.entrySet())) {
            TaskFuture<Void> future = entry.getValue().future;
            if (future != null && future.isDone()) {
                String reason;
                try {
                    future.get();
                    reason = "the runtime ended the step without running it";
                } catch (RuntimeException e) {
                    reason = "worker " + entry.getValue().node + " is gone: " + e.getMessage();
                }
                finish(entry.getKey(), null, 0, 0, 0, reason, true);
            }
        }
    }

    @Override
    public double hopDelay(String fromResource, String toResource, double megabytes) {
        return 0; // the network between the workers is real
    }

    @Override
    public void after(double applicationSeconds, Runnable action) {
        long nanos = (long) (applicationSeconds * 1e9);
        if (nanos <= 0) {
            timer.execute(action);
        } else {
            timer.schedule(action, nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void retire(Collection<Route> liveRoutes) {
        sweep();
    }

    @Override
    public Map<String, Double> utilisation(long now) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, List<String>> live = liveWorkers();
        for (Map.Entry<String, List<String>> resource : live.entrySet()) {
            for (String worker : resource.getValue()) {
                if (!routed.contains(worker)) {
                    continue;
                }
                long busy = busyNanos.computeIfAbsent(worker, key -> new AtomicLong()).get();
                long[] last = lastSample.put(worker, new long[] {now, busy});
                double share = last == null || now <= last[0] ? 0 : (busy - last[1]) / (double) (now - last[0]);
                double[] sum = sums.computeIfAbsent(resource.getKey(), key -> new double[2]);
                sum[0] += Math.min(1, Math.max(0, share));
                sum[1]++;
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        sums.forEach((resource, sum) -> result.put(resource, sum[0] / sum[1]));
        return result;
    }

    @Override
    public Map<String, List<String>> workersUsed() {
        Map<String, List<String>> result = new TreeMap<>();
        used.forEach((resource, names) -> result.put(resource, names.stream().sorted().toList()));
        return result;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        runtime.close();
    }

    private static final class Pending {
        final Route.Step step;
        final String node;
        final Completion completion;
        volatile TaskFuture<Void> future;

        Pending(Route.Step step, String node, Completion completion) {
            this.step = step;
            this.node = node;
            this.completion = completion;
        }
    }
}
