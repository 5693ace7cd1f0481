package io.aisprint.security.iot;

/** The one error type of IoT data access: a code per kind of problem and a message saying what, where and what was expected. */
public final class IotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Code {
        /** A value given by the user is malformed (address, key, resource name, number). */
        INVALID_INPUT,
        /** A file cannot be read or written. */
        UNREADABLE,
        /** The chain cannot be reached or did not answer; access fails closed. */
        CHAIN_UNAVAILABLE,
        /** A transaction was reverted by a contract (wrong owner, unknown resource ...). */
        REJECTED_BY_CONTRACT,
        /** This build has no compiled contracts (node/solc were missing at build time). */
        CONTRACTS_MISSING,
        /** A request carries no signature headers. */
        UNSIGNED,
        /** The signature does not verify for the claimed account. */
        BAD_SIGNATURE,
        /** The edge data API cannot be reached (client side). */
        API_UNAVAILABLE,
        /** The request's nonce was seen before or its time is outside the accepted window. */
        REPLAYED,
    }

    private final Code code;

    public IotException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public IotException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
