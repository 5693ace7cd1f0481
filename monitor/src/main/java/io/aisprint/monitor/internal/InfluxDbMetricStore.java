package io.aisprint.monitor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.monitor.Aggregation;
import io.aisprint.monitor.LineProtocol;
import io.aisprint.monitor.MonitorException;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.Series;
import io.aisprint.monitor.SeriesQuery;
import io.aisprint.monitor.spi.MetricStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real InfluxDB 1.x server as the store: writes go to {@code /write} as line protocol (the
 * server acknowledges after its WAL write), queries are translated to InfluxQL on
 * {@code /query}. Talks plain HTTP with the JDK client, so no client library is needed.
 */
public final class InfluxDbMetricStore implements MetricStore {
    private static final int LINES_PER_REQUEST = 5_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final String database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public InfluxDbMetricStore(URI url, String database) {
        String text = url.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.database = database;
        execute("CREATE DATABASE " + identifier(database));
    }

    @Override
    public void write(List<Point> points) {
        StringBuilder body = new StringBuilder(points.size() * 64);
        int lines = 0;
        for (Point point : points) {
            LineProtocol.appendLine(body, point);
            body.append('\n');
            if (++lines == LINES_PER_REQUEST) {
                post(body.toString());
                body.setLength(0);
                lines = 0;
            }
        }
        if (lines > 0) {
            post(body.toString());
        }
    }

    private void post(String body) {
        URI uri = base.resolve("write?db=" + encode(database) + "&precision=ns");
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 204) {
            throw new MonitorException(MonitorException.Kind.REMOTE, "InfluxDB at " + base + " refused a write with status "
                    + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public List<Series> query(SeriesQuery query) {
        JsonNode result = execute(influxQl(query));
        List<Series> out = new ArrayList<>();
        JsonNode seriesList = result.path("series");
        boolean rate = query.aggregation().map(a -> a.function() == Aggregation.Function.RATE).orElse(false);
        double windowSeconds = query.windowNanos() / 1e9;
        for (JsonNode series : seriesList) {
            TreeMap<String, String> tags = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> tagFields = series.path("tags").fields();
            while (tagFields.hasNext()) {
                Map.Entry<String, JsonNode> tag = tagFields.next();
                if (!tag.getValue().asText().isEmpty()) {
                    tags.put(tag.getKey(), tag.getValue().asText());
                }
            }
            List<Series.Sample> samples = new ArrayList<>();
            for (JsonNode row : series.path("values")) {
                long time = row.get(0).asLong();
                if (rate) {
                    if (row.get(1).isNumber() && row.get(2).isNumber()) {
                        samples.add(new Series.Sample(time, (row.get(2).asDouble() - row.get(1).asDouble()) / windowSeconds));
                    }
                } else if (row.get(1).isNumber()) {
                    samples.add(new Series.Sample(time, row.get(1).asDouble()));
                } else if (row.get(1).isBoolean()) {
                    samples.add(new Series.Sample(time, row.get(1).asBoolean() ? 1 : 0));
                }
            }
            if (!samples.isEmpty()) {
                out.add(new Series(query.measurement(), tags, samples));
            }
        }
        out.sort((a, b) -> a.tags().toString().compareTo(b.tags().toString()));
        return out;
    }

    /** The InfluxQL statement for a query; windows and groups map one to one. */
    static String influxQl(SeriesQuery query) {
        String field = identifier(query.field());
        String select = query.aggregation().map(aggregation -> switch (aggregation.function()) {
            case MEAN -> "mean(" + field + ")";
            case MIN -> "min(" + field + ")";
            case MAX -> "max(" + field + ")";
            case SUM -> "sum(" + field + ")";
            case COUNT -> "count(" + field + ")";
            case FIRST -> "first(" + field + ")";
            case LAST -> "last(" + field + ")";
            case PERCENTILE -> "percentile(" + field + ", " + aggregation.percentile() + ")";
            case RATE -> "first(" + field + "), last(" + field + ")";
        }).orElse(field);
        StringBuilder statement = new StringBuilder("SELECT ").append(select).append(" FROM ")
                .append(identifier(query.measurement())).append(" WHERE time >= ").append(query.fromNanos())
                .append(" AND time < ").append(query.toNanos());
        query.tags().forEach((key, value) -> statement.append(" AND ").append(identifier(key)).append(" = ").append(literal(value)));
        List<String> groups = new ArrayList<>();
        query.window().ifPresent(window -> groups.add("time(" + window.toNanos() + "ns)"));
        if (query.aggregation().isEmpty() || query.groupBy().contains("*")) {
            groups.add("*");
        } else {
            query.groupBy().forEach(key -> groups.add(identifier(key)));
        }
        if (!groups.isEmpty()) {
            statement.append(" GROUP BY ").append(String.join(", ", groups));
        }
        if (query.window().isPresent()) {
            statement.append(" fill(none)");
        }
        return statement.toString();
    }

    private JsonNode execute(String statement) {
        URI uri = base.resolve("query?epoch=ns&db=" + encode(database));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(statement))).build());
        try {
            JsonNode body = MAPPER.readTree(response.body());
            JsonNode result = body.path("results").path(0);
            String error = body.has("error") ? body.get("error").asText() : result.path("error").asText(null);
            if (response.statusCode() != 200 || error != null) {
                throw new MonitorException(MonitorException.Kind.REMOTE, "InfluxDB at " + base + " rejected '" + statement
                        + "' with status " + response.statusCode() + ": " + (error != null ? error : response.body()));
            }
            return result;
        } catch (IOException e) {
            throw new MonitorException(MonitorException.Kind.REMOTE, "InfluxDB at " + base + " answered '" + statement
                    + "' with something that is not JSON (status " + response.statusCode() + ").", e);
        }
    }

    /** A relayed answer of the back-end server. */
    public record Answer(int status, String body) {
    }

    /** Relays a {@code /query} request unchanged: the back-end speaks InfluxQL itself. */
    public Answer forward(String method, String queryString, String body, String contentType) {
        URI uri = base.resolve("query" + (queryString == null || queryString.isEmpty() ? "" : "?" + queryString));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if ("POST".equals(method)) {
            request.header("Content-Type", contentType == null ? "application/x-www-form-urlencoded" : contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        }
        HttpResponse<String> response = send(request.build());
        return new Answer(response.statusCode(), response.body());
    }

    /** Relays a write to the named database, so status codes and errors are the back-end's own. */
    public Answer forwardWrite(String db, String rp, String precision, String body) {
        String query = "write?db=" + encode(db) + (rp == null ? "" : "&rp=" + encode(rp))
                + (precision == null ? "" : "&precision=" + encode(precision));
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(query)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return new Answer(response.statusCode(), response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MonitorException(MonitorException.Kind.REMOTE, "Cannot reach InfluxDB at " + base + ": " + e.getMessage()
                    + "\nMaybe the server is not running, or the URL is wrong.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorException(MonitorException.Kind.REMOTE, "Interrupted while talking to InfluxDB at " + base, e);
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String literal(String value) {
        return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public void close() {
        // The JDK client has nothing to release before Java 21.
    }
}
