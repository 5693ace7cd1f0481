package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorServerTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final long NOW_NANOS = TimeSpec.nanos(NOW);
    private final HttpClient http = HttpClient.newHttpClient();
    private MonitorServer server;

    @BeforeEach
    void start() {
        ServerConfig config = ServerConfig.ephemeral(Clock.fixed(NOW, ZoneOffset.UTC)).withPorts(0, 0).withLimits(64 * 1024, 1024);
        server = MonitorServer.start(MetricStores.inMemory(), config);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + pathAndQuery);
    }

    private double count(String measurement) {
        List<Series> result = server.store().query(SeriesQuery.builder(measurement, "value")
                .range(NOW_NANOS - 3_600_000_000_000L, NOW_NANOS + 1)
                .aggregate(Aggregation.of(Aggregation.Function.COUNT)).build());
        return result.isEmpty() ? 0 : result.get(0).samples().get(0).value();
    }

    @Test
    void pingAnswers204WithAVersionHeader() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/ping")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("X-Influxdb-Version")).isPresent();
    }

    @Test
    void v1WriteStoresPointsAndAnswers204() throws Exception {
        HttpResponse<String> response = post("/write?db=aisprint&precision=s", "cpu,host=a value=1 " + (NOW.getEpochSecond() - 10)
                + "\ncpu,host=a value=2\n");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(count("cpu")).isEqualTo(2);
    }

    @Test
    void partialWriteKeepsGoodLinesAndNamesTheBadOnes() throws Exception {
        HttpResponse<String> response = post("/write?db=aisprint", "mem value=1 1714564700000000000\nmem value=oops\n# note\nmem value=3\nmem\n");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("error").asText()).startsWith("partial write:").contains("(line 2)").contains("invalid field value 'oops'")
                .contains("(line 5)").contains("missing fields").contains("2 lines rejected, 2 points written");
        assertThat(count("mem")).isEqualTo(2);
    }

    @Test
    void v2WriteSpeaksTheV2ErrorShape() throws Exception {
        assertThat(post("/api/v2/write?org=o&bucket=aisprint&precision=ms", "disk value=1 " + NOW.toEpochMilli()).statusCode()).isEqualTo(204);
        HttpResponse<String> bad = post("/api/v2/write?org=o&bucket=aisprint", "disk value=\"unterminated");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode body = new ObjectMapper().readTree(bad.body());
        assertThat(body.get("code").asText()).isEqualTo("invalid");
        assertThat(body.get("message").asText()).contains("line 1").contains("unterminated string");
        assertThat(count("disk")).isEqualTo(1);
    }

    @Test
    void missingDatabaseOrBucketAndBadPrecisionAreRejected() throws Exception {
        assertThat(post("/write", "m value=1").body()).contains("db is required");
        assertThat(post("/api/v2/write?org=o", "m value=1").body()).contains("bucket is required");
        HttpResponse<String> precision = post("/write?db=aisprint&precision=yr", "m value=1");
        assertThat(precision.statusCode()).isEqualTo(400);
        assertThat(precision.body()).contains("Unknown precision 'yr'");
    }

    @Test
    void oversizedBodiesGet413AndLongLinesAreRejectedOneByOne() throws Exception {
        HttpResponse<String> huge = post("/write?db=aisprint", "m value=1\n".repeat(10_000));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("exceeds 65536 bytes");
        HttpResponse<String> longLine = post("/write?db=aisprint", "long value=1\nlong text=\"" + "x".repeat(2000) + "\"\n");
        assertThat(longLine.statusCode()).isEqualTo(400);
        assertThat(longLine.body()).contains("line 2").contains("limit is 1024");
        assertThat(count("long")).isEqualTo(1);
    }

    @Test
    void acceptsGzipBodies() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("zipped value=1\nzipped value=2 1714564700000000000\n".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/write?db=aisprint")).header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(count("zipped")).isEqualTo(2);
    }

    @Test
    void udpDatagramsAreStored() throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] data = "execution_time,component_name=blur value=0.25\nexecution_time value=bad\n".getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(data, data.length, new InetSocketAddress("127.0.0.1", server.udpPort())));
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (count("execution_time") < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(count("execution_time")).isEqualTo(1);
    }

    @Test
    void queryApiAnswersWindowedAggregatesAsJson() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append("lat,component=a value=").append(i).append(' ').append(NOW.getEpochSecond() - 600 + i * 60).append('\n');
            body.append("lat,component=b value=").append(100 + i).append(' ').append(NOW.getEpochSecond() - 600 + i * 60).append('\n');
        }
        assertThat(post("/write?db=aisprint&precision=s", body.toString()).statusCode()).isEqualTo(204);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                uri("/api/v1/query?measurement=lat&tag=component=a&from=now-10m&to=now&aggregate=max&window=5m&groupBy=component")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode series = new ObjectMapper().readTree(response.body()).get("series");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).get("tags").get("component").asText()).isEqualTo("a");
        assertThat(series.get(0).get("samples").findValuesAsText("value")).containsExactly("4.0", "9.0");
        assertThat(series.get(0).get("samples").get(0).get("time").asText()).isEqualTo("2024-05-01T11:50:00Z");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(uri("/api/v1/query?measurement=lat&aggregate=p")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Unknown aggregate 'p'");
    }
}
