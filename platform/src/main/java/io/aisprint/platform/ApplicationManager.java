package io.aisprint.platform;

import io.aisprint.model.GlobalConstraint;
import io.aisprint.model.LocalConstraint;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.monitor.AlertEvent;
import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.Level;
import io.aisprint.monitor.MetricStores;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.QosLimit;
import io.aisprint.monitor.RuleEngine;
import io.aisprint.monitor.RuleSet;
import io.aisprint.monitor.spi.MetricStore;
import io.aisprint.placement.DesignOptions;
import io.aisprint.placement.DesignResult;
import io.aisprint.placement.Designer;
import io.aisprint.platform.examples.ExampleCode;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.monitor.LineProtocol;
import io.aisprint.monitor.Precision;
import io.aisprint.platform.internal.ClusterContinuum;
import io.aisprint.platform.internal.ContinuumBackend;
import io.aisprint.platform.internal.EmbeddedContinuum;
import io.aisprint.platform.internal.RequestFlow;
import io.aisprint.platform.internal.ResponseWindows;
import io.aisprint.platform.internal.Route;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application manager loop (SPACE4AI-D at start, SPACE4AI-R while running): design the
 * cheapest placement, deploy it on the embedded continuum, send the workload, feed every measured
 * response time and utilisation to the monitor, let the application's QoS rules fire, and re-place
 * when a rule is violated or the load changes significantly. A re-placement switches the route of
 * new requests; requests in flight finish on the nodes they started on.
 */
public final class ApplicationManager {
    private final SystemDescription system;
    private final RunOptions options;
    private final RunListener listener;
    private final double scale;

    private final ClusterDriver driver;
    private ContinuumBackend continuum;
    /** The cluster backend when the run uses worker processes, else null. */
    private ClusterContinuum cluster;
    private Map<String, Integer> liveCounts = Map.of();
    private volatile String stopReason;
    private Thread generator;
    private RequestFlow flow;
    private MetricStore store;
    private RuleEngine rules;
    private volatile Route route;
    private Placement deployed;
    private double plannedLambda;
    private double costPerHour;
    private long startNanos;
    private long startEpochNanos;
    private final ResponseWindows windows;
    private final Deque<Long> arrivals = new ArrayDeque<>();
    private final Map<String, Long> failureReasons = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, double[]>> requestSpans = new ConcurrentHashMap<>();
    private final List<RunResult.Replacement> replacements = new ArrayList<>();
    private final List<RunResult.ReplanAttempt> attempts = new ArrayList<>();
    private final List<RunResult.TimelinePoint> timeline = new ArrayList<>();
    private final Map<String, Double> violationSeconds = new TreeMap<>();
    private final Map<String, List<String>> paths = new LinkedHashMap<>();
    private volatile String pendingViolation;
    private double lastReplanTime = Double.NEGATIVE_INFINITY;
    /** A rule must be violated on this many consecutive ticks before it re-plans: one noisy window is not enough. */
    private static final int VIOLATION_TICKS = 2;
    private int violatingTicks;

    private ApplicationManager(SystemDescription system, RunOptions options, RunListener listener, ClusterDriver driver) {
        this.system = system;
        this.driver = driver;
        this.options = options;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.scale = options.timeScale();
        this.windows = new ResponseWindows(wallNanos(options.qosWindow()));
        for (GlobalConstraint path : system.application().globalConstraints()) {
            paths.put(path.name(), path.components());
        }
    }

    /** Designs, runs and re-places {@code system} as {@code options} say; blocks until the run and its drain end. */
    public static RunResult run(SystemDescription system, RunOptions options, RunListener listener) {
        return new ApplicationManager(system, options, listener, null).execute();
    }

    /**
     * The same loop on cluster workers: a worker labelled {@code resource=R} is an instance of R. The
     * design uses only resources with live workers (instances capped by their count); partitions run
     * their real code on those workers and every time is measured there, so the run is in real time
     * (time scale 1). A lost worker's requests run again on live ones; losing every worker of a
     * resource the run needs re-places, or ends the run naming the resource.
     */
    public static RunResult runOnCluster(SystemDescription system, RunOptions options, RunListener listener,
            ClusterDriver driver) {
        return new ApplicationManager(system, options.withTimeScale(1.0), listener, java.util.Objects.requireNonNull(driver,
                "driver")).execute();
    }

