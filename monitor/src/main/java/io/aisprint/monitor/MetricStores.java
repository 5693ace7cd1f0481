package io.aisprint.monitor;

import io.aisprint.monitor.internal.EmbeddedMetricStore;
import io.aisprint.monitor.internal.InMemoryMetricStore;
import io.aisprint.monitor.internal.InfluxDbMetricStore;
import io.aisprint.monitor.spi.MetricStore;
import java.net.URI;
import java.nio.file.Path;

/** Creates the stores: embedded (default), InfluxDB 1.x, or in memory for tests. */
public final class MetricStores {
    /** The file the embedded store keeps under its data directory. */
    public static final String EMBEDDED_FILE = "metrics.duckdb";

    private MetricStores() {
    }

    /** The embedded DuckDB store in {@code dataDirectory}/metrics.duckdb. */
    public static MetricStore embedded(Path dataDirectory) {
        return new EmbeddedMetricStore(dataDirectory.resolve(EMBEDDED_FILE));
    }

    /** A real InfluxDB 1.x server; the database is created when missing. */
    public static MetricStore influxDb(URI url, String database) {
        return new InfluxDbMetricStore(url, database);
    }

    public static MetricStore inMemory() {
        return new InMemoryMetricStore();
    }
}
