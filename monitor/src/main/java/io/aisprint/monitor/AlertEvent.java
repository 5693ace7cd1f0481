package io.aisprint.monitor;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/** A rule's level changed for one group of tags. {@code value} is NaN when there was no data. */
public record AlertEvent(String rule, SortedMap<String, String> tags, Level previous, Level level, double value,
        Instant time, String message) {
    public AlertEvent {
        tags = new TreeMap<>(tags);
    }
}
