package io.aisprint.monitor.influxql;

import java.util.List;
import java.util.SortedMap;

/**
 * One series of a statement's result, before it is written as JSON. {@code tags} is null when
 * the query did not group by tags; in a SELECT result the first column is the time in nanoseconds.
 */
public record ResultSeries(String name, SortedMap<String, String> tags, List<String> columns, List<List<Object>> values) {
}
