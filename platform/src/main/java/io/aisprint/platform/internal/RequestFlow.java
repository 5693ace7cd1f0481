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

/**
 * Walks each request through the application DAG on the route it arrived under: partition after
 * partition (with early exits), then to successor components by the transition probabilities, with
 * the network delay between resources. Every request ends exactly once, completed or failed with a
 * reason; counts are kept so that in = completed + failed + in flight always holds.
 */
public final class RequestFlow {

    /** What the flow reports; called from worker threads. */
    public interface Listener {
        void componentDone(long requestId, String component, String resource, long startNanos, long endNanos);

        void requestDone(long requestId, long arrivalNanos, long endNanos, String failure);
    }

    private final Dag dag;
    private final List<String> sources;
    private final EmbeddedContinuum continuum;
    private final Listener listener;
    private final Map<Integer, Route> routes = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> liveByVersion = new ConcurrentHashMap<>();
    private final AtomicLong requestsIn = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<Long, Request> live = new ConcurrentHashMap<>();

    public RequestFlow(SystemDescription system, EmbeddedContinuum continuum, Listener listener) {
        this.dag = system.application().dag();
        this.sources = dag.sources();
        this.continuum = continuum;
        this.listener = listener;
    }

    /** A request enters the application now, following {@code route}. */
    public void submit(Route route, long requestId, Object input) {
        requestsIn.incrementAndGet();
        routes.putIfAbsent(route.version(), route);
        liveByVersion.computeIfAbsent(route.version(), key -> new AtomicInteger()).incrementAndGet();
        Request request = new Request(requestId, route, System.nanoTime());
        live.put(requestId, request);
        request.outstanding.addAndGet(sources.size());
        for (String source : sources) {
            visit(request, source, input);
        }
    }

    private void visit(Request request, String component, Object input) {
        Route.ComponentRoute route = request.route.components().get(component);
        if (route == null || route.steps().isEmpty()) {
            end(request, "component " + component + " has no placement in route version " + request.route.version());
            return;
        }
        runStep(request, route, 0, input, System.nanoTime());
    }

    private void runStep(Request request, Route.ComponentRoute route, int index, Object input, long componentStart) {
        Route.Step step = route.steps().get(index);
        List<String> nodes = step.nodes();
        // Random splitting over instances keeps each one an M/G/1 queue with λ/n, as the model assumes.
        String node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
        continuum.execute(step, node, input, (output, exitEarly, queued, start, end, failure) -> {
            if (failure != null) {
                end(request, failure);
                return;
            }
            boolean last = index == route.steps().size() - 1;
            if (!last && !exitEarly) {
                Route.Step next = route.steps().get(index + 1);
                double delay = continuum.network().delay(step.resource(), next.resource(),
                        step.partition().dataSizeTo(next.partition().name()));
                if (!Double.isFinite(delay)) {
                    end(request, unlinked(step.resource(), next.resource()));
                    return;
                }
                continuum.after(delay, () -> runStep(request, route, index + 1, output, componentStart));
                return;
            }
            listener.componentDone(request.id, route.component(), step.resource(), componentStart, end);
            forward(request, route.component(), step, output);
        });
    }

    private void forward(Request request, String component, Route.Step lastStep, Object output) {
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
        for (String successor : chosen) {
            Route.ComponentRoute next = request.route.components().get(successor);
            String target = next == null || next.steps().isEmpty() ? lastStep.resource() : next.steps().get(0).resource();
            double delay = continuum.network().delay(lastStep.resource(), target, lastStep.partition().dataSizeTo(successor));
            if (!Double.isFinite(delay)) {
                end(request, unlinked(lastStep.resource(), target));
                continue;
            }
            continuum.after(delay, () -> visit(request, successor, output));
        }
        end(request, null);
    }

    private static String unlinked(String from, String to) {
        return "no network domain joins " + from + " and " + to + " (the placement sends data between them)";
    }

    /** One branch of the request ended; the request ends with its last branch. */
    private void end(Request request, String failure) {
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

    public int inFlight() {
        return live.size();
    }

    private static final class Request {
        final long id;
        final Route route;
        final long arrivalNanos;
        final AtomicInteger outstanding = new AtomicInteger();
        private String failure;
        private boolean ended;

        Request(long id, Route route, long arrivalNanos) {
            this.id = id;
            this.route = route;
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
