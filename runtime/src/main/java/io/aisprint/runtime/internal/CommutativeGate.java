package io.aisprint.runtime.internal;

import java.util.ArrayDeque;

/**
 * Lets the COMMUTATIVE writers of one phase run one at a time, in whatever order they become
 * ready. Guarded by the runtime's gate lock.
 */
final class CommutativeGate {
    TaskNode holder;
    final ArrayDeque<TaskNode> waiting = new ArrayDeque<>();
}
