package io.aisprint.runtime;

/**
 * Surfaces at a group's barrier when one of its tasks raised a {@link TaskException}: the
 * "parallel try/except". The cause is the exception the task raised.
 */
public final class GroupFailedException extends TaskRuntimeException {
    private static final long serialVersionUID = 1L;
    private final String groupName;

    public GroupFailedException(String groupName, String message, Throwable cause) {
        super(ErrorCode.GROUP_FAILED, message, cause);
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }
}
