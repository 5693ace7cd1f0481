package io.aisprint.security.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edge data API. {@code GET /resources/NAME/readings[?limit=N]} answers only after the
 * resource's access-control contract decided, in a transaction, that the signing requester may
 * read it now (the decision and any penalty are events on the chain; the readings never go on
 * chain). {@code POST /resources/NAME/readings} stores readings signed by the resource's owner.
 * Unsigned, badly signed or replayed requests are refused before the chain is asked; if the chain
 * cannot be reached the answer is 503 and no data (fail closed).
 */
public final class EdgeDataApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READINGS = Pattern.compile("/resources/([^/?]+(?:/[^/?]+)*)/readings");

    private final HttpServer server;
    private final AccessContracts contracts;
    private final ReadingStore store;
    private final ReplayGuard replayGuard;
    private final AtomicLong decisions = new AtomicLong();

    public EdgeDataApi(String host, int port, AccessContracts contracts, ReadingStore store, ReplayGuard replayGuard) {
        this.contracts = contracts;
        this.store = store;
        this.replayGuard = replayGuard;
        // Small JSON answers written as headers then body stall on Nagle + delayed ACK (about 40 ms each) unless NODELAY is on;
        // the JDK server reads this property once, when its first server is made.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new IotException(IotException.Code.INVALID_INPUT, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long decisions() {
        return decisions.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String pathAndQuery = exchange.getRequestURI().getRawQuery() == null ? path : path + "?" + exchange.getRequestURI().getRawQuery();
            if (path.equals("/health")) {
                respond(exchange, 200, JSON.createObjectNode().put("status", "up"));
                return;
            }
            Matcher matcher = READINGS.matcher(path);
            String method = exchange.getRequestMethod();
            if (!matcher.matches() || !(method.equals("GET") || method.equals("POST"))) {
                respond(exchange, 404, error("NOT_FOUND", "expected GET or POST /resources/NAME/readings"));
                return;
            }
            String resource = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
            try {
                AccessContracts.resourceId(resource);
                var headers = exchange.getRequestHeaders();
                SignedRequest.Signer signer = SignedRequest.verify(headers.getFirst(SignedRequest.ACCOUNT), headers.getFirst(SignedRequest.TIMESTAMP),
                    headers.getFirst(SignedRequest.NONCE), headers.getFirst(SignedRequest.SIGNATURE), method, pathAndQuery, body);
                replayGuard.accept(signer);
                if (method.equals("GET")) {
                    read(exchange, resource, signer, limit(exchange.getRequestURI().getRawQuery()));
                } else {
                    write(exchange, resource, signer, body);
                }
            } catch (IotException e) {
                respond(exchange, status(e.code()), error(e.code().name(), e.getMessage()));
            }
        }
    }

    private void read(HttpExchange exchange, String resource, SignedRequest.Signer signer, int limit) throws IOException {
        AccessContracts.Decision decision = contracts.checkAccess(resource, signer.account());
        decisions.incrementAndGet();
        ObjectNode chain = JSON.createObjectNode().put("transaction", decision.transaction()).put("block", decision.block())
            .put("allowed", decision.allowed()).put("reason", decision.reasonText());
        decision.blockedUntil().ifPresent(until -> chain.put("blockedUntil", until));
        if (!decision.allowed()) {
            ObjectNode denied = error("DENIED", signer.account() + " may not read " + resource + " now: " + decision.reasonText());
            denied.set("decision", chain);
            respond(exchange, 403, denied);
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("resource", resource);
        ArrayNode readings = answer.putArray("readings");
        store.latest(resource, limit).forEach(readings::add);
        answer.set("decision", chain);
        respond(exchange, 200, answer);
    }

    private void write(HttpExchange exchange, String resource, SignedRequest.Signer signer, byte[] body) throws IOException {
        String owner = contracts.lookup(resource).map(entry -> entry[1]).orElseThrow(() -> new IotException(IotException.Code.INVALID_INPUT,
            "resource '" + resource + "' is not registered on the chain"));
        if (!owner.equalsIgnoreCase(signer.account())) {
            throw new IotException(IotException.Code.REJECTED_BY_CONTRACT, "only the resource's owner " + owner + " may store readings of " + resource);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new IotException(IotException.Code.INVALID_INPUT, "the body is not JSON: " + e.getMessage());
        }
        List<JsonNode> readings = new ArrayList<>();
        (json != null && json.isArray() ? json : JSON.createArrayNode().add(json)).forEach(readings::add);
        for (JsonNode reading : readings) {
            if (reading == null || !reading.isObject() || !reading.path("value").isNumber()) {
                throw new IotException(IotException.Code.INVALID_INPUT, "each reading must be an object with a numeric 'value' (and optional 'time', 'unit')");
            }
        }
        store.append(resource, readings);
        respond(exchange, 201, JSON.createObjectNode().put("resource", resource).put("stored", readings.size()));
    }

    private static int limit(String query) {
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("limit=")) {
                    try {
                        return Math.max(1, Math.min(10_000, Integer.parseInt(part.substring(6))));
                    } catch (NumberFormatException e) {
                        throw new IotException(IotException.Code.INVALID_INPUT, "limit '" + part.substring(6) + "' is not a whole number");
                    }
                }
            }
        }
        return 100;
    }

    static int status(IotException.Code code) {
        return switch (code) {
            case UNSIGNED, BAD_SIGNATURE, REPLAYED -> 401;
            case INVALID_INPUT -> 400;
            case REJECTED_BY_CONTRACT -> 403;
            case CHAIN_UNAVAILABLE -> 503;
            case CONTRACTS_MISSING, UNREADABLE, API_UNAVAILABLE -> 500;
        };
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("error").put("code", code).put("message", message);
        return node;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
