package io.aisprint.security.net;

/**
 * The one error type of the secure-network part: a code saying which kind of problem it is and a
 * message saying what, where and what was expected.
 */
public final class NetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of problem, one per way a user can get it wrong or an environment can fall short. */
    public enum Code {
        /** The policy or scenario file cannot be read. */
        UNREADABLE,
        /** The policy or scenario is well-formed YAML but breaks the schema or refers to unknown names. */
        INVALID_POLICY,
        /** The data plane needs something this machine lacks (root, nft, ip, python3). */
        DATAPLANE_UNAVAILABLE,
        /** A command on the data plane failed. */
        DATAPLANE_FAILED,
    }

    private final Code code;

    public NetException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public NetException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
