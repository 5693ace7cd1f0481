package io.aisprint.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.Role;
import io.aisprint.server.ServerException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every API route is added here, with the role it needs, its body schema and its answer, so that
 * one list serves both Javalin and the OpenAPI document: a route cannot exist undocumented.
 */
public final class Api {
    /** A JSON body handler: the body is parsed and checked against the route's schema before it is called. */
    public interface JsonHandler {
        void handle(Context context, JsonNode body) throws Exception;
    }

    /** One documented route. {@code role} null: public. */
    public record Route(HandlerType method, String path, Role role, String tag, String summary, Schema body, List<String> bodyTypes,
            int status, String answerType, String answer) {

        /** A route answering 200 with JSON; refine it with the methods below. */
        public static Route of(HandlerType method, String path, Role role, String tag, String summary) {
            return new Route(method, path, role, tag, summary, null, List.of(), 200, "application/json", "OK");
        }

        public Route body(Schema schema) {
            return new Route(method, path, role, tag, summary, schema, bodyTypes, status, answerType, answer);
        }

        public Route binary(String... types) {
            return new Route(method, path, role, tag, summary, body, List.of(types), status, answerType, answer);
        }

        public Route answers(int code, String type, String description) {
            return new Route(method, path, role, tag, summary, body, bodyTypes, code, type, description);
        }
    }

    private final Javalin app;
    private final Auth auth;
    private final List<Route> routes = new ArrayList<>();

    public Api(Javalin app, Auth auth) {
        this.app = app;
        this.auth = auth;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** A route without a JSON body (GET, DELETE, or a raw body read by the handler). */
    public void route(Route route, Handler handler) {
        routes.add(route);
        app.addHttpHandler(route.method(), route.path(), context -> {
            auth.require(context, route.role());
            handler.handle(context);
        });
    }

    /** A route with a JSON body checked against {@code route.body()}. */
    public void json(Route route, JsonHandler handler) {
        routes.add(route);
        app.addHttpHandler(route.method(), route.path(), context -> {
            auth.require(context, route.role());
            String type = context.contentType() == null ? "" : context.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.equals("application/json")) {
                throw new ServerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "this endpoint takes JSON, not " + type, "Content-Type",
                        "Maybe send Content-Type: application/json.");
            }
            JsonNode body = Json.parseBody(readLimited(context, Limits.MAX_JSON_BYTES));
            if (route.body() != null) {
                route.body().check(body);
            }
            handler.handle(context, body);
        });
    }

    /** The request body as text, refusing more than {@code limit} bytes (before reading when Content-Length says so). */
    public static String readLimited(Context context, long limit) throws IOException {
        return new String(limitedStream(context, limit).readAllBytes(), StandardCharsets.UTF_8);
    }

    public static InputStream limitedStream(Context context, long limit) throws IOException {
        long declared = context.req().getContentLengthLong();
        if (declared > limit) {
            throw Limits.tooLarge(limit);
        }
        InputStream in = context.req().getInputStream();
        return new InputStream() {
            private long count;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0 && ++count > limit) {
                    throw Limits.tooLarge(limit);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = in.read(buffer, offset, length);
                if (read > 0 && (count += read) > limit) {
                    throw Limits.tooLarge(limit);
                }
                return read;
            }
        };
    }

    /** The OpenAPI 3.0 document of every route added so far. */
    public ObjectNode openApi(String version) {
        ObjectNode document = Json.object();
        document.put("openapi", "3.0.3");
        ObjectNode info = document.putObject("info");
        info.put("title", "aisprint API");
        info.put("version", version);
        info.put("description", "Design, run, watch and re-place AI applications on the continuum; GPU jobs; monitoring. "
                + "Every error is {code, message, where, hint, problems}. Send Authorization: Bearer TOKEN.");
        ObjectNode components = document.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Error", errorSchema());
        ObjectNode paths = document.putObject("paths");
        for (Route route : routes) {
            ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            ObjectNode operation = path.putObject(route.method().name().toLowerCase(Locale.ROOT));
            operation.put("summary", route.summary());
            operation.putArray("tags").add(route.tag());
            operation.put("operationId", operationId(route));
            if (route.role() != null) {
                operation.putArray("security").addObject().putArray("bearer");
                operation.put("x-role", route.role().label());
            } else {
                operation.putArray("security");
            }
            ArrayNode parameters = operation.putArray("parameters");
            Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(route.path());
            while (matcher.find()) {
                ObjectNode parameter = parameters.addObject();
                parameter.put("name", matcher.group(1));
                parameter.put("in", "path");
                parameter.put("required", true);
                parameter.putObject("schema").put("type", "string");
            }
            if (route.body() != null || !route.bodyTypes().isEmpty()) {
                ObjectNode content = operation.putObject("requestBody").put("required", route.body() == null).putObject("content");
                if (route.body() != null) {
                    schemas.set(route.body().name(), route.body().openApi());
                    content.putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + route.body().name());
                }
                for (String type : route.bodyTypes()) {
                    content.putObject(type).putObject("schema").put("type", "string").put("format", "binary");
                }
            }
            ObjectNode responses = operation.putObject("responses");
            ObjectNode ok = responses.putObject(String.valueOf(route.status())).put("description", route.answer());
            if (route.answerType() != null) {
                ok.putObject("content").putObject(route.answerType()).putObject("schema").put("type",
                        route.answerType().contains("json") ? "object" : "string");
            }
            for (int status : route.role() == null ? new int[] {400, 500} : new int[] {400, 401, 403, 404, 500}) {
                responses.putObject(String.valueOf(status)).put("description", "error").putObject("content")
                        .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
            }
        }
        return document;
    }

    private static String operationId(Route route) {
        String[] parts = route.path().replace("/api/v1/", "").replaceAll("[{}]", "").split("[/-]");
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String part : parts) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString().replace(".", "");
    }

    private static ObjectNode errorSchema() {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("code").put("type", "string").put("description", "one code per kind of problem");
        properties.putObject("message").put("type", "string");
        properties.putObject("where").put("type", "string").put("description", "the field (JSON pointer), header or file at fault");
        properties.putObject("hint").put("type", "string").put("nullable", true);
        ObjectNode problem = properties.putObject("problems").put("type", "array").putObject("items").put("type", "object");
        problem.putObject("properties").set("where", Json.object().put("type", "string"));
        ((ObjectNode) problem.get("properties")).set("message", Json.object().put("type", "string"));
        schema.putArray("required").add("code").add("message");
        return schema;
    }
}
