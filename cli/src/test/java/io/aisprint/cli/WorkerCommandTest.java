package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterEvent;
import io.aisprint.runtime.NodeSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {
    private static final int PORT = io.aisprint.testsupport.FreePorts.block();

    @Test
    void helpExplainsJoiningLabelsAndTls() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("worker", "--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("--join", "--labels", "--tls-dir", "resource=RasPi4", "--failure-detection");
    }

    @Test
    void malformedLabelsJoinAddressesAndDurationsAreUsageErrors() {
        CliTestSupport.Outcome labels = CliTestSupport.run("worker", "--join", "127.0.0.1:47500", "--labels", "layer");
        assertThat(labels.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(labels.err()).contains("--labels", "key=value");
        CliTestSupport.Outcome join = CliTestSupport.run("worker", "--join", "no-port-here");
        assertThat(join.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(join.err()).contains("HOST:PORT");
        CliTestSupport.Outcome duration = CliTestSupport.run("worker", "--join", "127.0.0.1:47500", "--failure-detection", "soon");
        assertThat(duration.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duration.err()).contains("3s");
        CliTestSupport.Outcome tooShort = CliTestSupport.run("worker", "--join", "127.0.0.1:47500", "--failure-detection", "100ms");
        assertThat(tooShort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooShort.err()).contains("too short");
    }

    @Test
    void checkJoinsTheDriversClusterWithItsLabelsAndLeaves() throws Exception {
        NodeSpec driverSpec = new NodeSpec("cli-driver", 1, 1024, 0, null, Map.of());
        ClusterConfig config = ClusterConfig.of(driverSpec, ClusterConfig.loopback(PORT, 10)).withPorts(PORT, PORT + 100, 10)
                .withFailureDetection(Duration.ofSeconds(3));
        try (ClusterDriver driver = ClusterDriver.start(config)) {
            CliTestSupport.Outcome outcome = CliTestSupport.run("worker", "--join", "127.0.0.1:" + PORT + ".." + (PORT + 9),
                    "--port", Integer.toString(PORT), "--communication-port", Integer.toString(PORT + 100),
                    "--name", "cli-w", "--cores", "3", "--labels", "layer=edge,resource=RasPi4", "--check", "--json");
            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            JsonNode report = new ObjectMapper().readTree(outcome.out());
            assertThat(report.get("members").asInt()).isEqualTo(2);
            assertThat(report.get("labels").get("resource").asText()).isEqualTo("RasPi4");
            assertThat(report.get("memberNames").toString()).contains("cli-driver (driver)").doesNotContain("cli-w");
            assertThat(driver.events()).anySatisfy(event -> {
                assertThat(event.kind()).isEqualTo(ClusterEvent.Kind.JOINED);
                assertThat(event.node()).isEqualTo("cli-w");
                assertThat(event.detail()).contains("3 cores", "resource=RasPi4");
            });
        }
    }

    @Test
    void checkWithNobodyAtTheAddressesFailsAndSaysSo() {
        int port = io.aisprint.testsupport.FreePorts.block(); // a block of its own: nobody may answer there
        CliTestSupport.Outcome outcome = CliTestSupport.run("worker", "--join", "127.0.0.1:" + port + ".." + (port + 4),
                "--port", Integer.toString(port), "--port-range", "5", "--communication-port", Integer.toString(port + 100),
                "--name", "lonely", "--check");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains("--check found no other member at 127.0.0.1:" + port, "Maybe start a driver")
                .doesNotContain("\tat org.apache.ignite");
    }
}
