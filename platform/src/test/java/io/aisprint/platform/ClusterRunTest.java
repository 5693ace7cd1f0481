package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.runtime.NodeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job on real worker processes (the "done when", shortened): one Raspberry Pi
 * worker and two VM workers in their own JVMs; a VM worker is killed with requests on it; the run
 * completes with nothing failed and those requests retried; a worker that joins mid-run serves;
 * losing the only worker of a needed resource stops the next run naming it.
 */
class ClusterRunTest {
    private static final int PORT = io.aisprint.testsupport.FreePorts.block();

    @TempDir
    static Path logs;
    static ClusterDriver driver;
    static WorkerJvm pi;
    static WorkerJvm vm1;
    static WorkerJvm vm2;
    static WorkerJvm vm3;

    @BeforeAll
    static void startWorkers() throws Exception {
        pi = WorkerJvm.start("pi", "resource=RaspberryPi4", PORT, logs);
        vm1 = WorkerJvm.start("vm1", "resource=VM-t3xlarge,speed=0.05", PORT, logs);
        vm2 = WorkerJvm.start("vm2", "resource=VM-t3xlarge,speed=0.05", PORT, logs);
        ClusterConfig config = ClusterConfig.of(new NodeSpec("driver", 1, 256, 0, null, Map.of()),
                ClusterConfig.loopback(PORT, 10)).withPorts(PORT, PORT + 100, 10).withJoinTimeout(Duration.ofSeconds(60));
        driver = ClusterDriver.start(config);
        driver.awaitWorkers(3, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        for (WorkerJvm worker : new WorkerJvm[] {pi, vm1, vm2, vm3}) {
            if (worker != null) {
                worker.close();
            }
        }
        if (driver != null) {
            driver.close();
        }
    }

    /**
     * The second run loses the Raspberry Pi the first one needs: one factory runs them in the order
     * written, so nothing depends on the order the test engine picks for methods.
     */
    @TestFactory
    Stream<DynamicTest> runsOneAfterAnother() {
        return Stream.of(
                dynamicTest("a killed worker's requests run again elsewhere and a joining worker serves",
                        ClusterRunTest::aKilledWorkersRequestsRunAgainElsewhereAndAJoiningWorkerServes),
                dynamicTest("losing the only worker of a needed resource stops the run naming it",
                        ClusterRunTest::losingTheOnlyWorkerOfANeededResourceStopsTheRunNamingIt));
    }

    private static void aKilledWorkersRequestsRunAgainElsewhereAndAJoiningWorkerServes() throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        RunListener listener = new RunListener() {
            @Override
            public void tick(RunResult.TimelinePoint point) {
                if (point.time() >= 3 && killed.compareAndSet(false, true)) {
                    try {
                        // Frozen first, so requests pile up on it unanswered; then it dies with them.
                        vm1.freeze();
                        Thread.sleep(3000);
                        vm1.kill();
                        vm3 = WorkerJvm.start("vm3", "resource=VM-t3xlarge,speed=0.05", PORT, logs);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        RunOptions options = RunOptions.defaults(LoadProfile.constant(4)).withDuration(14).withReplan(false);
        RunResult result = ApplicationManager.runOnCluster(Examples.maskDetection(), options, listener, driver);
        // The joining worker may still be starting when the arrivals end on a slow machine: wait, then check it serves.
        driver.awaitWorkers(3, Duration.ofSeconds(60));
        RunResult after = ApplicationManager.runOnCluster(Examples.maskDetection(),
                RunOptions.defaults(LoadProfile.constant(4)).withDuration(2).withReplan(false), null, driver);

        assertThat(result.backend().kind()).isEqualTo("cluster");
        assertThat(result.requestsIn()).isEqualTo(result.requestsCompleted() + result.requestsFailed()).isGreaterThan(40);
        assertThat(result.requestsFailed()).as("failures %s", result.failureReasons()).isZero();
        assertThat(result.backend().requestsRetried()).isPositive();
        assertThat(result.backend().workers()).containsEntry("RaspberryPi4", List.of("pi"));
        assertThat(result.backend().workers().get("VM-t3xlarge")).contains("vm1", "vm2");
        assertThat(result.backend().events()).anyMatch(event -> event.contains("FAILED vm1"));
        assertThat(after.backend().workers().get("VM-t3xlarge")).containsExactlyInAnyOrder("vm2", "vm3");
        assertThat(after.requestsFailed()).isZero();
        // Service times were measured on the workers: the emulated VMs (speed 0.05) hold each detection 20× its compute.
        assertThat(result.timeline()).anySatisfy(point -> assertThat(point.utilisation().getOrDefault("VM-t3xlarge", 0.0))
                .isPositive());
    }

    private static void losingTheOnlyWorkerOfANeededResourceStopsTheRunNamingIt() {
        AtomicBoolean killed = new AtomicBoolean();
        RunListener listener = new RunListener() {
            @Override
            public void tick(RunResult.TimelinePoint point) {
                if (point.time() >= 2 && killed.compareAndSet(false, true)) {
                    try {
                        pi.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        RunResult result = ApplicationManager.runOnCluster(Examples.maskDetection(),
                RunOptions.defaults(LoadProfile.constant(3)).withDuration(30).withReplan(false), listener, driver);

        assertThat(result.backend().stopReason()).contains("lost every worker of resource RaspberryPi4", "pi");
        assertThat(result.wallSeconds()).as("stops early").isLessThan(25);
        assertThat(result.requestsIn()).isEqualTo(result.requestsCompleted() + result.requestsFailed());
    }
}
