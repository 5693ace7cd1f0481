package io.aisprint.monitor.spi;

import io.aisprint.monitor.Point;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import java.util.List;

/**
 * Where points live. Implementations: the embedded DuckDB file store (default), InfluxDB 1.x
 * over HTTP, and an in-memory store for unit tests. All of them pass the same conformance kit.
 */
public interface MetricStore extends AutoCloseable {

    /**
     * Stores the points and returns only once they are durable: a crash right after the return
     * must not lose them. (InfluxDB merges a point written twice with the same series and
     * time; the embedded store keeps both rows, so re-sent batches count twice in aggregates.)
     */
    void write(List<Point> points);

    /** Runs a query; groups come back sorted by their tags, samples by time. */
    List<Series> query(SeriesQuery query);

    /** A short name for logs and the {@code /ping} version header. */
    String name();

    @Override
    void close();
}
