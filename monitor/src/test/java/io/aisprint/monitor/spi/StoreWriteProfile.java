package io.aisprint.monitor.spi;

import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.MetricStores;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.internal.EmbeddedMetricStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: a small harness for the embedded store's batch write path alone (no HTTP, no
 * parsing), the shape of bench/monitor's batches: 1,000 series, 5,000-point batches.
 * {@code java -cp ... io.aisprint.monitor.spi.StoreWriteProfile [POINTS] [admit|store|all]}.
 */
public final class StoreWriteProfile {
    private StoreWriteProfile() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        String mode = args.length > 1 ? args[1] : "all";
        Path directory = Files.createTempDirectory("store-profile");
        List<List<Point>> batches = new ArrayList<>();
        long start = 1_700_000_000_000_000_000L;
        List<Point> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int series = i % 1000;
            TreeMap<String, String> tags = new TreeMap<>(Map.of("component", "c" + series % 10, "host", "h" + series / 10));
            batch.add(new Point("latency", tags, Map.of("value", new FieldValue.FloatValue(i % 977)), start + (i / 1000) * 100_000_000L));
            if (batch.size() == 5_000) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        try (EmbeddedMetricStore store = (EmbeddedMetricStore) MetricStores.embedded(directory)) {
            store.catalog().createDatabase("bench", null);
            for (int round = 0; round < 3; round++) {
                long began = System.nanoTime();
                int written = 0;
                for (List<Point> points : batches) {
                    if (mode.equals("admit")) {
                        store.catalog().admit("bench", null, points);
                    } else {
                        store.write("bench", null, points);
                    }
                    written += points.size();
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf("round %d (%s): %,d points in %.2f s = %,.0f points/s%n", round, mode, written, seconds, written / seconds);
            }
        }
    }
}
