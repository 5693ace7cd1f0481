package io.aisprint.cluster;

import java.io.Serializable;

/**
 * A body's result in two parts: a small {@code report} that always comes back to the driver, and
 * a {@code value} that, with {@link Remote#keepReported}, stays on the worker (the driver gets a
 * {@link RemoteRef} in its place). The worker adds what it measured while running the body.
 *
 * @param report what the body wants the driver to know (early exit, sizes, ...)
 * @param value  the result; a {@link RemoteRef} on the driver when it was kept
 * @param timing measured on the worker that ran the body; null until the worker fills it in
 */
public record Reported<S extends Serializable>(S report, Object value, Timing timing) implements Serializable {

    /** What a body returns: the worker fills in the timing. */
    public static <S extends Serializable> Reported<S> of(S report, Object value) {
        return new Reported<>(report, value, null);
    }

    public Reported<S> withValue(Object other) {
        return new Reported<>(report, other, timing);
    }

    public Reported<S> withTiming(Timing measured) {
        return new Reported<>(report, value, measured);
    }

    /**
     * Measured on the worker, in nanoseconds.
     *
     * @param waitedNanos  from the attempt's arrival to the start of its body (inputs fetched, a core freed)
     * @param computeNanos the body's own run time (the real work)
     * @param heldNanos    the emulated slowness added after it ({@code --speed F < 1}: compute × (1/F − 1))
     * @param speed        the worker's speed factor
     */
    public record Timing(long waitedNanos, long computeNanos, long heldNanos, double speed) implements Serializable {
        /** Service time on the emulated device: the real work plus the emulated slowness. */
        public long serviceNanos() {
            return computeNanos + heldNanos;
        }
    }
}
