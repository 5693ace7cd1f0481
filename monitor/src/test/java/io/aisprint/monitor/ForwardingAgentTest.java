package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardingAgentTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path buffer;

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private AgentConfig config(int upstreamPort) {
        return new AgentConfig(ServerConfig.ephemeral(clock), URI.create("http://127.0.0.1:" + upstreamPort), buffer,
                64L * 1024 * 1024, AgentConfig.DEFAULT_DATABASE);
    }

    private int post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/write?db=x&precision=s"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<Series.Sample> raw(MonitorServer server, String measurement) {
        List<Series> result = server.store().query(SeriesQuery.builder(measurement, "value").range(0, Long.MAX_VALUE / 2).build());
        return result.isEmpty() ? List.of() : result.get(0).samples();
    }

    @Test
    void buffersWhileTheUpstreamIsDownAndForwardsInOrderWhenItIsBack() throws Exception {
        int upstreamPort = freePort();
        try (ForwardingAgent agent = ForwardingAgent.start(config(upstreamPort))) {
            for (int i = 0; i < 50; i++) {
                assertThat(post(agent.httpPort(), "temp value=" + i + " " + (NOW.getEpochSecond() - 100 + i))).isEqualTo(204);
            }
            assertThat(post(agent.httpPort(), "temp value=99\ntemp value=x")).isEqualTo(400);
            assertThat(agent.pendingBytes()).isPositive();
            assertThat(agent.forwardedPoints()).isZero();
            try (MonitorServer upstream = MonitorServer.start(MetricStores.inMemory(),
                    ServerConfig.ephemeral(clock).withPorts(upstreamPort, -1))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (agent.pendingBytes() > 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                List<Series.Sample> samples = raw(upstream, "temp");
                assertThat(samples).hasSize(51);
                assertThat(samples.get(0).value()).isEqualTo(0);
                assertThat(samples.get(49).value()).isEqualTo(49);
                // The line without a timestamp was stamped by the agent when it arrived, not when forwarded.
                assertThat(samples.get(50)).isEqualTo(new Series.Sample(TimeSpec.nanos(NOW), 99));
                assertThat(agent.forwardedPoints()).isEqualTo(51);
            }
        }
    }

    @Test
    void agentAnswersPingAndReportsStats() throws Exception {
        try (ForwardingAgent agent = ForwardingAgent.start(config(freePort()))) {
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.httpPort() + "/ping"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(204);
            post(agent.httpPort(), "m value=1 1");
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.httpPort()
                    + "/api/v1/stats")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stats.body()).contains("\"bufferedPoints\":1").contains("droppedRecords");
        }
    }

    @Test
    void rejectsBadConfiguration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AgentConfig(ServerConfig.ephemeral(clock),
                URI.create("ftp://x"), buffer, 10L << 20, "db")).hasMessageContaining("not an http");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentConfig.parseSize("lots"))
                .hasMessageContaining("Cannot read size 'lots'");
        assertThat(AgentConfig.parseSize("512MB")).isEqualTo(512L << 20);
        assertThat(AgentConfig.parseSize("2GiB")).isEqualTo(2L << 30);
        assertThat(AgentConfig.parseSize("1000")).isEqualTo(1000);
    }
}
