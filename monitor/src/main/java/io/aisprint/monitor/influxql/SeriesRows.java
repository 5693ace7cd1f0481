package io.aisprint.monitor.influxql;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The input of a SELECT for one series: its measurement, tags, field keys, and its rows (time
 * to field values) after the WHERE clause. Read from a store or made from a subquery's result.
 */
record SeriesRows(String measurement, SortedMap<String, String> tags, Set<String> fields,
        TreeMap<Long, Map<String, Object>> rows) {
}
