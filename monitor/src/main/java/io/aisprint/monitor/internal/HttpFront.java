package io.aisprint.monitor.internal;

import io.aisprint.monitor.MonitorException;
import io.aisprint.monitor.Precision;
import io.aisprint.monitor.WriteOutcome;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The InfluxDB-compatible HTTP surface shared by the server and the agent: {@code GET|HEAD
 * /ping} (204), {@code POST /write?db=&precision=} (1.x) and {@code POST
 * /api/v2/write?org=&bucket=&precision=} (2.x), with gzip bodies and a body size limit.
 */
public final class HttpFront {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    /** Reported in the X-Influxdb-Version header; clients only check that it is there. */
    public static final String VERSION = "1.8.10-aisprint";

    private final Javalin app;

    public HttpFront(WriteSink sink, long maxBodyBytes, Consumer<Javalin> extraRoutes) {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = maxBodyBytes;
        });
        app.get("/ping", HttpFront::ping);
        app.head("/ping", HttpFront::ping);
        app.post("/write", ctx -> write(ctx, sink, maxBodyBytes, Ingestor.Dialect.V1));
        app.post("/api/v2/write", ctx -> write(ctx, sink, maxBodyBytes, Ingestor.Dialect.V2));
        for (io.javalin.http.HandlerType method : new io.javalin.http.HandlerType[] {io.javalin.http.HandlerType.GET,
            io.javalin.http.HandlerType.PUT, io.javalin.http.HandlerType.DELETE, io.javalin.http.HandlerType.PATCH}) {
            app.addHttpHandler(method, "/write", ctx -> methodNotAllowed(ctx, "OPTIONS, POST"));
            if (method != io.javalin.http.HandlerType.GET) {
                app.addHttpHandler(method, "/query", ctx -> methodNotAllowed(ctx, "GET, POST"));
            }
        }
        app.exception(MonitorException.class, (error, ctx) -> {
            ctx.status(error.kind() == MonitorException.Kind.INVALID_INPUT ? 400 : 500);
            ctx.json(java.util.Map.of("error", error.getMessage()));
        });
        extraRoutes.accept(app);
    }

    /** influxd's answer to a method a route does not take. */
    private static void methodNotAllowed(Context ctx, String allow) {
        ctx.header("Allow", allow);
        ctx.header("X-Influxdb-Version", VERSION);
        ctx.status(405).contentType("text/plain; charset=utf-8").result("Method Not Allowed\n");
    }

    private static void ping(Context ctx) {
        ctx.header("X-Influxdb-Version", VERSION);
        ctx.header("X-Influxdb-Build", "OSS");
        ctx.status(204);
    }

    private static void write(Context ctx, WriteSink sink, long maxBodyBytes, Ingestor.Dialect dialect) {
        ctx.header("X-Influxdb-Version", VERSION);
        WriteOutcome outcome;
        try {
            String target = dialect == Ingestor.Dialect.V1 ? ctx.queryParam("db") : ctx.queryParam("bucket");
            if (target == null || target.isEmpty()) {
                String name = dialect == Ingestor.Dialect.V1 ? "db" : "bucket";
                answer(ctx, 400, Ingestor.errorBody(dialect, "invalid", name + " is required (add ?" + name + "=NAME to the URL)"));
                return;
            }
            Precision precision = Precision.parse(ctx.queryParam("precision"));
            String body = readBody(ctx, maxBodyBytes);
            if (body == null) {
                answer(ctx, 413, Ingestor.errorBody(dialect, "request too large",
                        "Request Entity Too Large: the body exceeds " + maxBodyBytes + " bytes; send smaller batches"));
                return;
            }
            String rp = dialect == Ingestor.Dialect.V1 ? ctx.queryParam("rp") : null;
            if (dialect == Ingestor.Dialect.V2 && target.contains("/")) {
                rp = target.substring(target.indexOf('/') + 1);
                target = target.substring(0, target.indexOf('/'));
            }
            outcome = sink.write(body, precision, dialect, target, rp);
        } catch (MonitorException e) {
            if (e.kind() != MonitorException.Kind.INVALID_INPUT) {
                LOG.warn("write failed: {}", e.getMessage());
            }
            outcome = Ingestor.failure(dialect, e);
        } catch (IOException e) {
            outcome = new WriteOutcome(0, java.util.List.of(), 400,
                    Ingestor.errorBody(dialect, "invalid", "cannot read the request body: " + e.getMessage()));
        }
        answer(ctx, outcome.status(), outcome.body());
    }

    private static void answer(Context ctx, int status, String body) {
        ctx.status(status);
        if (!body.isEmpty()) {
            ctx.contentType("application/json");
            ctx.result(body);
        }
    }

    /** The body as text, or null when it is larger than the limit (also after gunzip). */
    private static String readBody(Context ctx, long maxBodyBytes) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            return null;
        }
        InputStream in = ctx.req().getInputStream();
        if ("gzip".equalsIgnoreCase(ctx.header("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxBodyBytes) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public HttpFront start(String host, int port) {
        try {
            app.start(host, port);
        } catch (io.javalin.util.JavalinBindException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot listen on " + host + ":" + port
                    + ": the port is in use or the address is not this machine's.\nMaybe another server runs there; pick another with --port.", e);
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
