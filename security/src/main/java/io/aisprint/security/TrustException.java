package io.aisprint.security;

import java.util.Objects;

/**
 * The one unchecked error of the trust layer's attestation, boot and secret parts: a code and a
 * message that says what, where (file, offset or field) and what was expected.
 */
public class TrustException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final TrustErrorCode code;

    public TrustException(TrustErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public TrustException(TrustErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public TrustErrorCode code() {
        return code;
    }
}
