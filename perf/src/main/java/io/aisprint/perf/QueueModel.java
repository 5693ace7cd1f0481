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
}
