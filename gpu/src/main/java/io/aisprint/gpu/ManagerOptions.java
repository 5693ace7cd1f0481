package io.aisprint.gpu;

import java.util.Map;

/**
 * Settings of the job manager.
 *
 * @param profilingEpochs epochs the profiler runs in each configuration of an unseen job
 * @param idleDeallocationSeconds cloud only: a node idle this long has its VM released
 *     (the reference setting is 15 minutes)
 * @param earlyStopping per job family, the probability of stopping at k % of the maximum
 *     epochs (k = 1..n); empty to plan with the maximum epochs, as the reference does
 * @param stopQuantile when planning with early stopping, the job is expected to run until this
 *     quantile of its stop distribution given how far it has come; when it runs past that point
 *     the manager re-plans, so it moves to a faster configuration only when it needs to
 */
public record ManagerOptions(double profilingEpochs, double idleDeallocationSeconds, Map<String, double[]> earlyStopping,
                             double stopQuantile) {
    /** Plan at least this share of the epochs ahead, so re-planning stays occasional. */
    private static final double MINIMUM_STEP = 0.05;

    public ManagerOptions {
        earlyStopping = Map.copyOf(earlyStopping);
        if (stopQuantile <= 0 || stopQuantile > 1) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "stopQuantile=" + stopQuantile + "; expected a share in (0, 1].");
        }
    }

    public static ManagerOptions defaults() {
        return new ManagerOptions(2, 15 * 60, Map.of(), 0.9);
    }

    public ManagerOptions withEarlyStopping(Map<String, double[]> distributions, double quantile) {
        return new ManagerOptions(profilingEpochs, idleDeallocationSeconds, distributions, quantile);
    }

    /**
     * The share of the epochs to plan for: the stop quantile given the job has done
     * {@code completed} and not stopped; 1 when its family is unknown.
     */
    public double plannedShare(String family, double completed) {
        double[] pmf = earlyStopping.get(family);
        if (pmf == null) {
            return 1;
        }
        double tail = 0;
        int first = (int) Math.floor(completed * pmf.length + 1e-9);
        for (int k = first; k < pmf.length; k++) {
            tail += pmf[k];
        }
        if (tail <= 0) {
            return 1;
        }
        double cumulative = 0;
        for (int k = first; k < pmf.length; k++) {
            cumulative += pmf[k];
            if (cumulative >= stopQuantile * tail) {
                return Math.min(1, Math.max((k + 1) / (double) pmf.length, completed + MINIMUM_STEP));
            }
        }
        return 1;
    }
}
