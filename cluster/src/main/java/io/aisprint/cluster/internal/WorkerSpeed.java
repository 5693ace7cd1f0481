package io.aisprint.cluster.internal;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Emulated slowness of a worker labelled {@code speed=F}: after a body's real work the worker
 * keeps its cores for compute × (1/F − 1) more, so a fast machine can stand in for a slower
 * device (a Raspberry Pi) while the real work still runs. The extra time is reported apart.
 */
public final class WorkerSpeed {
    public static final String LABEL = "speed";

    private WorkerSpeed() {
    }

    /** The speed factor a node's labels give (1 without the label). */
    public static double of(Map<String, String> labels) {
        String text = labels == null ? null : labels.get(LABEL);
        if (text == null) {
            return 1.0;
        }
        try {
            double speed = Double.parseDouble(text);
            return speed > 0 && speed <= 1 ? speed : 1.0;
        } catch (NumberFormatException ignored) {
            return 1.0;
        }
    }

    /** Holds the calling thread for the emulated rest of {@code computeNanos}; returns how long it held. */
    static long hold(long computeNanos, double speed) {
        if (speed >= 1) {
            return 0;
        }
        long extra = (long) (computeNanos * (1 / speed - 1));
        long until = System.nanoTime() + extra;
        long now;
        while ((now = System.nanoTime()) < until && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(until - now);
        }
        return extra;
    }
}
