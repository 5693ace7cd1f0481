package io.aisprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.SchedulingPolicies;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults on a real cluster of worker JVMs: a worker killed with {@code kill -9}, a worker frozen
 * with {@code kill -STOP}, every worker matching a constraint gone, and a worker joining mid-run.
 * The steps build on each other (e1 dies, e2 hangs, e3 joins): one test factory runs them in the
 * order written, so nothing depends on the order the test engine picks for methods, and no step
 * can be selected alone on a cluster it did not prepare.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverTest {
    private static final int PORT = TestClusters.freePortBlock();
    private static final Constraints EDGE = Constraints.of().withLabel("layer", "edge");
    private final List<WorkerProcess> workers = new ArrayList<>();
    private Path logs;
    private ClusterDriver driver;

    @BeforeAll
    void startCluster() throws Exception {
        logs = Files.createTempDirectory("aisprint-failover-test-");
        workers.add(WorkerProcess.start("e1", "layer=edge", 2, PORT, logs, Map.of()));
        workers.add(WorkerProcess.start("e2", "layer=edge", 2, PORT, logs, Map.of()));
        workers.add(WorkerProcess.start("c1", "layer=cloud", 2, PORT, logs, Map.of()));
        driver = ClusterDriver.start(TestClusters.config("driver", PORT));
        driver.awaitWorkers(3, Duration.ofSeconds(45));
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (driver != null) {
            driver.close();
        }
        for (WorkerProcess worker : workers) {
            worker.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> faultsOneAfterAnother() {
        return Stream.of(
                dynamicTest("a killed worker's tasks are re-executed elsewhere with the same results",
                        this::aKilledWorkersTasksAreReExecutedElsewhereWithTheSameResults),
                dynamicTest("a frozen worker is detected and its tasks run on a live node",
                        this::aFrozenWorkerIsDetectedAndItsTasksRunOnALiveNode),
                dynamicTest("losing every matching worker fails the task clearly instead of hanging",
                        this::losingEveryMatchingWorkerFailsTheTaskClearlyInsteadOfHanging),
                dynamicTest("a worker joining mid-run takes work at once", this::aWorkerJoiningMidRunTakesWorkAtOnce));
    }

    private void aKilledWorkersTasksAreReExecutedElsewhereWithTheSameResults() throws Exception {
        WorkerProcess victim = workers.get(0);
        try (TaskRuntime runtime = driver.runtime(builder -> builder.policy(SchedulingPolicies.fifo()))) {
            List<TaskFuture<Long>> squares = submitSlowSquares(runtime, 16, EDGE);
            runtime.waitOn(squares.get(0)); // the first wave ran: e1 and e2 are now busy with the next
            Instant killed = Instant.now();
            victim.kill();
            for (int i = 0; i < squares.size(); i++) {
                assertThat(runtime.waitOn(squares.get(i))).as("task %d", i).isEqualTo((long) i * i);
            }
            Duration recovery = Duration.between(killed, Instant.now());
            ClusterEvent failed = driver.events().stream()
                    .filter(event -> event.kind() == ClusterEvent.Kind.FAILED && event.node().equals("e1")).findFirst()
                    .orElseThrow(() -> new AssertionError("no FAILED event for e1: " + driver.events()));
            assertThat(Duration.between(killed, failed.at())).as("detection").isLessThan(Duration.ofSeconds(5));
            assertThat(driver.events()).anyMatch(event -> event.kind() == ClusterEvent.Kind.ATTEMPT_LOST && event.node().equals("e1"));
            assertThat(driver.report()).contains("FAILED e1", "ATTEMPT_LOST e1");
            assertThat(runtime.nodes()).extracting(io.aisprint.runtime.NodeSpec::name).doesNotContain("e1");
            assertThat(recovery).as("recovery plus the re-executed work").isLessThan(Duration.ofSeconds(20));
        }
    }

    private void aFrozenWorkerIsDetectedAndItsTasksRunOnALiveNode() throws Exception {
        WorkerProcess frozen = workers.get(1);
        try (TaskRuntime runtime = driver.runtime(builder -> builder.policy(SchedulingPolicies.fifo()))) {
            // More tasks than both workers hold at once (cores plus queue), so e2 has work when it freezes.
            // The default failure policy (FAIL): losing a worker is not the tasks' failure.
            List<TaskFuture<Long>> squares = submitSlowSquares(runtime, 16, Constraints.of(), FailurePolicy.FAIL);
            runtime.waitOn(squares.get(0));
            Instant stopped = Instant.now();
            frozen.freeze();
            for (int i = 0; i < squares.size(); i++) {
                assertThat(runtime.waitOn(squares.get(i))).as("task %d", i).isEqualTo((long) i * i);
            }
            ClusterEvent failed = awaitEvent(ClusterEvent.Kind.FAILED, "e2", Duration.ofSeconds(15));
            // Failure detection is 3 s in tests; a hang is noticed within about twice that.
            assertThat(Duration.between(stopped, failed.at())).as("hang detection").isLessThan(Duration.ofSeconds(10));
            assertThat(driver.events()).anyMatch(event -> event.kind() == ClusterEvent.Kind.ATTEMPT_LOST && event.node().equals("e2"));
        }
    }

    private ClusterEvent awaitEvent(ClusterEvent.Kind kind, String node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<ClusterEvent> event = driver.events().stream()
                    .filter(candidate -> candidate.kind() == kind && candidate.node().equals(node)).findFirst();
            if (event.isPresent()) {
                return event.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind + " event for " + node + ": " + driver.events());
    }

    private void losingEveryMatchingWorkerFailsTheTaskClearlyInsteadOfHanging() {
        try (TaskRuntime runtime = driver.runtime(builder -> builder.policy(SchedulingPolicies.fifo()))) {
            TaskFuture<Long> edgeOnly = runtime.task("edge-only").constraints(EDGE).call(Remote.call(ctx -> 1L));
            TaskFuture<String> anywhere = runtime.task("anywhere").call(Remote.call(ctx -> ctx.nodeName()));
            assertThatThrownBy(() -> runtime.waitOn(edgeOnly))
                    .isInstanceOfSatisfying(TaskRuntimeException.class,
                            error -> assertThat(error.code()).isIn(ErrorCode.UNSATISFIABLE_CONSTRAINT, ErrorCode.RUN_FAILED))
                    .hasStackTraceContaining("layer=edge");
            assertThat(runtime.waitOn(anywhere)).isEqualTo("c1");
        } catch (TaskRuntimeException runStopped) {
            // Closing re-raises the run failure; what matters is that nothing hung.
            assertThat(runStopped).hasStackTraceContaining("layer=edge");
        }
    }

    private void aWorkerJoiningMidRunTakesWorkAtOnce() throws Exception {
        try (TaskRuntime runtime = driver.runtime(builder -> builder.policy(SchedulingPolicies.fifo()))) {
            assertThat(runtime.nodes()).extracting(io.aisprint.runtime.NodeSpec::name).containsExactly("c1");
            workers.add(WorkerProcess.start("e3", "layer=edge", 2, PORT, logs, Map.of()));
            driver.awaitWorkers(2, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runtime.nodes().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50); // the runtime learns of the join asynchronously
            }
            TaskFuture<String> onNewNode = runtime.task("edge").constraints(EDGE).call(Remote.call(ctx -> ctx.nodeName()));
            assertThat(runtime.waitOn(onNewNode)).isEqualTo("e3");
        }
    }

    private static List<TaskFuture<Long>> submitSlowSquares(TaskRuntime runtime, int count, Constraints constraints) {
        return submitSlowSquares(runtime, count, constraints, FailurePolicy.retry(2));
    }

    private static List<TaskFuture<Long>> submitSlowSquares(TaskRuntime runtime, int count, Constraints constraints,
            FailurePolicy policy) {
        List<TaskFuture<Long>> squares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long value = i;
            squares.add(runtime.task("square").constraints(constraints).onFailure(policy)
                    .call(Remote.call(ctx -> {
                        Thread.sleep(300);
                        return value * value;
                    })));
        }
        return squares;
    }
}
