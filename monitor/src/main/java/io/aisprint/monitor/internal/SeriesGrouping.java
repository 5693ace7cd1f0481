package io.aisprint.monitor.internal;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Which tags identify a result group: the {@code groupBy} keys a series has ("*" = all). */
final class SeriesGrouping {
    private SeriesGrouping() {
    }

    static SortedMap<String, String> groupTags(SortedMap<String, String> seriesTags, List<String> groupBy) {
        if (groupBy.contains("*")) {
            return seriesTags;
        }
        TreeMap<String, String> group = new TreeMap<>();
        for (String key : groupBy) {
            String value = seriesTags.get(key);
            if (value != null) {
                group.put(key, value);
            }
        }
        return group;
    }
}
