package io.aisprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.SchedulingPolicies;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.spi.SchedulingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behavioural suite on a real cluster: two worker JVMs (w1 edge, w2 cloud) and the driver in
 * the test JVM, all on loopback, plus checks only a cluster can make (other processes, data
 * moved once).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterBehaviourTest extends RuntimeBehaviourSuite {
    private static final int PORT = TestClusters.freePortBlock();
    private Path logs;
    private WorkerProcess edge;
    private WorkerProcess cloud;
    private ClusterDriver driver;

    @BeforeAll
    void startCluster() throws Exception {
        logs = Files.createTempDirectory("aisprint-cluster-test-");
        edge = WorkerProcess.start("w1", TestClusters.labels(TestClusters.EDGE), 2, PORT, logs, Map.of());
        cloud = WorkerProcess.start("w2", TestClusters.labels(TestClusters.CLOUD), 2, PORT, logs, Map.of());
        driver = ClusterDriver.start(TestClusters.config("driver", PORT));
        try {
            driver.awaitWorkers(2, Duration.ofSeconds(40));
        } catch (ClusterException notJoined) {
            throw new AssertionError(notJoined.getMessage() + "\nw1 log:\n" + edge.log() + "\nw2 log:\n" + cloud.log(), notJoined);
        }
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (driver != null) {
            driver.close();
        }
        edge.close();
        cloud.close();
    }

    @Override
    protected TaskRuntime open(SchedulingPolicy policy) {
        return driver.runtime(builder -> builder.policy(policy));
    }

    @Test
    void workersAdvertiseTheirCapacityAndLabels() {
        // Each worker also carries node=NAME, so a task can be pinned to it.
        assertThat(driver.workers()).containsExactly(withNodeLabel(TestClusters.EDGE), withNodeLabel(TestClusters.CLOUD));
    }

    private static NodeSpec withNodeLabel(NodeSpec spec) {
        Map<String, String> labels = new java.util.TreeMap<>(spec.labels());
        labels.put("node", spec.name());
        return spec.withArchitecture(System.getProperty("os.arch")).withLabels(labels);
    }

    @Test
    void routedTasksRunInTheWorkerProcessesNotInTheDriver() {
        long driverPid = ProcessHandle.current().pid();
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<Long> onEdge = runtime.task("pid").constraints(Constraints.of().withLabel("resource", "RasPi4"))
                    .call(Remote.call(ctx -> ProcessHandle.current().pid()));
            TaskFuture<Long> onCloud = runtime.task("pid").constraints(Constraints.of().withLabel("resource", "VM1"))
                    .call(Remote.call(ctx -> ProcessHandle.current().pid()));
            assertThat(runtime.waitOn(onEdge)).isEqualTo(edge.pid()).isNotEqualTo(driverPid);
            assertThat(runtime.waitOn(onCloud)).isEqualTo(cloud.pid());
        }
    }

    @Test
    void aResultThatCannotTravelFailsTheTaskWithAnExplanation() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<Object> future = runtime.task("unserialisable").onFailure(io.aisprint.runtime.FailurePolicy.CANCEL_SUCCESSORS)
                    .call(Remote.call(ctx -> new Object()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.waitOn(future))
                    .hasStackTraceContaining("must be Serializable").hasStackTraceContaining("unserialisable");
        }
    }

    @Test
    void aTaskThatFailsOnAWorkerIsLoggedThere() throws Exception {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<Object> future = runtime.task("boom").constraints(Constraints.of().withLabel("resource", "RasPi4"))
                    .onFailure(io.aisprint.runtime.FailurePolicy.CANCEL_SUCCESSORS).call(Remote.call(ctx -> {
                        throw new IllegalStateException("broken on purpose");
                    }));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.waitOn(future)).hasStackTraceContaining("broken on purpose");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!edge.log().contains("task boom (attempt") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(edge.log()).containsPattern("task boom \\(attempt \\d+\\) failed on w1: .*broken on purpose");
    }

    @Test
    void aKeptValueMovesOnceToEachNodeThatReadsIt() {
        Map<String, Long> before = driver.fetchCounts();
        try (TaskRuntime runtime = open(SchedulingPolicies.locality())) {
            Constraints onCloud = Constraints.of().withLabel("layer", "cloud");
            TaskFuture<RemoteRef<int[]>> big = runtime.task("produce").constraints(Constraints.of().withLabel("layer", "edge"))
                    .call(Remote.keep(ctx -> ramp(100_000)));
            // Unconstrained readers follow the data to w1 under the locality policy: nothing moves.
            for (int i = 0; i < 3; i++) {
                runtime.waitOn(runtime.task("read-anywhere").in(big).call(Remote.call(ctx -> ctx.nodeName(), big)));
            }
            // Readers pinned to w2 fetch it once; the second one reads the copy.
            for (int i = 0; i < 2; i++) {
                long total = runtime.waitOn(runtime.task("sum").constraints(onCloud).in(big)
                        .call(Remote.call(ctx -> sum(ctx.arg(0)), big)));
                assertThat(total).isEqualTo(100_000L * 99_999L / 2);
            }
            assertThat(driver.fetch(runtime.waitOn(big))).hasSize(100_000);
        }
        Map<String, Long> after = driver.fetchCounts();
        assertThat(after.get("w1") - before.get("w1")).as("fetches by w1").isZero();
        assertThat(after.get("w2") - before.get("w2")).as("fetches by w2").isEqualTo(1);
        assertThat(driver.events()).extracting(ClusterEvent::kind).doesNotContain(ClusterEvent.Kind.FAILED);
        assertThat(List.of(edge.isAlive(), cloud.isAlive())).containsOnly(true);
    }

    @Test
    void readersOnOneNodeShareOneTransferPerValue() {
        Map<String, Long> before = driver.fetchCounts();
        try (TaskRuntime runtime = open(SchedulingPolicies.locality())) {
            Constraints onEdge = Constraints.of().withLabel("layer", "edge");
            Constraints onCloud = Constraints.of().withLabel("layer", "cloud");
            TaskFuture<RemoteRef<int[]>> first = runtime.task("first").constraints(onEdge).call(Remote.keep(ctx -> ramp(50_000)));
            TaskFuture<RemoteRef<int[]>> second = runtime.task("second").constraints(onEdge).call(Remote.keep(ctx -> ramp(70_000)));
            List<TaskFuture<Long>> readers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // The same value twice in one task, and the same two values in tasks that may run at once.
                readers.add(runtime.task("read-both").constraints(onCloud).in(first).in(second)
                        .call(Remote.call(ctx -> sum(ctx.arg(0)) + sum(ctx.arg(1)) + sum(ctx.arg(2)), first, second, first)));
            }
            long expected = 2 * (50_000L * 49_999L / 2) + 70_000L * 69_999L / 2;
            for (TaskFuture<Long> reader : readers) {
                assertThat(runtime.waitOn(reader)).isEqualTo(expected);
            }
        }
        Map<String, Long> after = driver.fetchCounts();
        assertThat(after.get("w2") - before.get("w2")).as("transfers to w2").isEqualTo(2);
        assertThat(after.get("w1") - before.get("w1")).as("transfers to w1").isZero();
    }

    @Test
    void keptValuesAreDroppedOnEveryWorkerOnceTheDriverForgetsThem() throws Exception {
        // Values kept by earlier tests are freed when the collector finds their refs; let that finish
        // first, or a free arriving mid-test reads as a value of this test missing.
        Map<String, Long> before = settledKeptValueCounts();
        try (TaskRuntime runtime = open(SchedulingPolicies.locality())) {
            List<TaskFuture<RemoteRef<double[]>>> blocks = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TaskFuture<RemoteRef<double[]>> block = runtime.task("block").constraints(Constraints.of().withLabel("layer", "edge"))
                        .call(Remote.keep(ctx -> new double[10_000]));
                blocks.add(block);
                // A reader on the other worker leaves a copy there.
                runtime.waitOn(runtime.task("length").constraints(Constraints.of().withLabel("layer", "cloud")).in(block)
                        .call(Remote.call(ctx -> ctx.<double[]>arg(0).length, block)));
            }
            runtime.barrier();
            Map<String, Long> holding = driver.keptValueCounts();
            assertThat(holding.get("w1") - before.get("w1")).as("originals on w1").isEqualTo(5);
            assertThat(holding.get("w2") - before.get("w2")).as("copies on w2").isEqualTo(5);
            blocks.clear();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Long> after = driver.keptValueCounts();
        while ((after.get("w1") > before.get("w1") || after.get("w2") > before.get("w2")) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
            after = driver.keptValueCounts();
        }
        assertThat(after.get("w1")).as("values left on w1").isLessThanOrEqualTo(before.get("w1"));
        assertThat(after.get("w2")).as("copies left on w2").isLessThanOrEqualTo(before.get("w2"));
    }

    /** The kept-value counts once they stop changing (collected several times, unchanged for 1 s), at most 20 s. */
    private Map<String, Long> settledKeptValueCounts() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Long> last = driver.keptValueCounts();
        int unchanged = 0;
        while (unchanged < 4 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(250);
            Map<String, Long> now = driver.keptValueCounts();
            unchanged = now.equals(last) ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }

    @Test
    void aWorkerHoldingQueuedAttemptsNeverRunsMoreAtOnceThanItsCores() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            List<TaskFuture<long[]>> spans = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                spans.add(runtime.task("span").constraints(Constraints.of().withLabel("layer", "edge")).call(Remote.call(ctx -> {
                    long start = System.nanoTime();
                    Thread.sleep(150);
                    return new long[] {start, System.nanoTime()};
                })));
            }
            List<long[]> done = spans.stream().map(runtime::waitOn).toList();
            int most = 0;
            for (long[] span : done) {
                // nanoTime is one monotonic clock for all processes of this machine
                int overlapping = (int) done.stream().filter(other -> other[0] <= span[0] && span[0] < other[1]).count();
                most = Math.max(most, overlapping);
            }
            assertThat(most).as("attempts running at once on the 2-core worker").isEqualTo(2);
        }
    }

    @Test
    void aTimedOutRemoteAttemptIsStoppedOnTheWorkerAndTheWorkerCarriesOn() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            Constraints onEdge = Constraints.of().withLabel("layer", "edge");
            long started = System.nanoTime();
            TaskFuture<String> stuck = runtime.task("stuck").constraints(onEdge).timeout(Duration.ofMillis(300))
                    .onFailure(io.aisprint.runtime.FailurePolicy.CANCEL_SUCCESSORS).call(Remote.call(ctx -> {
                        Thread.sleep(60_000);
                        return "never";
                    }));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.waitOn(stuck)).isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            // Both cores of w1 are free again: two attempts of 200 ms overlap.
            List<TaskFuture<long[]>> after = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                after.add(runtime.task("after").constraints(onEdge).call(Remote.call(ctx -> {
                    long start = System.nanoTime();
                    Thread.sleep(200);
                    return new long[] {start, System.nanoTime()};
                })));
            }
            long[] first = runtime.waitOn(after.get(0));
            long[] second = runtime.waitOn(after.get(1));
            assertThat(Math.max(first[0], second[0])).as("the two attempts overlap").isLessThan(Math.min(first[1], second[1]));
        }
    }

    @Test
    void aRemoteBodyThatDoesNotWriteItsOutputFileFailsNamingIt(@org.junit.jupiter.api.io.TempDir Path directory) {
        Path never = directory.resolve("never.txt");
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<String> missing = runtime.task("forgets").fileOut(never)
                    .onFailure(io.aisprint.runtime.FailurePolicy.CANCEL_SUCCESSORS).call(Remote.call(ctx -> "no file", never));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.waitOn(missing))
                    .hasStackTraceContaining("never.txt").hasStackTraceContaining("did not write");
        }
        assertThat(never).doesNotExist();
    }
}
