package io.aisprint.runtime;

import java.util.Map;

/**
 * Counts and latencies of a run so far. Latency is from ready-to-run to end of the attempt.
 *
 * @param perTask the same figures per task name
 */
public record RunSummary(long submitted, long succeeded, long failed, long cancelled, long retried, long ignored,
        double latencyMeanMillis, double latencyP50Millis, double latencyP95Millis, double latencyMaxMillis,
        long wallNanos, Map<String, TaskStats> perTask) {

    /** Figures of one task name. */
    public record TaskStats(long count, long failures, double latencyMeanMillis, double latencyMaxMillis) {
    }

    /** A few lines for people. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "tasks: %d submitted, %d succeeded, %d failed, %d cancelled, %d retried, %d ignored%n"
                        + "latency: mean %.3f ms, p50 %.3f ms, p95 %.3f ms, max %.3f ms%nwall time: %.3f s",
                submitted, succeeded, failed, cancelled, retried, ignored, latencyMeanMillis, latencyP50Millis,
                latencyP95Millis, latencyMaxMillis, wallNanos / 1e9);
    }
}
