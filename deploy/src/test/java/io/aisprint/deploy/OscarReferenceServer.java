package io.aisprint.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A server implementing OSCAR's REST API as documented in shared/design/deploy-monitor-reference.md
 * §B.2 (not OSCAR itself, which needs Kubernetes and Knative): {@code /system/services} CRUD behind
 * Basic auth (a service gets a generated token; creating an existing name is a conflict),
 * {@code POST /job/<service>} answers 201 and records one job, {@code POST /run/<service>} runs
 * synchronously and returns the input with the service name prepended.
 */
final class OscarReferenceServer extends ReferenceHttpServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String expectedAuth;
    private final Map<String, ObjectNode> services = new LinkedHashMap<>();
    final List<String> jobs = new ArrayList<>();

    OscarReferenceServer(String user, String password) {
        this.expectedAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    synchronized void handle(HttpExchange exchange, String body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.startsWith("/job/") || path.startsWith("/run/")) {
            String name = path.substring(5);
            ObjectNode service = services.get(name);
            String bearer = "Bearer " + (service == null ? "" : service.path("token").asText());
            if (service == null) {
                reply(exchange, 404, "text/plain", "service " + name + " not found");
            } else if (!bearer.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && !expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "text/plain", "invalid token");
            } else if (path.startsWith("/job/")) {
                jobs.add(name + ":" + body);
                reply(exchange, 201, "text/plain", "");
            } else {
                reply(exchange, 200, "text/plain", name + ":" + body);
            }
            return;
        }
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "text/plain", "Unauthorized");
            return;
        }
        if (!path.startsWith("/system/services")) {
            reply(exchange, 404, "text/plain", "unknown path " + path);
            return;
        }
        String name = path.length() > "/system/services/".length() ? path.substring("/system/services/".length()) : "";
        switch (method) {
            case "POST" -> {
                ObjectNode service = (ObjectNode) JSON.readTree(body);
                String serviceName = service.path("name").asText();
                if (serviceName.isEmpty() || service.path("image").asText().isEmpty()) {
                    reply(exchange, 400, "text/plain", "a service needs a name and an image");
                } else if (services.containsKey(serviceName)) {
                    reply(exchange, 409, "text/plain", "service " + serviceName + " already exists");
                } else {
                    service.put("token", UUID.randomUUID().toString());
                    services.put(serviceName, service);
                    reply(exchange, 201, "text/plain", "");
                }
            }
            case "PUT" -> {
                ObjectNode service = (ObjectNode) JSON.readTree(body);
                ObjectNode existing = services.get(service.path("name").asText());
                if (existing == null) {
                    reply(exchange, 404, "text/plain", "service not found");
                } else {
                    service.put("token", existing.path("token").asText());
                    services.put(service.path("name").asText(), service);
                    reply(exchange, 204, "text/plain", "");
                }
            }
            case "GET" -> {
                if (name.isEmpty()) {
                    reply(exchange, 200, "application/json", JSON.writeValueAsString(services.values()));
                } else if (services.containsKey(name)) {
                    reply(exchange, 200, "application/json", services.get(name).toString());
                } else {
                    reply(exchange, 404, "text/plain", "service " + name + " not found");
                }
            }
            case "DELETE" -> reply(exchange, services.remove(name) == null ? 404 : 204, "text/plain", "");
            default -> reply(exchange, 405, "text/plain", "");
        }
    }
}
