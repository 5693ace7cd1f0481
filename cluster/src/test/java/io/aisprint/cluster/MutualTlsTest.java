package io.aisprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.TaskRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mutual TLS: members with certificates from the cluster's CA form the cluster and run work; a
 * node with a certificate from another CA, or without TLS, can neither join nor submit work.
 * The trusted worker runs in its own JVM; the rejected nodes are tried from the test JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsTest {
    private static final int PORT = TestClusters.freePortBlock();
    private Path directory;
    private TestCertificates authority;
    private WorkerProcess worker;
    private ClusterDriver driver;

    @BeforeAll
    void startTlsCluster() throws Exception {
        directory = java.nio.file.Files.createTempDirectory("aisprint-tls-test-");
        authority = TestCertificates.authority("aisprint-test-ca");
        Path workerTls = authority.issue(directory.resolve("w1"), "w1", authority);
        worker = WorkerProcess.start("w1", "layer=edge", 2, PORT, directory, Map.of("tls-dir", workerTls.toString(),
                "env:AISPRINT_TLS_PASSWORD", new String(TestCertificates.PASSWORD)));
        Path driverTls = authority.issue(directory.resolve("driver"), "driver", authority);
        driver = ClusterDriver.start(TestClusters.config("driver", PORT).withTls(driverTls, TestCertificates.PASSWORD));
        try {
            driver.awaitWorkers(1, Duration.ofSeconds(40));
        } catch (ClusterException notJoined) {
            throw new AssertionError(notJoined.getMessage() + "\nworker log:\n" + worker.log(), notJoined);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void membersWithCertificatesFromTheClusterCaRunWork() {
        try (TaskRuntime runtime = driver.runtime()) {
            String ranOn = runtime.waitOn(runtime.task("hello").constraints(Constraints.of().withLabel("layer", "edge"))
                    .call(Remote.call(ctx -> ctx.nodeName() + " pid " + ProcessHandle.current().pid())));
            assertThat(ranOn).isEqualTo("w1 pid " + worker.pid());
        }
    }

    @Test
    void aNodeWithACertificateFromAnotherCaCannotJoinOrSubmitWork() throws Exception {
        TestCertificates rogueAuthority = TestCertificates.authority("rogue-ca");
        // The rogue even trusts the real CA: only its own certificate gives it away.
        Path rogueTls = rogueAuthority.issue(directory.resolve("rogue"), "rogue", authority);
        assertRejected(TestClusters.config("rogue", PORT).withTls(rogueTls, TestCertificates.PASSWORD));
    }

    @Test
    void aNodeWithoutTlsCannotJoinOrSubmitWork() {
        assertRejected(TestClusters.config("plain", PORT));
    }

    @Test
    void aMissingKeyStoreIsReportedByName() {
        assertThatThrownBy(() -> ClusterWorker.start(TestClusters.config("incomplete", PORT)
                .withTls(directory.resolve("nothing-here"), TestCertificates.PASSWORD)))
                .isInstanceOf(ClusterException.class).hasMessageContaining("node.p12");
    }

    /** The intruder either fails to start or ends up alone; either way it never sees w1 and w1 never sees it. */
    private void assertRejected(ClusterConfig intruderConfig) {
        ClusterConfig quick = intruderConfig.withJoinTimeout(Duration.ofSeconds(5));
        ClusterDriver[] intruder = new ClusterDriver[1];
        Throwable error = catchThrowable(() -> {
            intruder[0] = ClusterDriver.start(quick);
            intruder[0].awaitWorkers(1, Duration.ofSeconds(2));
        });
        try {
            assertThat(error).as("the intruder must not reach the workers").isInstanceOf(ClusterException.class);
            assertThat(driver.workers()).extracting(io.aisprint.runtime.NodeSpec::name).containsExactly("w1");
            assertThat(driver.events()).noneMatch(event -> event.node().equals(quick.node().name()));
        } finally {
            if (intruder[0] != null) {
                intruder[0].close();
            }
        }
    }
}
