package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterWorker;
import io.aisprint.runtime.NodeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** profile measures on workers only: without --join it is a usage error, with no usable worker it fails. */
class ProfileCommandTest {
    private static final int PORT = io.aisprint.testsupport.FreePorts.block();

    private static Path maskDetection() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("examples/mask-detection"))) {
                return at.resolve("examples/mask-detection");
            }
        }
        throw new IllegalStateException("examples/mask-detection not found");
    }

    @Test
    void withoutWorkersThereIsNothingToMeasure() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("profile", maskDetection().toString(), "--dry-run");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--join");
    }

    @Test
    void aClusterWithoutAWorkerOfAnyCandidateResourceProfilesNothingAndFails() {
        ClusterConfig config = ClusterConfig.of(new NodeSpec("toaster", 1, 512, 0, null, Map.of("resource", "Toaster")),
                ClusterConfig.loopback(PORT, 10)).withPorts(PORT, PORT + 100, 10).withJoinTimeout(Duration.ofSeconds(60));
        try (ClusterWorker worker = ClusterWorker.start(config)) {
            CliTestSupport.Outcome outcome = CliTestSupport.run("profile", maskDetection().toString(), "--dry-run",
                    "--join", "127.0.0.1:" + PORT + ".." + (PORT + 9));
            assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.INVALID);
            assertThat(outcome.err()).contains("nothing was profiled", "resource=RaspberryPi4");
        }
    }
}
