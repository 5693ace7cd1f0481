package io.aisprint.runtime;

/**
 * Thrown by a task body to abort its group: the runtime cancels the group's remaining tasks and
 * re-raises this exception (wrapped in {@link GroupFailedException}) at the group's barrier.
 * Outside a group it is an ordinary task failure.
 */
public class TaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskException(String message) {
        super(message);
    }

    public TaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
