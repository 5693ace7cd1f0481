package io.aisprint.monitor.internal;

import io.aisprint.monitor.spi.Catalog;
import io.aisprint.monitor.spi.InfluxQlStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drops expired data as influxd does: a shard group is deleted once its end is older than the
 * retention policy's duration; here that is every value before the start of the shard group
 * that holds {@code now - duration}. Policies with duration 0 (INF) keep everything.
 */
public final class RetentionEnforcer {
    private RetentionEnforcer() {
    }

    /** Deletes expired values in every database; returns how many series fields were touched. */
    public static int enforce(InfluxQlStore store, long now) {
        Catalog catalog = store.catalog();
        int touched = 0;
        for (String db : catalog.databases()) {
            for (Catalog.RetentionPolicy policy : catalog.policies(db)) {
                if (policy.durationNanos() == 0) {
                    continue;
                }
                long cutoff = Catalog.shardStart(now - policy.durationNanos(), policy.shardGroupNanos());
                List<Catalog.FieldRef> refs = new ArrayList<>();
                for (String measurement : catalog.measurements(db)) {
                    for (Map.Entry<Catalog.SeriesKey, Map<String, Catalog.FieldType>> series
                            : catalog.series(db, policy.name(), measurement).entrySet()) {
                        series.getValue().keySet().forEach(field -> refs.add(new Catalog.FieldRef(series.getKey(), field)));
                    }
                }
                store.delete(refs, Long.MIN_VALUE, cutoff - 1);
                catalog.forgetShardsBefore(db, policy.name(), cutoff);
                touched += refs.size();
            }
        }
        return touched;
    }
}
