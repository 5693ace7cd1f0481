package io.aisprint.server.internal;

import io.aisprint.monitor.MetricStores;
import io.aisprint.monitor.MonitorServer;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The monitor under {@code /api/v1/monitor}: an embedded monitor server (DuckDB store under
 * {@code DATA/monitor}, loopback, a free port, no UDP) started on first use, with the API's
 * calls proxied to it, so they share the API's tokens and error shape.
 */
public final class MonitorMount implements AutoCloseable {
    private final Path directory;
    private final long maxBodyBytes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MonitorServer server;

    public MonitorMount(Path dataDirectory, long maxBodyBytes) {
        this.directory = dataDirectory.resolve("monitor");
        this.maxBodyBytes = maxBodyBytes;
    }

    private synchronized int port() {
        if (server == null) {
            try {
                server = MonitorServer.start(MetricStores.embedded(directory), io.aisprint.monitor.ServerConfig.ephemeral(Clock.systemUTC()));
            } catch (RuntimeException e) {
                throw new ServerException(ErrorCode.UNAVAILABLE, "the monitor cannot start: " + e.getMessage(), directory.toString(), null);
            }
        }
        return server.httpPort();
    }

    /** Forwards the request to the monitor's {@code path} with its query string and body; answers with the monitor's answer. */
    public void forward(Context context, String path) throws IOException, InterruptedException {
        String query = context.queryString() == null ? "" : "?" + context.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path + query))
                .timeout(Duration.ofSeconds(60));
        if (context.method().name().equals("POST")) {
            byte[] body = Api.limitedStream(context, maxBodyBytes).readAllBytes();
            String encoding = context.header("Content-Encoding");
            if (encoding != null) {
                request.header("Content-Encoding", encoding);
            }
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.GET();
        }
        HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        context.status(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(context::contentType);
        context.result(answer.body());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }
}
