package io.aisprint.runtime;

/**
 * The result of a task, available once it ends. Passing a future to another task makes that
 * task depend on this one.
 */
public interface TaskFuture<T> {
    /** Waits for the task (a synchronisation point) and returns its result, or throws why it has none. */
    T get();

    /**
     * The result without waiting.
     *
     * @throws TaskRuntimeException with {@link ErrorCode#NOT_READY} when the task has not ended
     */
    T value();

    boolean isDone();

    /** The name given to the task that produces this future. */
    String taskName();
}