    /** The design-time placement at {@code lambda}, or a user-facing error saying why there is none. */
    public static Placement design(SystemDescription system, double lambda) {
        DesignResult result = Designer.create().design(system, lambda,
                DesignOptions.defaults().withTimeLimit(Duration.ofSeconds(5)).withThreads(1));
        return result.best().orElseThrow(() -> new PlatformException("no feasible placement of "
                + system.application().name() + " at λ = " + lambda + " req/s"
                + (result.explanation().isEmpty() ? "" : ":\n  " + String.join("\n  ", result.explanation()))
                + "\nMaybe start with a lower --lambda."));
    }

    private RunResult execute() {
        plannedLambda = options.load().lambdaAt(0);
        if (!(plannedLambda > 0)) {
            plannedLambda = Math.max(options.load().maximum(), 1e-3);
        }
        if (driver != null) {
            cluster = new ClusterContinuum(system, driver, this::ingest);
            continuum = cluster;
            liveCounts = cluster.liveCounts();
        }
        try {
            deployed = design(planningSystem(), plannedLambda);
        } catch (RuntimeException infeasible) {
            if (continuum != null) {
                continuum.close();
            }
            throw infeasible;
        }
        costPerHour = Replanner.costPerHour(system, deployed, deployed, plannedLambda, options.edgeCostShare());
        store = MetricStores.inMemory();
        List<QosLimit> limits = qosLimits();
        rules = new RuleEngine(store, RuleSet.fromQos(limits, Duration.ofNanos(wallNanos(options.qosWindow())), List.of()),
                Clock.systemUTC());
        rules.addListener(this::onAlert);
        if (continuum == null) {
            continuum = new EmbeddedContinuum(system, scale, options.seed());
        }
        flow = new RequestFlow(system, continuum, () -> route, new FlowListener());
        try {
            route = continuum.apply(deployed);
            listener.started(deployed, costPerHour);
            startNanos = System.nanoTime();
            startEpochNanos = Clock.systemUTC().instant().getEpochSecond() * 1_000_000_000L
                    + Clock.systemUTC().instant().getNano();
            generator = new Thread(this::generate, "workload");
            generator.setDaemon(true);
            generator.start();
            long tickNanos = wallNanos(options.tick());
            long endOfArrivals = startNanos + wallNanos(options.duration());
            long drainDeadline = endOfArrivals + wallNanos(options.drainTimeout());
            long nextTick = startNanos + tickNanos;
            while (true) {
                sleepUntil(nextTick);
                nextTick += tickNanos;
                long now = System.nanoTime();
                controlStep(now);
                boolean arrivalsOver = now >= endOfArrivals || stopReason != null;
                if (arrivalsOver && !generator.isAlive() && flow.inFlight() == 0) {
                    break;
                }
                if (now >= drainDeadline) {
                    generator.interrupt();
                    flow.failInFlight("still in flight when the drain time of " + options.drainTimeout() + " s ran out");
                    break;
                }
            }
            joinQuietly(generator);
            return result();
        } finally {
            continuum.close();
            rules.close();
            store.close();
        }
    }

    /** The system the optimiser may use: all of it embedded, the resources with live workers on a cluster. */
    private SystemDescription planningSystem() {
        return cluster == null ? system : Replanner.liveSystem(system, liveCounts);
    }

    private Replanner.Result replan(double lambda) {
        SystemDescription planning;
        try {
            planning = planningSystem();
        } catch (PlatformException none) {
            return new Replanner.Result(java.util.Optional.empty(), false, Double.NaN, Double.NaN, 0, 0, List.of(none.getMessage()));
        }
        return Replanner.replan(planning, deployed, route.placement(), lambda,
                new Replanner.Options(options.edgeCostShare(), Duration.ofMillis(250), options.seed(), 1));
    }

