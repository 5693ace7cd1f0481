package io.aisprint.runtime.spi;

import io.aisprint.runtime.NodeSpec;
import java.util.List;

/**
 * Decides the order ready tasks are taken in and the node each one goes to. The scheduler
 * calls it under its lock, so implementations need no synchronisation and must be quick.
 */
public interface SchedulingPolicy {
    String name();

    /** Take the newest ready task first (depth-first, LIFO) instead of the oldest (FIFO). */
    default boolean newestFirst() {
        return false;
    }

    /** A hard rule beyond the task's constraints (placement); a node it refuses never runs the task. */
    default boolean allows(TaskInfo task, NodeSpec node) {
        return true;
    }

    /** Chooses among nodes that fit the task right now; {@code candidates} is never empty. */
    default NodeSpec choose(TaskInfo task, List<NodeSpec> candidates) {
        return candidates.get(0);
    }
}
