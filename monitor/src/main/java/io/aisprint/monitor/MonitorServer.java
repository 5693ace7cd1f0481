package io.aisprint.monitor;

import io.aisprint.monitor.internal.HttpFront;
import io.aisprint.monitor.internal.InfluxQlApi;
import io.aisprint.monitor.internal.Ingestor;
import io.aisprint.monitor.internal.QueryApi;
import io.aisprint.monitor.internal.UdpListener;
import io.aisprint.monitor.spi.MetricStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The monitoring server: InfluxDB-compatible writes over HTTP and UDP into a {@link MetricStore},
 * a JSON query API, and {@code /ping}. Listeners see every stored batch (the rule engine uses
 * this to learn which series report).
 */
public final class MonitorServer implements AutoCloseable {
    /** Runs the enforcer with the server's clock. */
    private static final class RetentionEnforcerHook {
        static void run(io.aisprint.monitor.spi.InfluxQlStore store, java.time.Clock clock) {
            io.aisprint.monitor.internal.RetentionEnforcer.enforce(store, TimeSpec.nanos(clock.instant()));
        }
    }

    private final MetricStore store;
    private final Ingestor ingestor;
    private final HttpFront http;
    private final UdpListener udp;
    private final java.util.concurrent.ScheduledExecutorService retention;
    private final List<Consumer<List<Point>>> writeListeners = new CopyOnWriteArrayList<>();

    private final java.time.Clock clock;

    private MonitorServer(MetricStore store, ServerConfig config) {
        this.store = store;
        this.clock = config.clock();
        this.ingestor = new Ingestor(store, config.clock(), config.maxLineLength(),
                points -> writeListeners.forEach(listener -> listener.accept(points)));
        this.http = new HttpFront(ingestor, config.maxBodyBytes(), app -> {
            app.get("/api/v1/query", ctx -> QueryApi.handle(ctx, store, config.clock()));
            app.get("/query", ctx -> InfluxQlApi.handle(ctx, store, config.clock()));
            app.post("/query", ctx -> InfluxQlApi.handle(ctx, store, config.clock()));
            app.get("/api/v1/stats", ctx -> ctx.json(Map.of("store", store.name(),
                    "pointsWritten", ingestor.pointsWritten(), "linesRejected", ingestor.linesRejected())));
        });
        http.start(config.host(), config.httpPort());
        UdpListener listener = null;
        try {
            if (config.udpPort() >= 0) {
                listener = new UdpListener(config.host(), config.udpPort(), ingestor::write);
            }
        } catch (RuntimeException e) {
            http.stop();
            throw e;
        }
        this.udp = listener;
        if (store instanceof io.aisprint.monitor.spi.InfluxQlStore typed) {
            retention = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "retention");
                thread.setDaemon(true);
                return thread;
            });
            // influxd checks retention every 30 minutes by default; once a minute costs little here.
            retention.scheduleWithFixedDelay(() -> {
                try {
                    RetentionEnforcerHook.run(typed, config.clock());
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(MonitorServer.class).warn("retention check failed: {}", e.getMessage());
                }
            }, 1, 60, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            retention = null;
        }
    }

    /** Starts listening; the server writes into {@code store} and closes it on {@link #close()}. */
    public static MonitorServer start(MetricStore store, ServerConfig config) {
        return new MonitorServer(store, config);
    }

    public void addWriteListener(Consumer<List<Point>> listener) {
        writeListeners.add(listener);
    }

    public int httpPort() {
        return http.port();
    }

    /** The UDP port, or -1 when UDP is off. */
    public int udpPort() {
        return udp == null ? -1 : udp.port();
    }

    public MetricStore store() {
        return store;
    }

    /** Drops data older than each retention policy allows, now (also done once a minute). */
    public void enforceRetention() {
        if (store instanceof io.aisprint.monitor.spi.InfluxQlStore typed) {
            RetentionEnforcerHook.run(typed, clock);
        }
    }

    @Override
    public void close() {
        if (retention != null) {
            retention.shutdownNow();
        }
        if (udp != null) {
            udp.close();
        }
        http.stop();
        store.close();
    }
}