    /**
     * Cluster membership changed: the route follows the live workers (a lost one drops out, a new one
     * becomes capacity); a resource left without any worker re-places over the live ones, or, when no
     * placement is feasible there, stops the arrivals and ends the run naming the resource.
     */
    private void watchWorkers(double time, long now) {
        Map<String, Integer> counts = cluster.liveCounts();
        if (counts.equals(liveCounts)) {
            return;
        }
        liveCounts = counts;
        List<String> missing = route.placement().instances().keySet().stream().filter(r -> counts.getOrDefault(r, 0) == 0)
                .sorted().toList();
        if (missing.isEmpty()) {
            route = continuum.apply(route.placement());
            return;
        }
        String reason = "lost every worker of resource " + String.join(", ", missing);
        double lambda = Math.max(plannedLambda, ResponseWindows.rate(arrivals, now,
                Math.min(wallNanos(options.qosWindow()), Math.max(1, now - startNanos)), scale));
        Replanner.Result result = replan(lambda * options.headroom());
        if (result.placement().isPresent() && result.placement().get().instances().keySet().stream()
                .allMatch(r -> counts.getOrDefault(r, 0) > 0)) {
            applyReplacement(time, reason, lambda, result);
            return;
        }
        stopReason = reason + " (workers " + String.join(", ", missing.stream()
                .flatMap(r -> continuum.workersUsed().getOrDefault(r, List.of()).stream()).toList())
                + "), and no placement on the live workers " + counts + " is feasible"
                + (result.explanation().isEmpty() ? "" : ": " + String.join("; ", result.explanation()))
                + "; the run stops after finishing what it can";
        if (generator != null) {
            generator.interrupt();
        }
        RunResult.ReplanAttempt attempt = new RunResult.ReplanAttempt(time, reason, lambda, "stopped: " + stopReason,
                result.seconds());
        attempts.add(attempt);
        listener.replanned(attempt);
    }

    private void applyReplacement(double time, String reason, double lambda, Replanner.Result result) {
        Placement before = route.placement();
        route = continuum.apply(result.placement().get());
        plannedLambda = lambda;
        costPerHour = result.costAfter();
        lastReplanTime = time;
        RunResult.Replacement replacement = new RunResult.Replacement(time, reason, lambda * options.headroom(), before,
                route.placement(), result.costBefore(), result.costAfter(), result.moves(), result.seconds());
        replacements.add(replacement);
        listener.replaced(replacement);
    }

    /** Worker measurements arrive as line protocol, as any monitoring agent would send them. */
    private void ingest(String lines) {
        long now = Clock.systemUTC().instant().getEpochSecond() * 1_000_000_000L;
        store.write(LineProtocol.parse(lines, Precision.NANOSECONDS, now).points());
    }

    private List<QosLimit> qosLimits() {
        List<QosLimit> limits = new ArrayList<>();
        for (LocalConstraint local : system.application().localConstraints()) {
            limits.add(new QosLimit(local.component(), List.of(local.component()), local.maxResponseTime()));
        }
        for (GlobalConstraint global : system.application().globalConstraints()) {
            limits.add(new QosLimit(global.name(), global.components(), global.maxResponseTime()));
        }
        return limits;
    }

    /** Poisson arrivals at λ(t), in application time, replayed at the time scale. */
    private void generate() {
        Random random = new Random(options.seed());
        double time = 0;
        long id = 0;
        while (!Thread.currentThread().isInterrupted()) {
            double lambda = options.load().lambdaAt(time);
            if (lambda <= 0) {
                time = nextStepStart(time);
                if (time >= options.duration()) {
                    return;
                }
                continue;
            }
            double gap = -Math.log(1 - random.nextDouble()) / lambda;
            double next = time + gap;
            double stepEnd = nextStepStart(time);
            if (next >= stepEnd) {
                // Memorylessness: restart the draw at the step boundary with the new rate.
                time = stepEnd;
                if (time >= options.duration()) {
                    return;
                }
                continue;
            }
            time = next;
            if (time >= options.duration()) {
                return;
            }
            sleepUntil(startNanos + wallNanos(time));
            long now = System.nanoTime();
            synchronized (arrivals) {
                arrivals.addLast(now);
            }
            flow.submit(route, ++id, ExampleCode.newRequestInput(random));
        }
    }

