package io.aisprint.monitor.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.monitor.Aggregation;
import io.aisprint.monitor.FieldValue;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetricStore} must do. Each back-end extends this class and says how to
 * open itself; the same assertions then run against the in-memory, embedded and InfluxDB stores.
 */
public abstract class MetricStoreConformanceKit {
    protected static final long SECOND = 1_000_000_000L;
    protected static final long BASE = 1_700_000_000L * SECOND;

    protected MetricStore store;

    protected abstract MetricStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) { // null when the back-end was skipped (no server)
            store.close();
        }
    }

    protected static Point point(String measurement, Map<String, String> tags, double value, long time) {
        return Point.of(measurement, tags, "value", value, time);
    }

    @Test
    void rawQueryReturnsEachSeriesInTimeOrderWithinTheRange() {
        store.write(List.of(
                point("raw_cpu", Map.of("host", "b"), 3, BASE + 2 * SECOND),
                point("raw_cpu", Map.of("host", "a"), 2, BASE + 1 * SECOND),
                point("raw_cpu", Map.of("host", "a"), 1, BASE),
                point("raw_cpu", Map.of("host", "a"), 9, BASE + 10 * SECOND),
                point("raw_other", Map.of("host", "a"), 7, BASE)));
        List<Series> result = store.query(SeriesQuery.builder("raw_cpu", "value").range(BASE, BASE + 10 * SECOND).build());
        assertThat(result).extracting(Series::tags).containsExactly(
                new TreeMap<>(Map.of("host", "a")), new TreeMap<>(Map.of("host", "b")));
        assertThat(result.get(0).samples()).containsExactly(
                new Series.Sample(BASE, 1), new Series.Sample(BASE + SECOND, 2));
        assertThat(result.get(1).samples()).containsExactly(new Series.Sample(BASE + 2 * SECOND, 3));
    }

    @Test
    void filtersOnTags() {
        store.write(List.of(
                point("tagged", Map.of("host", "a", "zone", "edge"), 1, BASE),
                point("tagged", Map.of("host", "b", "zone", "edge"), 2, BASE),
                point("tagged", Map.of("host", "c", "zone", "cloud"), 4, BASE)));
        List<Series> result = store.query(SeriesQuery.builder("tagged", "value").tag("zone", "edge").range(BASE, BASE + SECOND)
                .aggregate(Aggregation.of(Aggregation.Function.SUM)).build());
        assertThat(result).singleElement().satisfies(series -> {
            assertThat(series.tags()).isEmpty();
            assertThat(series.samples()).containsExactly(new Series.Sample(BASE, 3));
        });
    }

    @Test
    void windowedAggregatesGroupedByTag() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            points.add(point("windowed", Map.of("host", "a", "core", Integer.toString(i % 2)), i, BASE + i * SECOND));
            points.add(point("windowed", Map.of("host", "b", "core", "0"), 1000 + i, BASE + i * SECOND));
        }
        store.write(points);
        SeriesQuery.Builder query = SeriesQuery.builder("windowed", "value").range(BASE, BASE + 120 * SECOND)
                .window(Duration.ofMinutes(1)).groupBy(List.of("host"));
        long minute = WindowedTimes.windowStart(BASE, 60 * SECOND);
        // BASE is 20 s after a minute boundary, so points 0..39 fall in the first window.
        List<Series> mean = store.query(query.aggregate(Aggregation.of(Aggregation.Function.MEAN)).build());
        assertThat(mean).extracting(Series::tags).containsExactly(
                new TreeMap<>(Map.of("host", "a")), new TreeMap<>(Map.of("host", "b")));
        assertThat(mean.get(0).samples()).containsExactly(
                new Series.Sample(minute, 19.5), new Series.Sample(minute + 60 * SECOND, 69.5),
                new Series.Sample(minute + 120 * SECOND, 109.5));
        assertThat(store.query(query.aggregate(Aggregation.of(Aggregation.Function.MAX)).build()).get(1).samples())
                .extracting(Series.Sample::value).containsExactly(1039.0, 1099.0, 1119.0);
        assertThat(store.query(query.aggregate(Aggregation.of(Aggregation.Function.MIN)).build()).get(0).samples())
                .extracting(Series.Sample::value).containsExactly(0.0, 40.0, 100.0);
        assertThat(store.query(query.aggregate(Aggregation.of(Aggregation.Function.COUNT)).build()).get(0).samples())
                .extracting(Series.Sample::value).containsExactly(40.0, 60.0, 20.0);
        assertThat(store.query(query.aggregate(Aggregation.of(Aggregation.Function.SUM)).build()).get(0).samples())
                .extracting(Series.Sample::value).containsExactly(780.0, 4170.0, 2190.0);
    }

    @Test
    void percentilesByNearestRank() {
        List<Point> points = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            points.add(point("latency", Map.of("component", "blur"), i, BASE + i * SECOND));
        }
        store.write(points);
        SeriesQuery.Builder query = SeriesQuery.builder("latency", "value").range(BASE, BASE + 200 * SECOND);
        assertThat(value(store.query(query.aggregate(Aggregation.percentile(95)).build()))).isEqualTo(95);
        assertThat(value(store.query(query.aggregate(Aggregation.percentile(50)).build()))).isEqualTo(50);
        assertThat(value(store.query(query.aggregate(Aggregation.percentile(99)).build()))).isEqualTo(99);
        assertThat(value(store.query(query.aggregate(Aggregation.percentile(100)).build()))).isEqualTo(100);
    }

    @Test
    void percentileOfASmallWindowRoundsTheRankUp() {
        List<Point> points = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            points.add(point("small_latency", Map.of(), i * 10, BASE + i * SECOND));
        }
        store.write(points);
        SeriesQuery.Builder query = SeriesQuery.builder("small_latency", "value").range(BASE, BASE + 60 * SECOND);
        // Rank ceil(10 * 0.95) = 10, ceil(10 * 0.5) = 5, ceil(10 * 0.9) = 9.
        assertThat(value(store.query(query.aggregate(Aggregation.percentile(95)).build()))).isEqualTo(100);
        assertThat(value(store.query(query.aggregate(Aggregation.percentile(50)).build()))).isEqualTo(50);
        assertThat(value(store.query(query.aggregate(Aggregation.percentile(90)).build()))).isEqualTo(90);
    }

    @Test
    void lastValueCarriesItsOwnTime() {
        store.write(List.of(
                point("seen", Map.of("node", "n1"), 5, BASE + 3 * SECOND),
                point("seen", Map.of("node", "n1"), 7, BASE + 9 * SECOND),
                point("seen", Map.of("node", "n2"), 1, BASE + 4 * SECOND)));
        List<Series> result = store.query(SeriesQuery.builder("seen", "value").range(BASE, BASE + 60 * SECOND)
                .aggregate(Aggregation.of(Aggregation.Function.LAST)).groupBy(List.of("node")).build());
        assertThat(result).extracting(series -> series.samples().get(0)).containsExactly(
                new Series.Sample(BASE + 9 * SECOND, 7), new Series.Sample(BASE + 4 * SECOND, 1));
    }

    @Test
    void rateIsTheIncreasePerSecondOverEachWindow() {
        List<Point> points = new ArrayList<>();
        long start = WindowedTimes.windowStart(BASE, 10 * SECOND);
        for (int i = 0; i < 20; i++) {
            points.add(point("requests", Map.of(), 100 + 5.0 * i, start + i * SECOND));
        }
        store.write(points);
        List<Series> result = store.query(SeriesQuery.builder("requests", "value").range(start, start + 20 * SECOND)
                .aggregate(Aggregation.of(Aggregation.Function.RATE)).window(Duration.ofSeconds(10)).build());
        // 9 steps of 5 inside each 10 s window.
        assertThat(result).singleElement().extracting(Series::samples).asList().containsExactly(
                new Series.Sample(start, 4.5), new Series.Sample(start + 10 * SECOND, 4.5));
    }

    @Test
    void integerAndBooleanFieldsAggregateAsNumbers() {
        store.write(List.of(
                new Point("typed", new TreeMap<>(Map.of("k", "v")), Map.of("n", new FieldValue.IntegerValue(4),
                        "ok", new FieldValue.BooleanValue(true), "note", new FieldValue.StringValue("x")), BASE),
                new Point("typed", new TreeMap<>(Map.of("k", "v")), Map.of("n", new FieldValue.IntegerValue(6),
                        "ok", new FieldValue.BooleanValue(false), "note", new FieldValue.StringValue("y")), BASE + SECOND)));
        SeriesQuery.Builder n = SeriesQuery.builder("typed", "n").range(BASE, BASE + 10 * SECOND)
                .aggregate(Aggregation.of(Aggregation.Function.SUM));
        assertThat(value(store.query(n.build()))).isEqualTo(10);
        assertThat(store.query(SeriesQuery.builder("typed", "ok").range(BASE, BASE + 10 * SECOND).build()))
                .singleElement().extracting(Series::samples).asList()
                .containsExactly(new Series.Sample(BASE, 1), new Series.Sample(BASE + SECOND, 0));
    }

    @Test
    void unknownMeasurementGivesNoSeries() {
        assertThat(store.query(SeriesQuery.builder("never_written", "value").range(BASE, BASE + SECOND).build())).isEmpty();
    }

    protected static double value(List<Series> result) {
        assertThat(result).hasSize(1);
        assertThat(result.get(0).samples()).hasSize(1);
        return result.get(0).samples().get(0).value();
    }

    /** Window arithmetic for expectations, independent of the code under test. */
    static final class WindowedTimes {
        static long windowStart(long time, long window) {
            return time - Math.floorMod(time, window);
        }
    }
}
