package io.aisprint.monitor;

/**
 * The Page–Hinkley test (Page 1954; Hinkley 1971) for a change in the mean of a stream, the
 * drift rule of continuous training: fed live accuracy (or any per-request score), it signals
 * when the mean has dropped (or risen) by more than the noise allows. With x̄ₜ the running mean,
 * for a drop it keeps mₜ = Σ (xᵢ − x̄ᵢ + δ) and Mₜ = max mᵢ and fires when Mₜ − mₜ > λ (a rise
 * mirrors it). δ is the change too small to care about, λ trades detection delay for false
 * alarms. Not thread-safe: one detector per monitored series.
 */
public final class PageHinkley {
    private final double delta;
    private final double lambda;
    private final AlertRule.Direction watch;
    private final int minSamples;
    private long samples;
    private double mean;
    private double cumulative;
    private double extreme;
    private boolean drifted;

    /**
     * @param delta      tolerated change of the mean (>= 0)
     * @param lambda     alarm threshold (> 0)
     * @param watch      BELOW to detect a drop (accuracy), ABOVE a rise (error rate, latency)
     * @param minSamples no alarm before this many samples
     */
    public PageHinkley(double delta, double lambda, AlertRule.Direction watch, int minSamples) {
        if (!(delta >= 0) || !(lambda > 0) || watch == null || minSamples < 1) {
            throw MonitorException.invalid("Page-Hinkley needs delta >= 0 (got " + delta + "), lambda > 0 (got " + lambda
                + "), a direction (ABOVE or BELOW) and min samples >= 1 (got " + minSamples + ").");
        }
        this.delta = delta;
        this.lambda = lambda;
        this.watch = watch;
        this.minSamples = minSamples;
    }

    /** Adds one observation; true from the sample the change is detected on until {@link #reset()}. */
    public boolean add(double value) {
        if (!Double.isFinite(value)) {
            throw MonitorException.invalid("Page-Hinkley got a non-finite value " + value + ".");
        }
        samples++;
        mean += (value - mean) / samples;
        if (watch == AlertRule.Direction.BELOW) {
            cumulative += value - mean + delta;
            extreme = Math.max(extreme, cumulative);
        } else {
            cumulative += value - mean - delta;
            extreme = Math.min(extreme, cumulative);
        }
        if (samples >= minSamples && statistic() > lambda) {
            drifted = true;
        }
        return drifted;
    }

    /** The test statistic |Mₜ − mₜ| compared with λ. */
    public double statistic() {
        return Math.abs(extreme - cumulative);
    }

    public boolean drifted() {
        return drifted;
    }

    public long samples() {
        return samples;
    }

    /** Starts over (after the model was retrained or swapped). */
    public void reset() {
        samples = 0;
        mean = 0;
        cumulative = 0;
        extreme = 0;
        drifted = false;
    }
}
