package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real InfluxDB 1.x clients against our server, unchanged: the Debian {@code python3-influxdb}
 * client (query, get_list_database, get_list_measurements, write_points) and the {@code influx}
 * CLI in a scripted interactive session. Each skips when its client is not installed (.ci/run
 * installs both).
 */
class ClientCompatibilityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void pythonClientWorksUnchanged() throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Assumptions.assumeTrue(run(List.of(python, "-c", "import influxdb"), null).exitCode() == 0,
                "python3-influxdb is not installed (apt-get install python3-influxdb; .ci/run does this)");
        Path script = work.resolve("session.py");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("clients/python_session.py")) {
            Files.write(script, in.readAllBytes());
        }
        try (MonitorServer server = MonitorServer.start(MetricStores.embedded(work.resolve("data")), ServerConfig.ephemeral(Clock.systemUTC()))) {
            Result result = run(List.of(python, script.toString(), Integer.toString(server.httpPort())), null);
            assertThat(result.exitCode()).as(result.output()).isZero();
            JsonNode out = MAPPER.readTree(result.output().lines().reduce((a, b) -> b).orElse("{}"));
            assertThat(out.get("databases").toString()).isEqualTo("[\"aisprint\",\"pyclient\"]");
            assertThat(out.get("measurements").toString()).isEqualTo("[{\"name\":\"cpu\"},{\"name\":\"mem\"}]");
            assertThat(out.at("/means/a/0/m").asDouble()).isEqualTo(20.0);
            assertThat(out.at("/means/a/0/sum").asLong()).isEqualTo(3);
            assertThat(out.at("/means/b/0/m").asDouble()).isEqualTo(5.0);
            assertThat(out.get("series").toString()).isEqualTo("[\"cpu,host=a\",\"cpu,host=b\",\"mem,host=a\"]");
            assertThat(out.get("raw").toString()).isEqualTo("[{\"host\":\"a\",\"n\":1,\"time\":1704067200,\"usage\":10},"
                    + "{\"host\":\"a\",\"n\":2,\"time\":1704067260,\"usage\":30}]");
        }
    }

    @Test
    void influxCliRunsAScriptedSession() throws Exception {
        Assumptions.assumeTrue(run(List.of("influx", "-version"), null).exitCode() == 0,
                "the influx CLI is not installed (apt-get install influxdb-client; .ci/run does this)");
        Path dump = work.resolve("import.txt");
        Files.writeString(dump, String.join("\n", "# DDL", "CREATE DATABASE cli", "# DML", "# CONTEXT-DATABASE: cli",
                "cpu,host=a usage=1.5 1704067200", "cpu,host=b usage=2.5 1704067260", ""));
        try (MonitorServer server = MonitorServer.start(MetricStores.embedded(work.resolve("data")), ServerConfig.ephemeral(Clock.systemUTC()))) {
            List<String> cli = List.of("influx", "-host", "127.0.0.1", "-port", Integer.toString(server.httpPort()));
            Result imported = run(concat(cli, "-import", "-path", dump.toString(), "-precision", "s"), null);
            assertThat(imported.output()).as(imported.output()).contains("Processed 2 inserts").contains("Failed 0 inserts");
            Result select = run(concat(cli, "-database", "cli", "-precision", "s", "-execute", "SELECT * FROM cpu"), null);
            assertThat(select.exitCode()).as(select.output()).isZero();
            assertThat(select.output()).containsPattern("1704067200\\s+a\\s+1.5").containsPattern("1704067260\\s+b\\s+2.5");
            Result meta = run(concat(cli, "-database", "cli", "-execute",
                    "SHOW MEASUREMENTS; SHOW TAG VALUES WITH KEY = host; SELECT mean(usage) FROM cpu"), null);
            assertThat(meta.exitCode()).as(meta.output()).isZero();
            assertThat(meta.output()).containsPattern("(?s)name: measurements.*cpu").containsPattern("host\\s+b").contains("2");
            Result json = run(concat(cli, "-database", "cli", "-format", "json", "-execute", "SELECT max(usage) FROM cpu"), null);
            assertThat(json.output()).contains("\"columns\":[\"time\",\"max\"]").contains("2.5");
            Result bad = run(concat(cli, "-database", "nope", "-execute", "SELECT * FROM cpu"), null);
            assertThat(bad.output()).contains("database not found: nope");
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(124, output);
        }
        return new Result(process.exitValue(), output);
    }
}
