package io.aisprint.runtime;

/**
 * Tasks submitted while a group is open (on this thread, or nested inside its tasks) belong to
 * it. Closing the group waits for them (unless opened without implicit barrier). If one of them
 * raised a {@link TaskException}, the others are cancelled and {@link GroupFailedException}
 * is thrown at the barrier.
 */
public interface TaskGroup extends AutoCloseable {
    String name();

    /** Waits for every task of the group; throws {@link GroupFailedException} if it was aborted. */
    void barrier();

    /** Cancels the group's tasks that have not ended. */
    void cancel();

    /** Leaves the group; with an implicit barrier also waits for it. */
    @Override
    void close();
}
