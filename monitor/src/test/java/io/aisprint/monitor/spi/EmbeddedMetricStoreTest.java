package io.aisprint.monitor.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.monitor.Aggregation;
import io.aisprint.monitor.MetricStores;
import io.aisprint.monitor.SeriesQuery;
import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.internal.EmbeddedMetricStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMetricStoreTest extends MetricStoreConformanceKit {
    @TempDir
    Path directory;

    @Override
    protected MetricStore openStore() {
        return MetricStores.embedded(directory);
    }

    @Test
    void keepsPointsAndSeriesAcrossReopen() {
        store.write(List.of(point("kept", Map.of("host", "a"), 1, BASE), point("kept", Map.of("host", "b"), 2, BASE)));
        store.close();
        store = MetricStores.embedded(directory);
        store.write(List.of(point("kept", Map.of("host", "a"), 3, BASE + SECOND), point("kept", Map.of("host", "c"), 4, BASE)));
        SeriesQuery count = SeriesQuery.builder("kept", "value").range(BASE, BASE + 10 * SECOND)
                .aggregate(Aggregation.of(Aggregation.Function.COUNT)).groupBy(List.of("host")).build();
        assertThat(store.query(count)).extracting(series -> series.samples().get(0).value()).containsExactly(2.0, 1.0, 1.0);
    }

    @Test
    void smallWritesAreReadAtOnceAndLastWriteWinsAcrossLoggedAndBatchWrites() {
        EmbeddedMetricStore embedded = (EmbeddedMetricStore) store;
        embedded.catalog().createDatabase("db", null);
        Catalog.FieldRef ref = new Catalog.FieldRef(new Catalog.SeriesKey("db", "autogen", "lww", new java.util.TreeMap<>(Map.of("h", "a"))), "value");
        embedded.write("db", null, List.of(point("lww", Map.of("h", "a"), 1, BASE)));          // small: acknowledged from the log
        assertThat(embedded.read(List.of(ref), BASE, BASE).get(ref)).containsEntry(BASE, new FieldValue.FloatValue(1));
        embedded.write("db", null, List.of(point("lww", Map.of("h", "a"), 2, BASE + 1)));
        List<io.aisprint.monitor.Point> batch = new java.util.ArrayList<>();
        for (int n = 0; n < 200; n++) {
            batch.add(point("lww", Map.of("h", "b" + n), n, BASE));
        }
        batch.add(point("lww", Map.of("h", "a"), 3, BASE + 1));                                 // a large write after a logged one
        embedded.write("db", null, batch);
        embedded.write("db", null, List.of(point("lww", Map.of("h", "a"), 4, BASE)));          // logged again, newer than the batch
        assertThat(embedded.read(List.of(ref), BASE, BASE + 1).get(ref))
                .containsExactly(Map.entry(BASE, new FieldValue.FloatValue(4)), Map.entry(BASE + 1, new FieldValue.FloatValue(3)));
        embedded.write("db", null, List.of(point("lww", Map.of("h", "new"), 5, BASE)));        // a new series, only in the log
        store.close();
        store = MetricStores.embedded(directory);
        Catalog.FieldRef added = new Catalog.FieldRef(new Catalog.SeriesKey("db", "autogen", "lww", new java.util.TreeMap<>(Map.of("h", "new"))), "value");
        assertThat(((EmbeddedMetricStore) store).read(List.of(ref, added), BASE, BASE + 1))
                .containsEntry(added, new java.util.TreeMap<>(Map.of(BASE, new FieldValue.FloatValue(5))))
                .containsEntry(ref, new java.util.TreeMap<>(Map.of(BASE, new FieldValue.FloatValue(4), BASE + 1, new FieldValue.FloatValue(3))));
        assertThat(((EmbeddedMetricStore) store).catalog().series("db", null, "lww")).hasSize(202);
    }

    @Test
    void concurrentWritersAreAllStored() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                int id = writer;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        store.write(List.of(point("concurrent", Map.of("writer", Integer.toString(id)), i, BASE + i)));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        SeriesQuery count = SeriesQuery.builder("concurrent", "value").range(BASE, BASE + SECOND)
                .aggregate(Aggregation.of(Aggregation.Function.COUNT)).build();
        assertThat(value(store.query(count))).isEqualTo(400);
    }
}
