package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InfluxQlTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long NOW_NANOS = TimeSpec.nanos(NOW);

    @Test
    void parsesAWindowedPercentileWithTagsAndRelativeTime() {
        SeriesQuery query = InfluxQl.parse("SELECT percentile(\"function_duration\", 95) FROM \"execution_time\" WHERE "
                + "\"component_name\" = 'blur' AND time >= now() - 30m GROUP BY time(5m), \"resource_id\" fill(none)", CLOCK);
        assertThat(query.measurement()).isEqualTo("execution_time");
        assertThat(query.field()).isEqualTo("function_duration");
        assertThat(query.tags()).containsEntry("component_name", "blur");
        assertThat(query.aggregation()).contains(Aggregation.percentile(95));
        assertThat(query.window()).contains(Duration.ofMinutes(5));
        assertThat(query.groupBy()).containsExactly("resource_id");
        assertThat(query.fromNanos()).isEqualTo(NOW_NANOS - Duration.ofMinutes(30).toNanos());
    }

    @Test
    void parsesRawSelectsWithAbsoluteTimes() {
        SeriesQuery query = InfluxQl.parse("select value from cpu where time >= '2024-05-01T11:00:00Z' and time < 1714564800000000000", CLOCK);
        assertThat(query.aggregation()).isEqualTo(Optional.empty());
        assertThat(query.fromNanos()).isEqualTo(NOW_NANOS - Duration.ofHours(1).toNanos());
        assertThat(query.toNanos()).isEqualTo(NOW_NANOS);
    }

    @Test
    void refusesWhatItDoesNotSupportWithAHint() {
        assertThatThrownBy(() -> InfluxQl.parse("SELECT * FROM cpu; DROP MEASUREMENT cpu", CLOCK))
                .isInstanceOf(MonitorException.class).hasMessageContaining("Unsupported");
        assertThatThrownBy(() -> InfluxQl.parse("SELECT mean(v) FROM cpu WHERE host =~ /a/", CLOCK))
                .hasMessageContaining("Unsupported WHERE condition");
    }

    @Test
    void queryEndpointAnswersInInfluxDbShape() throws Exception {
        try (MonitorServer server = MonitorServer.start(MetricStores.inMemory(), ServerConfig.ephemeral(CLOCK))) {
            server.store().write(List.of(
                    Point.of("cpu", Map.of("host", "a"), "usage", 10, NOW_NANOS - 120_000_000_000L),
                    Point.of("cpu", Map.of("host", "a"), "usage", 30, NOW_NANOS - 60_000_000_000L),
                    Point.of("cpu", Map.of("host", "b"), "usage", 5, NOW_NANOS - 60_000_000_000L)));
            String q = URLEncoder.encode("SELECT mean(\"usage\") FROM \"cpu\" WHERE time >= now() - 10m GROUP BY \"host\"",
                    StandardCharsets.UTF_8);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/query?db=x&epoch=s&q=" + q)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode series = new ObjectMapper().readTree(response.body()).at("/results/0/series");
            assertThat(series).hasSize(2);
            assertThat(series.get(0).get("tags").get("host").asText()).isEqualTo("a");
            assertThat(series.get(0).get("columns").toString()).isEqualTo("[\"time\",\"mean\"]");
            assertThat(series.get(0).get("values").get(0).get(1).asDouble()).isEqualTo(20.0);
            assertThat(series.get(0).get("values").get(0).get(0).asLong()).isEqualTo(NOW.getEpochSecond() - 600);
            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/query?q=" + URLEncoder.encode("DELETE FROM cpu",
                            StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("Unsupported InfluxQL");
        }
    }
}
