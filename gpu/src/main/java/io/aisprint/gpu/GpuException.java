package io.aisprint.gpu;

/**
 * The one unchecked error of the gpu module. It carries a numeric code (the web-service codes
 * of the reference scheduler where one applies, see {@link ErrorCode}) and a message written
 * for the user: what is wrong, where, and what was expected.
 */
public final class GpuException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public GpuException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public GpuException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
