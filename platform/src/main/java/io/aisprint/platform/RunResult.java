package io.aisprint.platform;

import io.aisprint.model.Placement;
import java.util.List;
import java.util.Map;

/**
 * What a run did. Times are application seconds since the first arrival.
 *
 * @param requestsIn           requests that arrived
 * @param requestsCompleted    requests that went through the DAG to the end
 * @param requestsFailed       requests that ended with a failure (reasons in {@code failureReasons})
 * @param replacements         every applied re-placement
 * @param replanAttempts       every re-plan (applied or not), for the log
 * @param qosViolationSeconds  time during which at least one QoS rule was violated
 * @param violationSecondsByRule the same per rule
 * @param meanCostPerHour      time-weighted mean cost per hour (run-time prices: edge cost times ε)
 * @param limits               the QoS limits (local per component, global per path name)
 * @param timeline             one point per tick
 * @param backend              where it ran: the embedded continuum or cluster workers, and what happened to them
 */
public record RunResult(
        String application,
        RunOptions options,
        long requestsIn,
        long requestsCompleted,
        long requestsFailed,
        Map<String, Long> failureReasons,
        List<Replacement> replacements,
        List<ReplanAttempt> replanAttempts,
        double qosViolationSeconds,
        Map<String, Double> violationSecondsByRule,
        Placement initialPlacement,
        Placement finalPlacement,
        double meanCostPerHour,
        Map<String, Double> limits,
        Map<String, List<String>> paths,
        List<TimelinePoint> timeline,
        double wallSeconds,
        Backend backend) {

    public RunResult {
        failureReasons = Map.copyOf(failureReasons);
        replacements = List.copyOf(replacements);
        replanAttempts = List.copyOf(replanAttempts);
        violationSecondsByRule = Map.copyOf(violationSecondsByRule);
        limits = Map.copyOf(limits);
        paths = Map.copyOf(paths);
        timeline = List.copyOf(timeline);
    }

    /**
     * Where the run's partitions executed.
     *
     * @param kind            "embedded" (nodes in this process) or "cluster" (worker processes)
     * @param workers         per resource, the nodes or workers that served it at some time
     * @param requestsRetried requests that ran again on other workers after a worker they used was lost
     * @param events          what happened to the workers (joined, lost), oldest first
     * @param stopReason      why the run stopped early (every worker of a needed resource lost), else null
     * @param stateMoves      how many times a stateful component's state moved to another worker with it
     * @param stepOverheads   per step, the time outside the worker's measured service (cluster only)
     */
    public record Backend(String kind, Map<String, List<String>> workers, long requestsRetried, List<String> events,
            String stopReason, long stateMoves, Map<String, Stats> stepOverheads) {
        public Backend {
            stepOverheads = Map.copyOf(stepOverheads);
            workers = Map.copyOf(workers);
            events = List.copyOf(events);
        }
    }

    /** One applied re-placement: when, why, from what to what, and what it costs per hour. */
    public record Replacement(double time, String reason, double lambda, Placement before, Placement after,
            double costPerHourBefore, double costPerHourAfter, int moves, double replanSeconds) {
    }

    /** One re-plan, whatever came of it. */
    public record ReplanAttempt(double time, String reason, double lambda, String outcome, double replanSeconds) {
    }

    /**
     * The state at one tick.
     *
     * @param responseTimes per component and per path: p50, p95 and mean over the QoS window (NaN when none)
     * @param utilisation   busy share per resource over the last tick
     * @param resources     where each component's last partition runs
     * @param violating     the QoS rules violated now
     */
    public record TimelinePoint(double time, double lambdaTarget, double lambdaObserved, Map<String, Stats> responseTimes,
            Map<String, Double> utilisation, Map<String, String> resources, double costPerHour, List<String> violating,
            long requestsIn, long completed, long failed, int inFlight, int replacements) {
        public TimelinePoint {
            responseTimes = Map.copyOf(responseTimes);
            utilisation = Map.copyOf(utilisation);
            resources = Map.copyOf(resources);
            violating = List.copyOf(violating);
        }
    }

    /**
     * Response-time statistics over a window, in application seconds.
     *
     * @param sinceStart the same key's statistics over every value since the run started
     */
    public record Stats(double p50, double p95, double mean, int count, RunStats sinceStart) {
        public static final Stats EMPTY = new Stats(Double.NaN, Double.NaN, Double.NaN, 0);

        public Stats(double p50, double p95, double mean, int count) {
            this(p50, p95, mean, count, RunStats.EMPTY);
        }
    }

    /** Statistics over a whole run: count, mean and maximum exact, p50 and p95 within 0.5 %. */
    public record RunStats(long count, double mean, double p50, double p95, double max) {
        public static final RunStats EMPTY = new RunStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
