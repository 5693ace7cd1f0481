package io.aisprint.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The query parameters shared by {@code GET /api/v1/query} and {@code aisprint monitor query}
 * ({@code measurement, field, tag=KEY=VALUE, from, to, aggregate, window, groupBy}) and the JSON
 * answer {@code {"series":[{"measurement", "tags", "samples":[{"time", "timeNanos", "value"}]}]}}.
 */
public final class QueryParameters {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QueryParameters() {
    }

    /** Builds a query from request parameters, with the same names the CLI uses. */
    public static SeriesQuery parse(ParameterSource parameters, Clock clock) {
        String measurement = parameters.get("measurement");
        if (measurement == null || measurement.isEmpty()) {
            throw new MonitorException(MonitorException.Kind.INVALID_INPUT, "Parameter 'measurement' is required.");
        }
        String field = parameters.get("field");
        SeriesQuery.Builder builder = SeriesQuery.builder(measurement, field == null || field.isEmpty() ? "value" : field);
        for (String tag : parameters.all("tag")) {
            int equals = tag.indexOf('=');
            if (equals <= 0) {
                throw new MonitorException(MonitorException.Kind.INVALID_INPUT,
                        "Tag filter '" + tag + "' is not KEY=VALUE (e.g. tag=component_name=blur).");
            }
            builder.tag(tag.substring(0, equals), tag.substring(equals + 1));
        }
        String from = parameters.get("from");
        String to = parameters.get("to");
        builder.range(TimeSpec.instantNanos(from == null ? "now-1h" : from, clock), TimeSpec.instantNanos(to == null ? "now" : to, clock));
        String aggregate = parameters.get("aggregate");
        if (aggregate != null && !aggregate.isEmpty()) {
            builder.aggregate(Aggregation.parse(aggregate));
        }
        String window = parameters.get("window");
        if (window != null && !window.isEmpty()) {
            builder.window(TimeSpec.duration(window));
        }
        String groupBy = parameters.get("groupBy");
        if (groupBy != null && !groupBy.isEmpty()) {
            builder.groupBy(Arrays.stream(groupBy.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        return builder.build();
    }

    /** Request parameters by name; lets the CLI and HTTP share {@link #parse}. */
    public interface ParameterSource {
        String get(String name);

        List<String> all(String name);
    }

    public static ObjectNode toJson(List<Series> result) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode seriesArray = root.putArray("series");
        for (Series series : result) {
            ObjectNode node = seriesArray.addObject();
            node.put("measurement", series.measurement());
            ObjectNode tags = node.putObject("tags");
            series.tags().forEach(tags::put);
            ArrayNode samples = node.putArray("samples");
            for (Series.Sample sample : series.samples()) {
                ObjectNode item = samples.addObject();
                item.put("time", TimeSpec.instant(sample.timeNanos()).toString());
                item.put("timeNanos", sample.timeNanos());
                item.put("value", sample.value());
            }
        }
        return root;
    }
}
