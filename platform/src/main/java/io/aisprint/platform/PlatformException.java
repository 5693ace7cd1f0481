package io.aisprint.platform;

/** The one error type of the platform module: a run, a re-plan or a report cannot go on; the message is for the user. */
public class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
