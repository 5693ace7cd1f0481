package io.aisprint.monitor.internal;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import io.aisprint.monitor.spi.Catalog;
import io.aisprint.monitor.spi.InfluxQlStore;
import io.aisprint.monitor.spi.MetricStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Keeps everything in memory; for unit tests, where durability does not matter. */
public final class InMemoryMetricStore implements MetricStore, InfluxQlStore {
    private final Catalog catalog = new Catalog(c -> { });
    private final Map<Catalog.FieldRef, ConcurrentSkipListMap<Long, FieldValue>> data = new ConcurrentHashMap<>();

    public InMemoryMetricStore() {
        catalog.createDatabase(LegacyDatabase.NAME, null);
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void write(List<Point> points) {
        write(LegacyDatabase.NAME, null, points);
    }

    @Override
    public List<String> write(String database, String retentionPolicy, List<Point> points) {
        Catalog.Admission admission = catalog.admit(database, retentionPolicy, points);
        String rp = retentionPolicy == null || retentionPolicy.isEmpty() ? catalog.defaultPolicy(database) : retentionPolicy;
        for (Point point : admission.accepted()) {
            Catalog.SeriesKey series = new Catalog.SeriesKey(database, rp, point.measurement(), point.tags());
            for (Map.Entry<String, FieldValue> field : point.fields().entrySet()) {
                data.computeIfAbsent(new Catalog.FieldRef(series, field.getKey()), key -> new ConcurrentSkipListMap<>())
                        .put(point.timeNanos(), field.getValue());
            }
        }
        return admission.conflicts();
    }

    @Override
    public Map<Catalog.FieldRef, NavigableMap<Long, FieldValue>> read(Collection<Catalog.FieldRef> fields, long from, long to) {
        Map<Catalog.FieldRef, NavigableMap<Long, FieldValue>> out = new LinkedHashMap<>();
        for (Catalog.FieldRef ref : fields) {
            ConcurrentSkipListMap<Long, FieldValue> values = data.get(ref);
            if (values != null && from <= to) {
                out.put(ref, new TreeMap<>(values.subMap(from, true, to, true)));
            }
        }
        return out;
    }

    @Override
    public void delete(Collection<Catalog.FieldRef> fields, long from, long to) {
        for (Catalog.FieldRef ref : fields) {
            ConcurrentSkipListMap<Long, FieldValue> values = data.get(ref);
            if (values != null && from <= to) {
                values.subMap(from, true, to, true).clear();
                if (values.isEmpty()) {
                    data.remove(ref);
                }
            }
        }
    }

    @Override
    public List<Series> query(SeriesQuery query) {
        boolean raw = query.aggregation().isEmpty();
        TreeMap<String, SortedMap<String, String>> groupTags = new TreeMap<>();
        TreeMap<String, List<Series.Sample>> groups = new TreeMap<>();
        for (Map.Entry<Catalog.FieldRef, ConcurrentSkipListMap<Long, FieldValue>> entry : data.entrySet()) {
            Catalog.SeriesKey id = entry.getKey().series();
            if (!id.measurement().equals(query.measurement()) || !entry.getKey().field().equals(query.field())
                    || !id.tags().entrySet().containsAll(query.tags().entrySet())) {
                continue;
            }
            SortedMap<String, String> group = raw ? id.tags() : SeriesGrouping.groupTags(id.tags(), query.groupBy());
            String key = group.toString();
            groupTags.put(key, group);
            List<Series.Sample> samples = groups.computeIfAbsent(key, k -> new ArrayList<>());
            entry.getValue().subMap(query.fromNanos(), query.toNanos()).forEach((time, value) -> {
                double number = value.asDouble();
                if (!Double.isNaN(number)) {
                    samples.add(new Series.Sample(time, number));
                }
            });
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
