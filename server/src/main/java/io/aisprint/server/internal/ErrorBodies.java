package io.aisprint.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error leaves the server as {@code {code, message, where, hint, problems}}; a bug is logged, never shown as a stack trace. */
final class ErrorBodies {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorBodies.class);

    private ErrorBodies() {
    }

    static void install(Javalin app) {
        app.exception(ServerException.class, (error, context) -> answer(context, error));
        app.exception(HttpResponseException.class, (error, context) -> answer(context, fromStatus(error.getStatus(), error.getMessage())));
        app.exception(Exception.class, (error, context) -> {
            LOG.error("unexpected error on {} {}", context.method(), context.path(), error);
            answer(context, new ServerException(ErrorCode.INTERNAL, "internal error (logged on the server)", context.path(),
                    "This is a bug in aisprint; the server log has the details."));
        });
        app.error(404, context -> {
            if (context.result() == null || context.result().isEmpty() || !context.res().getContentType().contains("json")) {
                answer(context, new ServerException(ErrorCode.NOT_FOUND, "no such endpoint: " + context.method() + " " + context.path(),
                        context.path(), "Maybe see /api/openapi.json for the endpoints."));
            }
        });
        app.error(405, context -> answer(context, new ServerException(ErrorCode.METHOD_NOT_ALLOWED, context.method()
                + " is not allowed on " + context.path(), context.path(), "Maybe see /api/openapi.json.")));
    }

    private static ServerException fromStatus(int status, String message) {
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorCode.INTERNAL;
        };
        return new ServerException(code, message, "request", null);
    }

    static void answer(Context context, ServerException error) {
        ObjectNode body = Json.object();
        body.put("code", error.code().code());
        body.put("message", error.getMessage());
        body.put("where", error.where());
        body.put("hint", error.hint());
        ArrayNode problems = body.putArray("problems");
        error.problems().forEach(p -> problems.addObject().put("where", p.where()).put("message", p.message()));
        context.status(error.code().status()).contentType("application/json").result(Json.write(body));
    }
}
