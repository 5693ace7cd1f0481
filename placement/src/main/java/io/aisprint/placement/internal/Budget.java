package io.aisprint.placement.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * When a search must stop: a deadline on an injected nanosecond clock and/or a step budget, plus a
 * shared cancellation flag.
 */
public final class Budget {
    private final LongSupplier nanoClock;
    private final long deadline;
    private final long maxSteps;
    private final AtomicBoolean cancelled;

    public Budget(LongSupplier nanoClock, long deadline, long maxSteps, AtomicBoolean cancelled) {
        this.nanoClock = nanoClock;
        this.deadline = deadline;
        this.maxSteps = maxSteps;
        this.cancelled = cancelled;
    }

    public boolean exhausted(long steps) {
        return steps >= maxSteps || cancelled.get() || nanoClock.getAsLong() >= deadline;
    }

    public long maxSteps() {
        return maxSteps;
    }

    public long now() {
        return nanoClock.getAsLong();
    }

    public long deadline() {
        return deadline;
    }

    /** A budget for a share of what is left: {@code fraction} of the remaining time and {@code steps} steps. */
    public Budget slice(double fraction, long steps) {
        long now = nanoClock.getAsLong();
        long remaining = Math.max(0, deadline - now);
        long sliceDeadline = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : now + (long) (remaining * fraction);
        return new Budget(nanoClock, sliceDeadline, steps, cancelled);
    }
}
