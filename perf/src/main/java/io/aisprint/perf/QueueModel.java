package io.aisprint.perf;

/**
 * The M/G/1 queue used for edge devices and VMs: every partition placed on a resource type
 * shares its instances evenly, so the utilisation is U = Σ D·λ / n and a partition with demand
 * D answers in R = D / (1 − U).
 */
public final class QueueModel {
    private QueueModel() {
    }

    /** Utilisation of {@code instances} identical servers offered {@code demandRate} = Σ D·λ seconds per second. */
    public static double utilization(double demandRate, int instances) {
        if (instances <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return demandRate / instances;
    }

    /**
     * Mean response time of a request with mean service demand {@code demand} at {@code utilization};
     * infinite when the queue is saturated (U ≥ 1), which makes a placement infeasible.
     */
    public static double responseTime(double demand, double utilization) {
        if (!(utilization < 1.0)) {
            return Double.POSITIVE_INFINITY;
        }
        return demand / (1.0 - utilization);
    }

    /** The fewest identical servers that keep a queue offered {@code demandRate} unsaturated (U < 1). */
    public static int minimumInstances(double demandRate) {
        return (int) Math.floor(demandRate) + 1;
    }

    /**
     * The fewest identical servers n that bring the response time of a request with demand
     * {@code demand} within {@code limit} at {@code demandRate}: D / (1 − Λ/n) ≤ L needs
     * n ≥ Λ / (1 − D/L). The count is taken a hair below the exact value, so that rounding never
     * lifts it above a count that meets the limit (callers use it as a lower bound). No count is
     * needed ({@code 0}) when nothing is offered or the demand is zero; none suffices
     * ({@link Integer#MAX_VALUE}) when the limit is not above the demand.
     */
    public static int fewestInstancesWithin(double demandRate, double demand, double limit) {
        if (!(demandRate > 0.0) || !(demand > 0.0)) {
            return 0;
        }
        if (!(limit > demand)) {
            return Integer.MAX_VALUE;
        }
        double exact = demandRate / (1.0 - demand / limit);
        double below = Math.ceil(exact * (1.0 - 1e-9) - 1e-9);
        return below >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) below;
    }
}
