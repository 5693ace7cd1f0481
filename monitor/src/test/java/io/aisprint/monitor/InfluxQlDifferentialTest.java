package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.monitor.spi.InfluxDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential suite: the same points go to our server (embedded store) and to a real
 * influxd 1.6.7 ({@code INFLUXDB_URL}, started by .ci/run), then every query of
 * {@code influxql/queries.txt} runs on both and the answers must be the same JSON with the same
 * status. Queries in {@code influxql/known-differences.txt} are where 1.6.7 is wrong or we
 * deliberately differ (with the reason); they run on our side only, which must answer 200/400.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class InfluxQlDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String DB = "diff" + System.nanoTime();

    private Path data;
    private URI influx;
    private MonitorServer server;
    private URI ours;

    /** The store behind our server: the embedded one here; the InfluxDB back-end in the subclass. */
    protected io.aisprint.monitor.spi.MetricStore openStore(Path directory, URI influxUrl) {
        return MetricStores.embedded(directory);
    }

    /** False when our server's store is the very influxd we compare with (then the data goes in once). */
    protected boolean separateServers() {
        return true;
    }

    @BeforeAll
    void load() throws Exception {
        influx = InfluxDbServer.requireRunning();
        data = java.nio.file.Files.createTempDirectory("influxql-diff");
        server = MonitorServer.start(openStore(data, influx), ServerConfig.ephemeral(Clock.systemUTC()));
        ours = URI.create("http://127.0.0.1:" + server.httpPort());
        for (URI target : separateServers() ? List.of(influx, ours) : List.of(ours)) {
            assertThat(post(target, "/query", "q=" + encode("CREATE DATABASE " + DB)).statusCode()).isEqualTo(200);
            for (String body : DifferentialData.batches()) {
                HttpResponse<String> response = post(target, "/write?db=" + DB + "&precision=s", body);
                assertThat(response.statusCode()).as(target + " write: " + response.body()).isEqualTo(204);
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            post(influx, "/query", "q=" + encode("DROP DATABASE " + DB));
            server.close();
            try (var files = java.nio.file.Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void everyQueryAnswersAsInfluxdDoes() throws Exception {
        Map<String, String> known = knownDifferences();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (String query : lines("influxql/queries.txt")) {
            HttpResponse<String> mine = get(ours, query);
            if (!separateServers() && query.matches("(?is)^\\s*(CREATE|DROP|DELETE|ALTER).*")) {
                continue; // one server behind both: running the change twice would compare different states
            }
            if (known.containsKey(query)) {
                if (mine.statusCode() != 200 && mine.statusCode() != 400) {
                    failures.add(query + "\n  ours (known difference) answered " + mine.statusCode() + ": " + mine.body());
                }
                continue;
            }
            HttpResponse<String> theirs = get(influx, query);
            compared++;
            if (mine.statusCode() != theirs.statusCode() || !normalise(mine.body()).equals(normalise(theirs.body()))) {
                failures.add(query + "\n  influxd " + theirs.statusCode() + ": " + abbreviate(theirs.body()) + "\n  ours    "
                        + mine.statusCode() + ": " + abbreviate(mine.body()));
            }
        }
        assertThat(compared).isGreaterThan(150);
        assertThat(failures).as(failures.size() + " of " + compared + " queries differ:\n" + String.join("\n", failures)).isEmpty();
    }

    /**
     * Only what influxd leaves unordered is normalised: rows of different series with the same
     * time (its merge emits them in no fixed order) are sorted by their text.
     */
    private static JsonNode normalise(String body) throws IOException {
        StringBuilder merged = new StringBuilder();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                merged.append(merged.length() == 0 ? "[" : ",").append(line);
            }
        }
        JsonNode root = MAPPER.readTree(merged.append(']').toString());
        for (JsonNode values : root.findValues("values")) {
            if (values instanceof com.fasterxml.jackson.databind.node.ArrayNode rows) {
                List<JsonNode> sorted = new ArrayList<>();
                rows.forEach(sorted::add);
                sorted.sort((a, b) -> a.path(0).asText().equals(b.path(0).asText()) ? a.toString().compareTo(b.toString()) : 0);
                rows.removeAll();
                sorted.forEach(rows::add);
            }
        }
        return root;
    }

    private static String abbreviate(String body) {
        String trimmed = body.trim();
        return trimmed.length() > 1500 ? trimmed.substring(0, 1500) + "..." : trimmed;
    }

    static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : lines("influxql/known-differences.txt")) {
            int tab = line.indexOf(" ## ");
            assertThat(tab).as("known-differences line needs 'query ## reason': " + line).isPositive();
            known.put(line.substring(0, tab).trim(), line.substring(tab + 4).trim());
        }
        return known;
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = InfluxQlDifferentialTest.class.getClassLoader().getResourceAsStream(resource)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        }
    }

    private HttpResponse<String> get(URI base, String query) throws Exception {
        String[] parts = query.split(" \\|\\| ", 2);
        String params = parts.length > 1 ? "&" + parts[1] : "";
        String q = parts[0].replace("$DB", DB);
        boolean write = q.matches("(?is)^\\s*(CREATE|DROP|DELETE|ALTER).*");
        if (write) {
            return post(base, "/query?db=" + DB + params, "q=" + encode(q));
        }
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/query?db=" + DB + params + "&q=" + encode(q))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI base, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
