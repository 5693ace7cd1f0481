package io.aisprint.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A query: the points of one field of one measurement whose tags equal the given ones, in
 * [fromNanos, toNanos). With no aggregation the raw points come back per series. With an
 * aggregation and a window, one value per window (windows aligned on the epoch, stamped with
 * their start) per group of {@code groupBy} tags; with no window, one value per group over the
 * whole range (stamped with the range start, or with the point's own time for first/last).
 */
public record SeriesQuery(
        String measurement,
        String field,
        Map<String, String> tags,
        long fromNanos,
        long toNanos,
        Optional<Aggregation> aggregation,
        Optional<Duration> window,
        List<String> groupBy) {

    public SeriesQuery {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(field, "field");
        tags = new TreeMap<>(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(window, "window");
        groupBy = List.copyOf(groupBy);
        if (measurement.isEmpty() || field.isEmpty()) {
            throw MonitorException.invalid("A query needs a measurement and a field.");
        }
        if (toNanos <= fromNanos) {
            throw MonitorException.invalid("Query range is empty: from " + fromNanos + " is not before to " + toNanos + " (ns).");
        }
        if (window.isPresent() && (window.get().isNegative() || window.get().isZero())) {
            throw MonitorException.invalid("Query window must be positive, got " + window.get() + ".");
        }
        if (window.isPresent() && aggregation.isEmpty()) {
            throw MonitorException.invalid("A window needs an aggregate (mean, max, p95, ...).");
        }
    }

    public static Builder builder(String measurement, String field) {
        return new Builder(measurement, field);
    }

    /** Window length in nanoseconds, or the whole range when there is no window. */
    public long windowNanos() {
        return window.map(Duration::toNanos).orElse(toNanos - fromNanos);
    }

    /** Fluent construction; everything but measurement and field is optional. */
    public static final class Builder {
        private final String measurement;
        private final String field;
        private final Map<String, String> tags = new TreeMap<>();
        private long fromNanos = Long.MIN_VALUE / 2;
        private long toNanos = Long.MAX_VALUE / 2;
        private Aggregation aggregation;
        private Duration window;
        private List<String> groupBy = List.of();

        private Builder(String measurement, String field) {
            this.measurement = measurement;
            this.field = field;
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public Builder tags(Map<String, String> more) {
            tags.putAll(more);
            return this;
        }

        public Builder range(long fromNanos, long toNanos) {
            this.fromNanos = fromNanos;
            this.toNanos = toNanos;
            return this;
        }

        public Builder aggregate(Aggregation aggregation) {
            this.aggregation = aggregation;
            return this;
        }

        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        public Builder groupBy(List<String> tagKeys) {
            this.groupBy = tagKeys;
            return this;
        }

        public SeriesQuery build() {
            return new SeriesQuery(measurement, field, tags, fromNanos, toNanos,
                    Optional.ofNullable(aggregation), Optional.ofNullable(window), groupBy);
        }
    }
}
