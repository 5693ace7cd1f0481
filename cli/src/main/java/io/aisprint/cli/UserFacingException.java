package io.aisprint.cli;

/** An error the CLI shows as one message with a chosen exit code. */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserFacingException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
