package io.aisprint.server.internal;

import io.aisprint.server.ErrorCode;
import io.aisprint.server.Role;
import io.aisprint.server.ServerException;
import io.javalin.http.Context;

/** Bearer tokens: each route names the least role it needs; the token's role must reach it. */
public final class Auth {
    static final String PRINCIPAL = "aisprint.token";

    private final TokenStore tokens;

    public Auth(TokenStore tokens) {
        this.tokens = tokens;
    }

    public void require(Context context, Role needed) {
        if (needed == null) {
            return;
        }
        String header = context.header("Authorization");
        if (header == null || header.isBlank()) {
            context.header("WWW-Authenticate", "Bearer");
            throw new ServerException(ErrorCode.UNAUTHORIZED, "this endpoint needs a token", "Authorization",
                    "Maybe send Authorization: Bearer TOKEN; create one with 'aisprint serve token create --data DIR --role "
                            + needed.label() + "'.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            context.header("WWW-Authenticate", "Bearer");
            throw new ServerException(ErrorCode.UNAUTHORIZED, "the Authorization header is not a Bearer token", "Authorization",
                    "Maybe send Authorization: Bearer TOKEN.");
        }
        TokenStore.TokenRow token = tokens.find(header.substring(7).trim()).orElseThrow(() -> {
            context.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new ServerException(ErrorCode.UNAUTHORIZED, "unknown or revoked token", "Authorization",
                    "Maybe the token was deleted; create a new one.");
        });
        if (!token.role().allows(needed)) {
            throw new ServerException(ErrorCode.FORBIDDEN, "this endpoint needs the " + needed.label() + " role; the token '"
                    + token.name() + "' has " + token.role().label(), "Authorization",
                    "Maybe use a token with the " + needed.label() + " role.");
        }
        context.attribute(PRINCIPAL, token);
    }

    public static TokenStore.TokenRow principal(Context context) {
        return context.attribute(PRINCIPAL);
    }
}
