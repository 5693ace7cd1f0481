package io.aisprint.platform.internal;

import io.aisprint.platform.RunResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding windows of measured values per key (component or path), for percentiles in the live view
 * and report, and every value since the start, for the run's own statistics.
 */
public final class ResponseWindows {
    private final long windowNanos;
    private final Map<String, Deque<long[]>> samples = new ConcurrentHashMap<>();
    private final Map<String, RunHistogram> sinceStart = new ConcurrentHashMap<>();

    public ResponseWindows(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records {@code seconds} (application seconds) ending at wall time {@code endNanos}. */
    public void add(String key, long endNanos, double seconds) {
        Deque<long[]> deque = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(new long[] {endNanos, Double.doubleToLongBits(seconds)});
        }
        sinceStart.computeIfAbsent(key, k -> new RunHistogram()).add(seconds);
    }

    public RunResult.Stats stats(String key, long now) {
        Deque<long[]> deque = samples.get(key);
        if (deque == null) {
            return RunResult.Stats.EMPTY;
        }
        RunHistogram all = sinceStart.get(key);
        RunResult.RunStats run = all == null ? RunResult.RunStats.EMPTY : all.stats();
        List<Double> values = new ArrayList<>();
        synchronized (deque) {
            while (!deque.isEmpty() && deque.peekFirst()[0] < now - windowNanos) {
                deque.removeFirst();
            }
            deque.forEach(sample -> values.add(Double.longBitsToDouble(sample[1])));
        }
        if (values.isEmpty()) {
            return new RunResult.Stats(Double.NaN, Double.NaN, Double.NaN, 0, run);
        }
        Collections.sort(values);
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new RunResult.Stats(percentile(values, 0.50), percentile(values, 0.95), mean, values.size(), run);
    }

    private static double percentile(List<Double> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Events (e.g. arrivals) per application second over the last {@code windowNanos}, scaled. */
    public static double rate(Deque<Long> times, long now, long windowNanos, double timeScale) {
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() < now - windowNanos) {
                times.removeFirst();
            }
            return times.size() / (windowNanos / 1e9 / timeScale);
        }
    }
}
