package io.aisprint.server.internal;

import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;

/** Size limits on request bodies. */
public final class Limits {
    /** JSON request bodies (options, tokens, solutions) are small; uploads have their own, larger limit. */
    public static final long MAX_JSON_BYTES = 1024 * 1024;

    private Limits() {
    }

    public static ServerException tooLarge(long limit) {
        return new ServerException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + limit + " bytes", "body",
                "Maybe leave data sets and model weights out; the server needs the application's configuration only.");
    }
}
