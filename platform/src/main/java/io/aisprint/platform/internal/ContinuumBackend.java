package io.aisprint.platform.internal;

import io.aisprint.model.Placement;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where a run's partitions execute: the embedded continuum (nodes in this process, emulated
 * service times and network delays) or a cluster of worker processes (real work, real transfers,
 * times measured on the workers). The request flow and the application manager see only this.
 */
public interface ContinuumBackend extends AutoCloseable {

    /** What a finished (or failed) step reports back; failure is null on success, lost says its worker went away. */
    @FunctionalInterface
    interface Completion {
        void done(Object output, boolean exitEarly, long queuedNanos, long startNanos, long endNanos, String failure,
                boolean lost);
    }

    /** "embedded" or "cluster", as the summary says. */
    String kind();

    /** Makes {@code placement} the route for new requests; the nodes it no longer uses drain. */
    Route apply(Placement placement);

    /** The node a new step of {@code step} goes to (random over its live instances), or null when none is live. */
    String pick(Route.Step step);

    /** Queues one step of a request on {@code node}; {@code completion} is called exactly once. */
    void execute(Route.Step step, String node, Object input, Completion completion);

    /** Application seconds to wait before a hop between resources arrives (0 where the network is real). */
    double hopDelay(String fromResource, String toResource, double megabytes);

    /** Runs {@code action} after {@code applicationSeconds}. */
    void after(double applicationSeconds, Runnable action);

    /** Housekeeping on every tick: reports steps the runtime dropped, releases drained nodes. */
    void retire(Collection<Route> liveRoutes);

    /** Busy share of each resource's active nodes since the previous call (0..1). */
    Map<String, Double> utilisation(long now);

    /** The nodes (workers) each resource used during the run. */
    Map<String, List<String>> workersUsed();

    /**
     * Per step (component/partition), what a hop adds to its service time: dispatch, moving the input
     * from the previous worker, queueing there and the result's way back (cluster only).
     */
    default Map<String, io.aisprint.platform.RunResult.Stats> stepOverheads() {
        return Map.of();
    }

    /** How many times a stateful component's state moved to another node (never in one process). */
    default long stateMoves() {
        return 0;
    }

    @Override
    void close();
}
