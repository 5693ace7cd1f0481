package io.aisprint.monitor.internal;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import io.aisprint.monitor.spi.MetricStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Keeps everything in memory; for unit tests, where durability does not matter. */
public final class InMemoryMetricStore implements MetricStore {
    private record SeriesId(String measurement, SortedMap<String, String> tags, String field) {
    }

    private final Map<SeriesId, ConcurrentSkipListMap<Long, Double>> data = new ConcurrentSkipListMap<>(
            (a, b) -> (a.measurement + a.tags + a.field).compareTo(b.measurement + b.tags + b.field));

    @Override
    public void write(List<Point> points) {
        for (Point point : points) {
            for (Map.Entry<String, FieldValue> field : point.fields().entrySet()) {
                double value = field.getValue().asDouble();
                if (Double.isNaN(value)) {
                    continue;
                }
                data.computeIfAbsent(new SeriesId(point.measurement(), point.tags(), field.getKey()),
                        key -> new ConcurrentSkipListMap<>()).put(point.timeNanos(), value);
            }
        }
    }

    @Override
    public List<Series> query(SeriesQuery query) {
        boolean raw = query.aggregation().isEmpty();
        TreeMap<String, SortedMap<String, String>> groupTags = new TreeMap<>();
        TreeMap<String, List<Series.Sample>> groups = new TreeMap<>();
        for (Map.Entry<SeriesId, ConcurrentSkipListMap<Long, Double>> entry : data.entrySet()) {
            SeriesId id = entry.getKey();
            if (!id.measurement.equals(query.measurement()) || !id.field.equals(query.field())
                    || !id.tags.entrySet().containsAll(query.tags().entrySet())) {
                continue;
            }
            SortedMap<String, String> group = raw ? id.tags : SeriesGrouping.groupTags(id.tags, query.groupBy());
            String key = group.toString();
            groupTags.put(key, group);
            List<Series.Sample> samples = groups.computeIfAbsent(key, k -> new ArrayList<>());
            entry.getValue().subMap(query.fromNanos(), query.toNanos())
                    .forEach((time, value) -> samples.add(new Series.Sample(time, value)));
        }
        List<Series> result = new ArrayList<>();
        for (Map.Entry<String, List<Series.Sample>> group : groups.entrySet()) {
            List<Series.Sample> samples = group.getValue();
            if (samples.isEmpty()) {
                continue;
            }
            samples.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
            List<Series.Sample> out = raw ? samples : WindowAggregator.aggregate(query, samples);
            result.add(new Series(query.measurement(), groupTags.get(group.getKey()), out));
        }
        return result;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void close() {
        data.clear();
    }
}
