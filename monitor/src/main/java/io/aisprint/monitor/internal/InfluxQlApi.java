package io.aisprint.monitor.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.monitor.InfluxQl;
import io.aisprint.monitor.MonitorException;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import io.aisprint.monitor.TimeSpec;
import io.aisprint.monitor.spi.MetricStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Locale;

/**
 * {@code GET|POST /query?q=...&epoch=}: the InfluxQL subset of {@link InfluxQl}, answered in
 * InfluxDB 1.x's JSON shape. {@code CREATE DATABASE} and {@code SHOW DATABASES} are accepted
 * so that clients that set up a database first keep working (one store holds everything).
 */
public final class InfluxQlApi {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InfluxQlApi() {
    }

    public static void handle(Context ctx, MetricStore store, Clock clock) {
        String statement = ctx.queryParam("q");
        if (statement == null) {
            statement = ctx.formParam("q");
        }
        ctx.contentType("application/json");
        ctx.header("X-Influxdb-Version", HttpFront.VERSION);
        if (statement == null || statement.isBlank()) {
            ctx.status(400).result("{\"error\":\"missing required parameter \\\"q\\\"\"}");
            return;
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode result = root.putArray("results").addObject();
        result.put("statement_id", 0);
        String lower = statement.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("create database")) {
            ctx.result(root.toString());
            return;
        }
        if (lower.startsWith("show databases")) {
            ObjectNode series = result.putArray("series").addObject();
            series.put("name", "databases");
            series.putArray("columns").add("name");
            series.putArray("values").addArray().add("aisprint");
            ctx.result(root.toString());
            return;
        }
        SeriesQuery query;
        try {
            query = InfluxQl.parse(statement, clock);
        } catch (MonitorException e) {
            ctx.status(400).result(MAPPER.createObjectNode().put("error", e.getMessage()).toString());
            return;
        }
        String epoch = ctx.queryParam("epoch");
        String column = query.aggregation().map(a -> a.function().name().toLowerCase(Locale.ROOT)).orElse(query.field());
        ArrayNode seriesArray = result.putArray("series");
        for (Series series : store.query(query)) {
            ObjectNode node = seriesArray.addObject();
            node.put("name", series.measurement());
            if (!series.tags().isEmpty()) {
                ObjectNode tags = node.putObject("tags");
                series.tags().forEach(tags::put);
            }
            node.putArray("columns").add("time").add(column);
            ArrayNode values = node.putArray("values");
            for (Series.Sample sample : series.samples()) {
                ArrayNode row = values.addArray();
                if (epoch == null || epoch.isEmpty()) {
                    row.add(TimeSpec.instant(sample.timeNanos()).toString());
                } else {
                    row.add(sample.timeNanos() / epochDivisor(epoch));
                }
                row.add(sample.value());
            }
        }
        if (seriesArray.isEmpty()) {
            result.remove("series");
        }
        ctx.result(root.toString());
    }

    private static long epochDivisor(String epoch) {
        return switch (epoch) {
            case "u", "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1L;
        };
    }
}
