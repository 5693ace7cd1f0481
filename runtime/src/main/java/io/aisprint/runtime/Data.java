package io.aisprint.runtime;

/**
 * A runtime-tracked object that tasks read and write (IN, OUT, INOUT, CONCURRENT, COMMUTATIVE).
 * Each write makes a new version; readers see the version current when they were submitted.
 * Create with {@link TaskRuntime#data}.
 */
public interface Data<T> {
    /** A name for messages and traces. */
    String name();

    /** Whether every task that writes the current version has ended. */
    boolean isReady();

    /**
     * The current value without waiting.
     *
     * @throws TaskRuntimeException with {@link ErrorCode#NOT_READY} while a writer is pending
     */
    T value();
}
