package io.aisprint.deploy;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterWorker;
import io.aisprint.cluster.JvmFlags;
import io.aisprint.deploy.deployers.ClusterDeployer;
import io.aisprint.runtime.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance kit on a real cluster: a driver in this JVM and, per instance, a worker JVM
 * started as {@code aisprint worker} starts it (loopback, discovery ports 48060..48069).
 */
class ClusterDeployerTest extends DeployerConformanceKit {
    private static final int PORT = 48060;
    private static ClusterDriver driver;
    private static Path logs;

    @BeforeAll
    static void startDriver() throws IOException {
        logs = Files.createTempDirectory("aisprint-cluster-deployer-test-");
        driver = ClusterDriver.start(ClusterConfig.of(new NodeSpec("driver", 1, 1024, 0, null, Map.of()),
                        ClusterConfig.loopback(PORT, 10))
                .withPorts(PORT, PORT + 100, 10)
                .withFailureDetection(Duration.ofSeconds(3))
                .withJoinTimeout(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @Override
    protected Deployer newDeployer() {
        return new ClusterDeployer(driver::workers, ClusterDeployerTest::workerCommand, logs);
    }

    private static List<String> workerCommand(NodeSpec worker) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.IGNITE_ADD_OPENS);
        command.addAll(JvmFlags.IGNITE_QUIET);
        command.addAll(List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ClusterWorker.class.getName(),
                "--name", worker.name(), "--cores", Integer.toString(worker.cores()),
                "--memory", Long.toString(worker.memoryMb()),
                "--labels", worker.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")),
                "--join", "127.0.0.1:" + PORT + ".." + (PORT + 9),
                "--port", Integer.toString(PORT), "--communication-port", Integer.toString(PORT + 100),
                "--failure-detection-ms", "3000"));
        return command;
    }
}
