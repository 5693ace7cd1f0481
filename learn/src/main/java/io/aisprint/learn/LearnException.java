package io.aisprint.learn;

/**
 * The one unchecked error of the learn module: a {@link LearnErrorCode} and a message written for
 * the user (what is wrong, where, what was expected, and a "Maybe ..." hint where one helps).
 */
public final class LearnException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final LearnErrorCode code;

    public LearnException(LearnErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public LearnException(LearnErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public LearnErrorCode code() {
        return code;
    }
}
