package io.aisprint.runtime;

import java.util.Objects;

/**
 * The one unchecked exception root of the runtime module. Its message is meant for users: it
 * names what went wrong, where, and ends with a "Maybe ..." hint when there is one.
 */
public class TaskRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public TaskRuntimeException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public TaskRuntimeException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
