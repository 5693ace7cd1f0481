package io.aisprint.cli;

/**
 * An error the CLI shows as one message with a chosen exit code, and a stable code for scripts
 * (the {@code code} of the JSON error under {@code --json}).
 */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String code;

    public UserFacingException(String message, int exitCode) {
        this(defaultCode(exitCode), message, exitCode);
    }

    public UserFacingException(String code, String message, int exitCode) {
        super(message);
        this.code = code;
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public String code() {
        return code;
    }

    private static String defaultCode(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.INVALID -> "invalid_input";
            case ExitCodes.USAGE -> "usage";
            default -> "error";
        };
    }
}
