package io.aisprint.monitor;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One result series: the tags that identify it (the group) and its samples in time order. */
public record Series(String measurement, SortedMap<String, String> tags, List<Sample> samples) {
    public Series {
        tags = new TreeMap<>(tags);
        samples = List.copyOf(samples);
    }

    public static Series of(String measurement, Map<String, String> tags, List<Sample> samples) {
        return new Series(measurement, new TreeMap<>(tags), samples);
    }

    /** One value at one time (nanoseconds since the epoch). */
    public record Sample(long timeNanos, double value) {
    }
}
