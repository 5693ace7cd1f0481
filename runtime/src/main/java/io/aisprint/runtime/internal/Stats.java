package io.aisprint.runtime.internal;

import io.aisprint.runtime.RunSummary;
import io.aisprint.runtime.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Constant-size run statistics (counters and a log-scale latency histogram, so a million tasks
 * cost no more than ten) plus the optional, capped per-attempt trace.
 */
final class Stats {
    private static final int SUB_BUCKETS = 4;
    private static final int MAX_TASK_NAMES = 10_000;

    final LongAdder submitted = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder ignored = new LongAdder();
    private final AtomicLongArray histogram = new AtomicLongArray(64 * SUB_BUCKETS);
    private final LongAdder latencySum = new LongAdder();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAccumulator latencyMax = new LongAccumulator(Math::max, 0);
    private final Map<String, NameStats> perName = new ConcurrentHashMap<>();
    private final boolean tracing;
    private final int traceLimit;
    private final List<TaskRecord> trace = new ArrayList<>();
    private final long startNanos;

    Stats(boolean tracing, int traceLimit, long startNanos) {
        this.tracing = tracing;
        this.traceLimit = traceLimit;
        this.startNanos = startNanos;
    }

    private static final class NameStats {
        final LongAdder count = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder latencySum = new LongAdder();
        final LongAccumulator latencyMax = new LongAccumulator(Math::max, 0);
    }

    void attempt(TaskNode task, String node, long startNanosAbs, long endNanosAbs, String outcome, boolean failure,
            int inputsMoved, long bytesMoved) {
        long latency = Math.max(0, endNanosAbs - task.readyNanos);
        histogram.incrementAndGet(bucket(latency));
        latencySum.add(latency);
        latencyCount.increment();
        latencyMax.accumulate(latency);
        NameStats stats = perName.get(task.name());
        if (stats == null) {
            String key = perName.size() < MAX_TASK_NAMES ? task.name() : "(other)";
            stats = perName.computeIfAbsent(key, k -> new NameStats());
        }
        stats.count.increment();
        if (failure) {
            stats.failures.increment();
        }
        stats.latencySum.add(latency);
        stats.latencyMax.accumulate(latency);
        if (tracing) {
            TaskRecord record = new TaskRecord(task.id(), task.name(), node, task.attempt, task.readyNanos - startNanos,
                    startNanosAbs - startNanos, endNanosAbs - startNanos, outcome, inputsMoved, bytesMoved);
            synchronized (trace) {
                if (trace.size() < traceLimit) {
                    trace.add(record);
                }
            }
        }
    }

    List<TaskRecord> trace() {
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }

    private static int bucket(long nanos) {
        if (nanos < SUB_BUCKETS) {
            return (int) nanos;
        }
        int msb = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) ((nanos >>> (msb - 2)) & (SUB_BUCKETS - 1));
        return msb * SUB_BUCKETS + sub;
    }

    /** The middle of a bucket's range, in nanoseconds. */
    private static double bucketMiddle(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int msb = index / SUB_BUCKETS;
        int sub = index % SUB_BUCKETS;
        double low = Math.pow(2, msb) * (1 + sub / (double) SUB_BUCKETS);
        double width = Math.pow(2, msb) / SUB_BUCKETS;
        return low + width / 2;
    }

    private double percentileMillis(double fraction) {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return Math.min(bucketMiddle(i), latencyMax.get()) / 1e6;
            }
        }
        return latencyMax.get() / 1e6;
    }

    RunSummary summary(long nowNanos) {
        long count = latencyCount.sum();
        Map<String, RunSummary.TaskStats> tasks = new TreeMap<>();
        perName.forEach((name, stats) -> {
            long n = stats.count.sum();
            tasks.put(name, new RunSummary.TaskStats(n, stats.failures.sum(),
                    n == 0 ? 0 : stats.latencySum.sum() / 1e6 / n, stats.latencyMax.get() / 1e6));
        });
        return new RunSummary(submitted.sum(), succeeded.sum(), failed.sum(), cancelled.sum(), retried.sum(),
                ignored.sum(), count == 0 ? 0 : latencySum.sum() / 1e6 / count, percentileMillis(0.5),
                percentileMillis(0.95), latencyMax.get() / 1e6, nowNanos - startNanos, Map.copyOf(tasks));
    }
}
