package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.monitor.MetricStores;
import io.aisprint.monitor.MonitorServer;
import io.aisprint.monitor.Point;
import io.aisprint.monitor.ServerConfig;
import io.aisprint.monitor.TimeSpec;
import io.aisprint.monitor.spi.MetricStore;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {
    @TempDir
    Path directory;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<Point> latencies(long now) {
        return List.of(
                Point.of("latency", Map.of("component", "blur"), "value", 1.5, now - 120_000_000_000L),
                Point.of("latency", Map.of("component", "blur"), "value", 2.5, now - 60_000_000_000L),
                Point.of("latency", Map.of("component", "detect"), "value", 9.0, now - 60_000_000_000L));
    }

    @Test
    void helpListsTheSubcommands() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("monitor", "--help");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("serve", "agent", "query", "check-rules", "/api/v2/write", "8094");
    }

    @Test
    void queryReadsAnEmbeddedStoreDirectory() {
        long now = TimeSpec.nanos(Instant.now());
        try (MetricStore store = MetricStores.embedded(directory)) {
            store.write(latencies(now));
        }
        CliTestSupport.Outcome outcome = CliTestSupport.run("monitor", "query", "--data", directory.toString(),
                "-m", "latency", "--from", "now-10m", "--aggregate", "max", "--group-by", "component");
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("{\"component\":\"blur\"}").contains("2.5").contains("{\"component\":\"detect\"}").contains("9.0");
    }

    @Test
    void queryAsksARunningServerAndPrintsJson() {
        try (MonitorServer server = MonitorServer.start(MetricStores.inMemory(), ServerConfig.ephemeral(Clock.systemUTC()))) {
            server.store().write(latencies(TimeSpec.nanos(Instant.now())));
            CliTestSupport.Outcome outcome = CliTestSupport.run("monitor", "query", "--server", "http://127.0.0.1:" + server.httpPort(),
                    "-m", "latency", "--tag", "component=blur", "--from", "-10m", "--aggregate", "count", "--json");
            assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
            assertThat(outcome.out()).contains("\"series\"").contains("\"value\" : 2.0");
            CliTestSupport.Outcome bad = CliTestSupport.run("monitor", "query", "--server", "http://127.0.0.1:" + server.httpPort(),
                    "-m", "latency", "--aggregate", "median");
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID);
            assertThat(bad.err()).contains("Unknown aggregate 'median'");
        }
    }

    @Test
    void queryExplainsAnUnreachableServer() throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("monitor", "query", "--server", "http://127.0.0.1:" + freePort(), "-m", "x");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("Cannot reach the monitor server").contains("aisprint monitor serve").doesNotContain("\tat ");
    }

    @Test
    void checkRulesListsRulesOrEveryProblem() throws Exception {
        Path good = directory.resolve("rules.yaml");
        Files.writeString(good, "rules:\n  - name: slow\n    measurement: latency\n    crit: 3\nqos:\n  limits:\n"
                + "    - {name: path, components: [a, b], limit: 2}\n");
        CliTestSupport.Outcome ok = CliTestSupport.run("monitor", "check-rules", good.toString());
        assertThat(ok.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(ok.out()).contains("2 rule(s)").contains("slow (threshold)").contains("qos-path (qos)");
        Path bad = directory.resolve("bad.yaml");
        Files.writeString(bad, "rules:\n  - name: x\n    type: deadman\n");
        CliTestSupport.Outcome failed = CliTestSupport.run("monitor", "check-rules", bad.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(failed.err()).contains("'measurement' is required").contains("needs 'after'").doesNotContain("Exception");
        CliTestSupport.Outcome missing = CliTestSupport.run("monitor", "check-rules", directory.resolve("none.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("Cannot read rule file");
    }

    @Test
    void serveRejectsABusyPortAndAnUnknownStore() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliTestSupport.Outcome outcome = CliTestSupport.run("monitor", "serve", "--data", directory.toString(),
                    "--port", Integer.toString(busy.getLocalPort()), "--udp-port", "-1");
            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).contains("Cannot listen on 127.0.0.1:" + busy.getLocalPort()).doesNotContain("\tat ");
        }
        CliTestSupport.Outcome store = CliTestSupport.run("monitor", "serve", "--store", "cassandra");
        assertThat(store.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(store.err()).contains("cassandra");
    }

    @Test
    void agentRejectsABadUpstreamAndSize() {
        CliTestSupport.Outcome upstream = CliTestSupport.run("monitor", "agent", "--upstream", "ftp://x", "--buffer", directory.toString());
        assertThat(upstream.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(upstream.err()).contains("not an http");
        CliTestSupport.Outcome size = CliTestSupport.run("monitor", "agent", "--upstream", "http://x", "--buffer", directory.toString(),
                "--max-buffer", "huge");
        assertThat(size.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(size.err()).contains("Cannot read size 'huge'");
    }

    @Test
    void theExampleRuleFileChecksAndProblemsAreNamedOnce() throws Exception {
        java.nio.file.Path example = io.aisprint.testsupport.Examples.repositoryRoot().resolve("examples/monitor/rules.yaml");
        CliTestSupport.Outcome ok = CliTestSupport.run("monitor", "check-rules", example.toString());
        assertThat(ok.exitCode()).as(ok.err()).isEqualTo(ExitCodes.OK);
        assertThat(ok.out()).contains("5 rule(s)", "evaluated every 10 s").doesNotContain("PT10S");

        java.nio.file.Path bad = java.nio.file.Files.createTempFile("rules", ".yaml");
        java.nio.file.Files.writeString(bad, """
            rules:
              - {name: a, measurement: m, field: f, crit: 1}
              - {name: a, measurement: m, field: f, crit: 2}
            qos:
              limits:
                - {name: x, components: [c], limit: -1}
            webhooks:
              - {attempts: 2}
            """);
        CliTestSupport.Outcome failed = CliTestSupport.run("monitor", "check-rules", bad.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(failed.err()).contains("rule 2 'a': the name is used twice", "must be a positive number", "webhook 1: 'url' is required")
            .doesNotContain("webhook 1: webhook 1:");

        java.nio.file.Files.writeString(bad, "rules:\n  - {name: a, measurment: m}\n");
        CliTestSupport.Outcome typo = CliTestSupport.run("monitor", "check-rules", bad.toString());
        assertThat(typo.err()).contains("line 2", "unknown key \"measurment\"", "Maybe you meant \"measurement\"?");
        java.nio.file.Files.delete(bad);

        assertThat(Durations.human(java.time.Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Durations.human(java.time.Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(Durations.human(java.time.Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(Durations.human(java.time.Duration.ofMillis(250))).isEqualTo("250 ms");
    }
}
