package io.aisprint.runtime;

/**
 * One task attempt as traced: timestamps are nanoseconds since the runtime started.
 *
 * @param bytesMoved bytes of file inputs that lived on another node (the transfer a cluster would do)
 * @param inputsMoved inputs (objects or files) produced on another node
 */
public record TaskRecord(long taskId, String name, String node, int attempt, long queuedNanos, long startedNanos,
        long finishedNanos, String outcome, int inputsMoved, long bytesMoved) {
}
