package io.aisprint.runtime;

/** A task never ran (or was stopped) because a predecessor failed or its group was aborted. */
public final class TaskCancelledException extends TaskRuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskCancelledException(String message, Throwable cause) {
        super(ErrorCode.TASK_CANCELLED, message, cause);
    }
}
