package io.aisprint.runtime;

/** A task failed; thrown where its result is waited for. The cause is the task's own exception. */
public final class TaskFailedException extends TaskRuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskFailedException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
