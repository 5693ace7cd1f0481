package io.aisprint.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The JDK HTTP server on 127.0.0.1 and a free port, shared by the reference servers of the IM and OSCAR APIs. */
abstract class ReferenceHttpServer implements AutoCloseable {
    protected final HttpServer server;

    ReferenceHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                reply(exchange, 500, "text/plain", String.valueOf(e));
            }
        });
        server.start();
    }

    abstract void handle(HttpExchange exchange, String body) throws IOException;

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
