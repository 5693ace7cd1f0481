package io.aisprint.monitor;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point: a measurement, its tag set (sorted, so the series key is canonical), one or more
 * fields and a timestamp in nanoseconds since the epoch.
 */
public record Point(String measurement, SortedMap<String, String> tags, Map<String, FieldValue> fields, long timeNanos) {

    public Point {
        Objects.requireNonNull(measurement, "measurement");
        tags = TagSet.of(tags);
        fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
        if (measurement.isEmpty()) {
            throw MonitorException.invalid("A point needs a measurement name.");
        }
        if (fields.isEmpty()) {
            throw MonitorException.invalid("Point '" + measurement + "' has no fields; a point needs at least one.");
        }
    }

    public static Point of(String measurement, Map<String, String> tags, String field, double value, long timeNanos) {
        return new Point(measurement, new TreeMap<>(tags), Map.of(field, new FieldValue.FloatValue(value)), timeNanos);
    }

    /** The series key as InfluxDB writes it: measurement plus sorted tags, escaped. */
    public String seriesKey() {
        return LineProtocol.seriesKey(measurement, tags);
    }
}
