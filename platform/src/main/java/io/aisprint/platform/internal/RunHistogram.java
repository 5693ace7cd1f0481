package io.aisprint.platform.internal;

import io.aisprint.platform.RunResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every value of one key since the run started, in constant memory per distinct magnitude: count,
 * sum and maximum exactly, percentiles from logarithmic buckets 0.5 % wide (a day-long run at a
 * high rate would make a list of every sample too large to sort at each tick).
 */
final class RunHistogram {
    private static final double GROWTH = 1.005;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    synchronized void add(double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        buckets.merge(bucket(value), 1L, Long::sum);
    }

    synchronized RunResult.RunStats stats() {
        if (count == 0) {
            return RunResult.RunStats.EMPTY;
        }
        return new RunResult.RunStats(count, sum / count, quantile(0.50), quantile(0.95), max);
    }

    /** The same rank rule as the window percentiles: the ceil(q·n)-th smallest value, here its bucket's middle. */
    private double quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : buckets.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return Math.max(min, Math.min(max, middle(entry.getKey())));
            }
        }
        return max;
    }

    private static int bucket(double value) {
        return value <= 0 ? Integer.MIN_VALUE : (int) Math.floor(Math.log(value) / LOG_GROWTH);
    }

    private static double middle(int bucket) {
        return bucket == Integer.MIN_VALUE ? 0 : Math.pow(GROWTH, bucket + 0.5);
    }
}
