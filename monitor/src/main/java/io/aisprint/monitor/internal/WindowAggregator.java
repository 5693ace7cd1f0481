package io.aisprint.monitor.internal;

import io.aisprint.monitor.Aggregation;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes a query's aggregate over time-sorted samples in plain Java. The in-memory store
 * uses it; the embedded store does the same in SQL and the conformance kit checks they agree.
 */
public final class WindowAggregator {
    private WindowAggregator() {
    }

    public static List<Series.Sample> aggregate(SeriesQuery query, List<Series.Sample> sorted) {
        Aggregation aggregation = query.aggregation().orElseThrow();
        List<Series.Sample> out = new ArrayList<>();
        if (sorted.isEmpty()) {
            return out;
        }
        long window = query.windowNanos();
        boolean windowed = query.window().isPresent();
        int start = 0;
        while (start < sorted.size()) {
            long bucket = windowed ? windowStart(sorted.get(start).timeNanos(), window) : query.fromNanos();
            int end = start;
            while (end < sorted.size() && (!windowed || windowStart(sorted.get(end).timeNanos(), window) == bucket)) {
                end++;
            }
            out.add(compute(aggregation, sorted.subList(start, end), bucket, window, windowed));
            start = end;
        }
        return out;
    }

    /** Start of the epoch-aligned window holding {@code time}, also for negative times. */
    public static long windowStart(long time, long window) {
        return time - Math.floorMod(time, window);
    }

    private static Series.Sample compute(Aggregation aggregation, List<Series.Sample> samples, long bucket, long window, boolean windowed) {
        int n = samples.size();
        Series.Sample first = samples.get(0);
        Series.Sample last = samples.get(n - 1);
        return switch (aggregation.function()) {
            case MEAN -> new Series.Sample(bucket, samples.stream().mapToDouble(Series.Sample::value).sum() / n);
            case SUM -> new Series.Sample(bucket, samples.stream().mapToDouble(Series.Sample::value).sum());
            case MIN -> new Series.Sample(bucket, samples.stream().mapToDouble(Series.Sample::value).min().orElseThrow());
            case MAX -> new Series.Sample(bucket, samples.stream().mapToDouble(Series.Sample::value).max().orElseThrow());
            case COUNT -> new Series.Sample(bucket, n);
            case FIRST -> new Series.Sample(windowed ? bucket : first.timeNanos(), first.value());
            case LAST -> new Series.Sample(windowed ? bucket : last.timeNanos(), last.value());
            case RATE -> new Series.Sample(bucket, (last.value() - first.value()) / (window / 1e9));
            case PERCENTILE -> {
                double[] values = samples.stream().mapToDouble(Series.Sample::value).toArray();
                Arrays.sort(values);
                int index = Math.max(0, (int) Math.ceil(n * aggregation.percentile() / 100.0) - 1);
                yield new Series.Sample(bucket, values[index]);
            }
        };
    }
}
