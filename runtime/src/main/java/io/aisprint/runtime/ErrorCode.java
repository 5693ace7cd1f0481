package io.aisprint.runtime;

/** Categories of runtime errors, so callers can react without parsing messages. */
public enum ErrorCode {
    /** The task declaration is wrong (a missing direction, an OUT never set, a bad argument). */
    INVALID_TASK,
    /** No node of the pool can ever satisfy a task's constraints. */
    UNSATISFIABLE_CONSTRAINT,
    /** A future or data value was read before its task finished, outside a wait. */
    NOT_READY,
    /** A task failed (after its retries). */
    TASK_FAILED,
    /** A task was cancelled because a task it depends on failed, or its group was aborted. */
    TASK_CANCELLED,
    /** A task of a group raised a {@link TaskException}; the group's other tasks were cancelled. */
    GROUP_FAILED,
    /** A task with the FAIL policy failed, so the whole run stopped. */
    RUN_FAILED,
    /** Reading, copying or deleting a file parameter failed. */
    DATA_IO,
    /** The runtime is closed or its configuration is wrong. */
    ILLEGAL_STATE
}
