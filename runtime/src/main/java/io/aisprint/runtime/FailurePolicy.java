package io.aisprint.runtime;

import java.util.Objects;

/**
 * What happens when a task throws. RETRY re-runs it (preferably on another node) and, once the
 * retries are spent, applies {@code afterRetries}.
 *
 * @param kind         the policy
 * @param retries      extra attempts for RETRY (0 for the others)
 * @param afterRetries what to do when RETRY runs out of attempts (never RETRY)
 */
public record FailurePolicy(Kind kind, int retries, Kind afterRetries) {
    public enum Kind {
        /** Run again, up to {@code retries} more times, on another node when one fits. */
        RETRY,
        /** Treat the task as done: its outputs take the declared defaults and successors run. */
        IGNORE,
        /** The task fails and every task depending on it is cancelled; the rest of the run goes on. */
        CANCEL_SUCCESSORS,
        /** The whole run stops: pending tasks are cancelled and the next wait or barrier throws. */
        FAIL
    }

    public static final FailurePolicy FAIL = new FailurePolicy(Kind.FAIL, 0, Kind.FAIL);
    public static final FailurePolicy IGNORE = new FailurePolicy(Kind.IGNORE, 0, Kind.IGNORE);
    public static final FailurePolicy CANCEL_SUCCESSORS = new FailurePolicy(Kind.CANCEL_SUCCESSORS, 0, Kind.CANCEL_SUCCESSORS);

    public FailurePolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(afterRetries, "afterRetries");
        if (retries < 0) {
            throw new IllegalArgumentException("retries is " + retries + " but must not be negative");
        }
        if (afterRetries == Kind.RETRY) {
            throw new IllegalArgumentException("afterRetries cannot be RETRY; choose FAIL, IGNORE or CANCEL_SUCCESSORS");
        }
    }

    /** Retry {@code times} more times, then fail the run. */
    public static FailurePolicy retry(int times) {
        return new FailurePolicy(Kind.RETRY, times, Kind.FAIL);
    }

    /** The same retries, then {@code kind} instead of FAIL. */
    public FailurePolicy thenApply(Kind kind) {
        return new FailurePolicy(this.kind, retries, kind);
    }

    /** Total attempts allowed, the first one included. */
    public int attempts() {
        return kind == Kind.RETRY ? retries + 1 : 1;
    }

    /** The policy in force once the attempts are spent. */
    public Kind terminal() {
        return kind == Kind.RETRY ? afterRetries : kind;
    }
}