    private double nextStepStart(double time) {
        for (LoadProfile.Step step : options.load().steps()) {
            if (step.start() > time) {
                return step.start();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** One tick: metrics to the monitor, rules, maybe a re-plan, housekeeping, the live view. */
    private void controlStep(long now) {
        double time = applicationSeconds(now);
        if (cluster != null) {
            watchWorkers(time, now);
        }
        Map<String, Double> utilisation = continuum.utilisation(now);
        double observedShort = ResponseWindows.rate(arrivals, now, Math.min(wallNanos(options.qosWindow()), Math.max(1, now - startNanos)), scale);
        double observedLong = ResponseWindows.rate(arrivals, now, Math.min(wallNanos(options.loadWindow()), Math.max(1, now - startNanos)), scale);
        long epoch = epochNanos(now);
        List<Point> points = new ArrayList<>();
        utilisation.forEach((resource, value) -> points.add(Point.of("utilisation", Map.of("resource", resource), "busy", value, epoch)));
        points.add(Point.of("workload", Map.of("application", system.application().name()), "lambda", observedShort, epoch));
        points.add(Point.of("cost", Map.of("application", system.application().name()), "per_hour", costPerHour, epoch));
        store.write(points);
        rules.evaluate();
        List<String> violating = new ArrayList<>();
        rules.levels().forEach((rule, level) -> {
            if (level != Level.OK) {
                violating.add(rule.replaceAll("\\{.*", ""));
            }
        });
        for (String rule : violating) {
            violationSeconds.merge(rule, options.tick(), Double::sum);
        }
        if (options.replan() && time <= options.duration()) {
            maybeReplan(time, violating, observedShort, observedLong);
        }
        continuum.retire(flow.liveRoutes(route));
        Map<String, RunResult.Stats> stats = new LinkedHashMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        for (Route.ComponentRoute component : route.components().values()) {
            stats.put(component.component(), windows.stats(component.component(), now));
            resources.put(component.component(), component.steps().stream().map(s -> s.resource()
                    + (s.nodes().size() > 1 ? "×" + s.nodes().size() : "")).reduce((a, b) -> a + " → " + b).orElse(""));
        }
        for (String path : paths.keySet()) {
            stats.put(path, windows.stats("path:" + path, now));
        }
        RunResult.TimelinePoint point = new RunResult.TimelinePoint(time, options.load().lambdaAt(Math.min(time, options.duration())),
                observedShort, stats, utilisation, resources, costPerHour, violating, flow.requestsIn(), flow.completed(),
                flow.failed(), flow.inFlight(), replacements.size());
        timeline.add(point);
        listener.tick(point);
    }

    private void maybeReplan(double time, List<String> violating, double observedShort, double observedLong) {
        violatingTicks = violating.isEmpty() ? 0 : violatingTicks + 1;
        if (time - lastReplanTime < options.cooldown()) {
            return;
        }
        String reason = null;
        double lambda = observedLong;
        String alert = pendingViolation;
        if (violatingTicks >= VIOLATION_TICKS && time >= Math.min(options.qosWindow(), options.duration() / 4)) {
            reason = "QoS violation: " + (alert != null ? alert : String.join(", ", violating));
            // A violation never plans for less load than the current placement was planned for.
            lambda = Math.max(plannedLambda, Math.max(observedShort, observedLong));
        } else if (time >= options.loadWindow() && changed(observedShort, options.qosWindow())
                && changed(observedLong, options.loadWindow())
                && Math.signum(observedShort - plannedLambda) == Math.signum(observedLong - plannedLambda)) {
            // Both windows must agree: the short one alone is noisy, the long one alone lags.
            reason = String.format(java.util.Locale.ROOT, "load change: observed λ %.2f req/s vs %.2f planned", observedShort,
                    plannedLambda);
            lambda = observedShort;
        }
        if (reason == null || !(lambda > 0)) {
            return;
        }
        pendingViolation = null;
        lastReplanTime = time;
        double target = lambda * options.headroom();
        Replanner.Result result = replan(target);
        String outcome;
        if (result.placement().isEmpty()) {
            outcome = "no feasible placement: " + String.join("; ", result.explanation());
        } else if (!result.changed()) {
            outcome = "kept the current placement (it is the cheapest feasible one at λ " + round(target) + ")";
            plannedLambda = lambda;
        } else {
            applyReplacement(time, reason, lambda, result);
            outcome = "re-placed with " + result.moves() + " move(s)";
        }
        RunResult.ReplanAttempt attempt = new RunResult.ReplanAttempt(time, reason, target, outcome, result.seconds());
        attempts.add(attempt);
        listener.replanned(attempt);
    }

    /**
     * Whether {@code observed} (counted over {@code window} seconds) differs from the planned λ by more
     * than the configured fraction and by more than three standard deviations of a Poisson count,
     * so that an ordinary burst at a low rate is not taken for a load change.
     */
    private boolean changed(double observed, double window) {
        double noise = 3 * Math.sqrt(plannedLambda / window);
        return Math.abs(observed - plannedLambda) > Math.max(options.loadChangeFraction() * plannedLambda, noise);
    }

    private void onAlert(AlertEvent event) {
        if (event.level() != Level.OK) {
            pendingViolation = event.message();
        }
    }

    private RunResult result() {
        double weighted = 0;
        double total = 0;
        for (RunResult.TimelinePoint point : timeline) {
            weighted += point.costPerHour() * options.tick();
            total += options.tick();
        }
        Map<String, Double> limits = new LinkedHashMap<>();
        system.application().localConstraints().forEach(c -> limits.put(c.component(), c.maxResponseTime()));
        system.application().globalConstraints().forEach(c -> limits.put(c.name(), c.maxResponseTime()));
        double anyViolation = timeline.stream().filter(p -> !p.violating().isEmpty()).count() * options.tick();
        return new RunResult(system.application().name(), options, flow.requestsIn(), flow.completed(), flow.failed(),
                failureReasons, replacements, attempts, anyViolation, violationSeconds, deployed, route.placement(),
                total > 0 ? weighted / total : costPerHour, limits, paths, timeline, (System.nanoTime() - startNanos) / 1e9,
                new RunResult.Backend(continuum.kind(), continuum.workersUsed(), flow.retried(),
                        driver == null ? List.of() : driver.events().stream().map(Object::toString).toList(), stopReason,
                        continuum.stateMoves(), continuum.stepOverheads()));
    }

    /** Collects measured times: to the monitor (execution_time, as AI-SPRINT's monitoring names it) and the windows. */
    private final class FlowListener implements RequestFlow.Listener {
        private final AtomicLong written = new AtomicLong();

        @Override
        public void componentDone(long requestId, String component, String resource, long startNanos, long endNanos) {
            double seconds = (endNanos - startNanos) / 1e9 / scale;
            windows.add(component, endNanos, seconds);
            double startTime = applicationSeconds(startNanos);
            double endTime = applicationSeconds(endNanos);
            Map<String, FieldValue> fields = Map.of("function_duration", new FieldValue.FloatValue(seconds),
                    "job_start_time", new FieldValue.FloatValue(startTime), "job_end_time", new FieldValue.FloatValue(endTime));
            store.write(List.of(new Point("execution_time", new TreeMap<>(Map.of("component_name", component,
                    "session_id", Long.toString(requestId), "resource", resource)), fields, epochNanos(endNanos))));
            written.incrementAndGet();
            if (!paths.isEmpty()) {
                requestSpans.computeIfAbsent(requestId, key -> new ConcurrentHashMap<>())
                        .put(component, new double[] {startNanos, endNanos});
            }
        }

        @Override
        public void requestDone(long requestId, long arrivalNanos, long endNanos, String failure) {
            if (failure != null) {
                failureReasons.merge(failure, 1L, Long::sum);
            }
            Map<String, double[]> spans = requestSpans.remove(requestId);
            if (spans == null || failure != null) {
                return;
            }
            paths.forEach((name, components) -> {
                double[] first = spans.get(components.get(0));
                double[] last = spans.get(components.get(components.size() - 1));
                if (first != null && last != null) {
                    windows.add("path:" + name, endNanos, (last[1] - first[0]) / 1e9 / scale);
                }
            });
        }
    }

    private long wallNanos(double applicationSeconds) {
        return (long) (applicationSeconds * scale * 1e9);
    }

    private double applicationSeconds(long nanos) {
        return (nanos - startNanos) / 1e9 / scale;
    }

    private long epochNanos(long nanos) {
        return startEpochNanos + (nanos - startNanos);
    }

    private static void sleepUntil(long deadline) {
        long now;
        while ((now = System.nanoTime()) < deadline) {
            try {
                Thread.sleep(Math.max(0, (deadline - now) / 1_000_000), (int) ((deadline - now) % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
