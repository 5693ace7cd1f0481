package io.aisprint.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.Role;
import io.aisprint.server.ServerException;
import io.aisprint.server.internal.Api.Route;
import java.time.Clock;

/** Health, who am I, and token management (admins only). */
final class AdminRoutes {
    static final Schema TOKEN_REQUEST = Schema.object("TokenRequest")
            .string("name", "what the token is for (shown in lists and errors)")
            .choice("role", "viewer reads, operator also starts and stops work, admin also manages tokens",
                    java.util.List.of("viewer", "operator", "admin"))
            .require("role");

    private AdminRoutes() {
    }

    static void add(Api api, TokenStore tokens, Clock clock) {
        api.route(Route.of(GET, "/api/v1/health", null, "server", "Liveness: {status: up}"),
                context -> context.json(Json.object().put("status", "up")));
        api.route(Route.of(GET, "/api/v1/me", Role.VIEWER, "server", "The calling token's name and role"), context -> {
            TokenStore.TokenRow token = Auth.principal(context);
            context.json(token(token));
        });
        api.route(Route.of(GET, "/api/v1/tokens", Role.ADMIN, "tokens", "Every token (never the secret)"), context -> {
            ArrayNode list = Json.MAPPER.createArrayNode();
            tokens.list().forEach(token -> list.add(token(token)));
            context.json(list);
        });
        api.json(Route.of(POST, "/api/v1/tokens", Role.ADMIN, "tokens", "Create a token; its secret is in this answer only")
                .body(TOKEN_REQUEST).answers(201, "application/json", "{id, name, role, token}"), (context, body) -> {
                    TokenStore.Created created = tokens.create(body.path("name").asText("api"), Role.parse(body.get("role").asText(), "/role"),
                            clock.millis());
                    context.status(201).json(token(created.row()).put("token", created.token()));
                });
        api.route(Route.of(DELETE, "/api/v1/tokens/{id}", Role.ADMIN, "tokens", "Revoke a token").answers(204, null, "revoked"),
                context -> {
                    if (!tokens.delete(context.pathParam("id"))) {
                        throw new ServerException(ErrorCode.NOT_FOUND, "no token " + context.pathParam("id"), "path: id", null);
                    }
                    context.status(204);
                });
    }

    private static ObjectNode token(TokenStore.TokenRow token) {
        return Json.object().put("id", token.id()).put("name", token.name()).put("role", token.role().label())
                .put("created_ms", token.createdMs());
    }
}
