package io.aisprint.monitor.spi;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.Point;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A store that keeps InfluxDB's data model itself (databases, retention policies, one typed
 * value per series, field and time, last write wins), so the InfluxQL engine can run on it.
 * The embedded and in-memory stores implement it; the InfluxDB back-end does not need to (its
 * server answers InfluxQL itself).
 */
public interface InfluxQlStore {
    Catalog catalog();

    /**
     * Stores the points the catalog admits into {@code database}/{@code retentionPolicy} (null:
     * the default), durably, and returns the refused points' reasons.
     */
    List<String> write(String database, String retentionPolicy, List<Point> points);

    /** The values of each field in {@code [from, to]} (inclusive), in time order; one per time. */
    Map<Catalog.FieldRef, NavigableMap<Long, FieldValue>> read(Collection<Catalog.FieldRef> fields, long from, long to);

    /** Deletes the values of each field in {@code [from, to]}. */
    void delete(Collection<Catalog.FieldRef> fields, long from, long to);
}
