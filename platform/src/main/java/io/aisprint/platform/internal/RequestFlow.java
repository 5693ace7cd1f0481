package io.aisprint.platform.internal;

import io.aisprint.model.Dag;
import io.aisprint.model.SystemDescription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Walks each request through the application DAG on the route it arrived under: partition after
 * partition (with early exits), then to successor components by the transition probabilities, with
 * the network delay between resources. Every request ends exactly once, completed or failed with a
 * reason; counts are kept so that in = completed + failed + in flight always holds. A request
 * whose worker is lost runs again from its start on live workers (up to {@value #MAX_RETRIES} times).
 */
public final class RequestFlow {

    /** What the flow reports; called from worker threads. */
    public interface Listener {
        void componentDone(long requestId, String component, String resource, long startNanos, long endNanos);

        void requestDone(long requestId, long arrivalNanos, long endNanos, String failure);
    }

    /** A request whose worker was lost is run again from its start at most this many times. */
    static final int MAX_RETRIES = 3;
    /** Application seconds before a lost request runs again: the route has time to drop the dead worker. */
    static final double RETRY_DELAY = 0.25;

    private final Dag dag;
    private final List<String> sources;
    private final ContinuumBackend continuum;
    private final Supplier<Route> currentRoute;
    private final Listener listener;
    private final Map<Integer, Route> routes = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> liveByVersion = new ConcurrentHashMap<>();
    private final AtomicLong requestsIn = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<Long, Request> live = new ConcurrentHashMap<>();

    /** {@code currentRoute} gives the route a lost request runs again under. */
    public RequestFlow(SystemDescription system, ContinuumBackend continuum, Supplier<Route> currentRoute, Listener listener) {
        this.dag = system.application().dag();
        this.sources = dag.sources();
        this.continuum = continuum;
        this.currentRoute = currentRoute;
        this.listener = listener;
    }

    /** A request enters the application now, following {@code route}. */
    public void submit(Route route, long requestId, Object input) {
        requestsIn.incrementAndGet();
        Request request = new Request(requestId, input, System.nanoTime());
        live.put(requestId, request);
        start(request, route);
    }

    /** Starts (or starts again) every source of the request under {@code route}, as a new generation. */
    private void start(Request request, Route route) {
        int generation;
        synchronized (request) {
            if (request.route != null) {
                liveByVersion.get(request.route.version()).decrementAndGet();
            }
            request.route = route;
            routes.putIfAbsent(route.version(), route);
            liveByVersion.computeIfAbsent(route.version(), key -> new AtomicInteger()).incrementAndGet();
            generation = ++request.generation;
            request.outstanding.set(sources.size());
        }
        for (String source : sources) {
            visit(request, generation, source, request.input);
        }
    }

    private void visit(Request request, int generation, String component, Object input) {
        Route.ComponentRoute route = request.route.components().get(component);
        if (route == null || route.steps().isEmpty()) {
            end(request, generation, "component " + component + " has no placement in route version " + request.route.version());
            return;
        }
        runStep(request, generation, route, 0, input, System.nanoTime());
    }

    private void runStep(Request request, int generation, Route.ComponentRoute route, int index, Object input, long componentStart) {
        Route.Step step = route.steps().get(index);
        String node = continuum.pick(step);
        if (node == null) {
            retry(request, generation, "no live worker of resource " + step.resource() + " for " + step.component());
            return;
        }
        continuum.execute(step, node, input, (output, exitEarly, queued, start, end, failure, lost) -> {
            if (request.generation != generation) {
                return; // the request was started again after a lost worker; this branch no longer counts
            }
            if (failure != null) {
                if (lost) {
                    retry(request, generation, failure);
                } else {
                    end(request, generation, failure);
                }
                return;
            }
            boolean last = index == route.steps().size() - 1;
            if (!last && !exitEarly) {
                Route.Step next = route.steps().get(index + 1);
                double delay = continuum.hopDelay(step.resource(), next.resource(),
                        step.partition().dataSizeTo(next.partition().name()));
                if (!Double.isFinite(delay)) {
                    end(request, generation, unlinked(step.resource(), next.resource()));
                    return;
                }
                continuum.after(delay, () -> runStep(request, generation, route, index + 1, output, componentStart));
                return;
            }
            listener.componentDone(request.id, route.component(), step.resource(), componentStart, end);
            forward(request, generation, route.component(), step, output);
        });
    }

    private void forward(Request request, int generation, String component, Route.Step lastStep, Object output) {
        List<Dag.Edge> outgoing = dag.outgoing(component);
        List<String> chosen = new ArrayList<>();
        double total = outgoing.stream().mapToDouble(Dag.Edge::probability).sum();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (total <= 1 + 1e-9) {
            // Branch: at most one successor, each with its probability.
            double draw = random.nextDouble();
            double cumulative = 0;
            for (Dag.Edge edge : outgoing) {
                cumulative += edge.probability();
                if (draw < cumulative) {
                    chosen.add(edge.to());
                    break;
                }
            }
        } else {
            // Fork: every edge independently.
            for (Dag.Edge edge : outgoing) {
                if (random.nextDouble() < edge.probability()) {
                    chosen.add(edge.to());
                }
            }
        }
        request.outstanding.addAndGet(chosen.size());
        Route route = request.route;
        for (String successor : chosen) {
            Route.ComponentRoute next = route.components().get(successor);
            String target = next == null || next.steps().isEmpty() ? lastStep.resource() : next.steps().get(0).resource();
            double delay = continuum.hopDelay(lastStep.resource(), target, lastStep.partition().dataSizeTo(successor));
            if (!Double.isFinite(delay)) {
                end(request, generation, unlinked(lastStep.resource(), target));
                continue;
            }
            continuum.after(delay, () -> {
                if (request.generation == generation) {
                    visit(request, generation, successor, output);
                }
            });
        }
        end(request, generation, null);
    }

    /**
     * The worker running a step of the request went away: the request runs again from its start
     * under the current route (its other branches of this generation are dropped), counted as retried.
     */
    private void retry(Request request, int generation, String reason) {
        synchronized (request) {
            if (request.generation != generation || request.ended) {
                return;
            }
            if (request.retries >= MAX_RETRIES) {
                request.recordFailure(reason + " (after " + MAX_RETRIES + " runs again on other workers)");
                request.generation++; // its other branches must not end it a second time
            } else {
                if (request.retries++ == 0) {
                    retried.incrementAndGet();
                }
                request.generation++;
            }
        }
        if (request.failure() != null) {
            finish(request, request.failure());
            return;
        }
        continuum.after(RETRY_DELAY, () -> start(request, currentRoute.get()));
    }

    private static String unlinked(String from, String to) {
        return "no network domain joins " + from + " and " + to + " (the placement sends data between them)";
    }

    /** One branch of the request ended; the request ends with its last branch. */
    private void end(Request request, int generation, String failure) {
        if (request.generation != generation) {
            return;
        }
        if (failure != null) {
            request.recordFailure(failure);
        }
        if (request.outstanding.decrementAndGet() > 0) {
            return;
        }
        finish(request, request.failure());
    }

    private void finish(Request request, String failure) {
        if (!request.markEnded()) {
            return;
        }
        live.remove(request.id);
        if (failure == null) {
            completed.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
        liveByVersion.get(request.route.version()).decrementAndGet();
        listener.requestDone(request.id, request.arrivalNanos, System.nanoTime(), failure);
    }

    /** Fails every request still in flight, e.g. when the drain time is over. */
    public void failInFlight(String reason) {
        for (Request request : List.copyOf(live.values())) {
            finish(request, reason);
        }
    }

    /** Routes that some live request still follows (plus {@code current}). */
    public Collection<Route> liveRoutes(Route current) {
        List<Route> result = new ArrayList<>();
        result.add(current);
        routes.forEach((version, route) -> {
            if (version != current.version() && liveByVersion.get(version).get() > 0) {
                result.add(route);
            }
        });
        return result;
    }

    public long requestsIn() {
        return requestsIn.get();
    }

    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Requests that ran again (at least once) after a worker they used was lost. */
    public long retried() {
        return retried.get();
    }

    public int inFlight() {
        return live.size();
    }

    private static final class Request {
        final long id;
        final Object input;
        final long arrivalNanos;
        final AtomicInteger outstanding = new AtomicInteger();
        volatile Route route;
        /** Bumped each time the request starts again; callbacks of older generations are ignored. */
        volatile int generation;
        int retries;
        private String failure;
        private boolean ended;

        Request(long id, Object input, long arrivalNanos) {
            this.id = id;
            this.input = input;
            this.arrivalNanos = arrivalNanos;
        }

        synchronized void recordFailure(String reason) {
            if (failure == null) {
                failure = reason;
            }
        }

        synchronized String failure() {
            return failure;
        }

        synchronized boolean markEnded() {
            boolean first = !ended;
            ended = true;
            return first;
        }
    }
}
