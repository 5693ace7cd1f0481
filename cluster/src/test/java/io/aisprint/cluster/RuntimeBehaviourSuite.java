package io.aisprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.Data;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.SchedulingPolicies;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import io.aisprint.runtime.spi.SchedulingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One behavioural suite, two back-ends: the in-process runtime and the cluster of worker JVMs
 * must give the same results for the same application code. Both offer the nodes
 * {@link TestClusters#EDGE} (w1) and {@link TestClusters#CLOUD} (w2). Bodies capture only
 * serialisable locals (never the test instance).
 */
abstract class RuntimeBehaviourSuite {
    private static final Constraints EDGE = Constraints.of().withLabel("layer", "edge");
    private static final Constraints CLOUD = Constraints.of().withLabel("layer", "cloud");

    /** A runtime over w1 and w2 with the given policy; the caller closes it. */
    protected abstract TaskRuntime open(SchedulingPolicy policy);

    @Test
    void aChainOfDependentTasksGivesTheSequentialResult() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<Integer> value = runtime.task("start").call(Remote.call(ctx -> 0));
            for (int i = 0; i < 40; i++) {
                value = runtime.task("inc").in(value).call(Remote.call(ctx -> ctx.<Integer>arg(0) + 1, value));
            }
            assertThat(runtime.waitOn(value)).isEqualTo(40);
        }
    }

    @Test
    void labelConstraintsRouteEachTaskToAMatchingNode() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            List<TaskFuture<String>> edge = new ArrayList<>();
            List<TaskFuture<String>> cloud = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                edge.add(runtime.task("on-edge").constraints(EDGE).call(Remote.call(ctx -> ctx.nodeName() + "/" + ctx.labels().get("resource"))));
                cloud.add(runtime.task("on-cloud").constraints(CLOUD).call(Remote.call(ctx -> ctx.nodeName())));
            }
            assertThat(edge).allSatisfy(future -> assertThat(runtime.waitOn(future)).isEqualTo("w1/RasPi4"));
            assertThat(cloud).allSatisfy(future -> assertThat(runtime.waitOn(future)).isEqualTo("w2"));
        }
    }

    @Test
    void aPartitionPlacedOnAResourceRunsOnTheNodeLabelledWithIt() {
        SchedulingPolicy placement = SchedulingPolicies.placementAware((component, partition) ->
                Optional.of("p1".equals(partition) ? "RasPi4" : "VM1"));
        try (TaskRuntime runtime = open(placement)) {
            List<TaskFuture<String>> first = new ArrayList<>();
            List<TaskFuture<String>> second = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                first.add(runtime.task("detect").placement("detector", "p1").call(Remote.call(ctx -> ctx.labels().get("resource"))));
                second.add(runtime.task("detect").placement("detector", "p2").call(Remote.call(ctx -> ctx.labels().get("resource"))));
            }
            assertThat(first).allSatisfy(future -> assertThat(runtime.waitOn(future)).isEqualTo("RasPi4"));
            assertThat(second).allSatisfy(future -> assertThat(runtime.waitOn(future)).isEqualTo("VM1"));
        }
    }

    @Test
    void aConstraintNoNodeOffersIsReportedInsteadOfWaitingForever() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            assertThatThrownBy(() -> runtime.waitOn(runtime.task("on-fog").constraints(Constraints.of().withLabel("layer", "fog"))
                    .call(Remote.call(ctx -> 1))))
                    .isInstanceOfSatisfying(TaskRuntimeException.class,
                            error -> assertThat(error.code()).isEqualTo(ErrorCode.UNSATISFIABLE_CONSTRAINT))
                    .hasMessageContaining("layer=fog");
        }
    }

    @Test
    void aRetriedTaskRunsAgainAndSucceeds() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<String> flaky = runtime.task("flaky").onFailure(FailurePolicy.retry(1)).call(Remote.call(ctx -> {
                if (ctx.attempt() == 1) {
                    throw new IllegalStateException("first attempt fails on purpose");
                }
                return "ok on attempt " + ctx.attempt();
            }));
            assertThat(runtime.waitOn(flaky)).isEqualTo("ok on attempt 2");
        }
    }

    @Test
    void anIgnoredFailureGivesTheDefaultAndAFailedRunCarriesTheBodysMessage() {
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<Integer> ignored = runtime.task("ignored").onFailure(FailurePolicy.IGNORE).defaultValue(-1)
                    .call(Remote.call(ctx -> {
                        throw new IllegalArgumentException("bad input");
                    }));
            TaskFuture<Integer> after = runtime.task("after").in(ignored).call(Remote.call(ctx -> ctx.<Integer>arg(0) * 10, ignored));
            assertThat(runtime.waitOn(after)).isEqualTo(-10);
            TaskFuture<Integer> failing = runtime.task("failing").onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                    .call(Remote.call(ctx -> {
                        throw new IllegalStateException("boom in the body");
                    }));
            assertThatThrownBy(() -> runtime.waitOn(failing)).hasStackTraceContaining("boom in the body");
        }
    }

    @Test
    void aStencilOverInoutBlocksMatchesTheSequentialComputation() {
        int blocks = 4;
        int width = 64;
        int steps = 8;
        double[][] expected = initialBlocks(blocks, width);
        for (int step = 0; step < steps; step++) {
            double[][] next = new double[blocks][];
            for (int b = 0; b < blocks; b++) {
                next[b] = relax(expected[b], edgeLeft(expected, b), edgeRight(expected, b));
            }
            expected = next;
        }
        try (TaskRuntime runtime = open(SchedulingPolicies.locality())) {
            double[][] initial = initialBlocks(blocks, width);
            List<Data<double[]>> data = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                data.add(runtime.data("block" + b, initial[b], double[]::clone));
            }
            for (int step = 0; step < steps; step++) {
                // Halo values of the previous step, read before any block of this step is rewritten.
                List<TaskFuture<double[]>> halos = new ArrayList<>();
                for (int b = 0; b < blocks; b++) {
                    halos.add(runtime.task("halo").in(data.get(b)).call(Remote.call(ctx -> {
                        double[] block = ctx.arg(0);
                        return new double[] {block[0], block[block.length - 1]};
                    }, data.get(b))));
                }
                for (int b = 0; b < blocks; b++) {
                    TaskFuture<double[]> left = halos.get((b + blocks - 1) % blocks);
                    TaskFuture<double[]> right = halos.get((b + 1) % blocks);
                    runtime.task("relax").inout(data.get(b)).in(left).in(right).run(Remote.update(data.get(b),
                            ctx -> relax(ctx.arg(0), ctx.<double[]>arg(1)[1], ctx.<double[]>arg(2)[0]), data.get(b), left, right));
                }
            }
            for (int b = 0; b < blocks; b++) {
                assertThat(runtime.waitOn(data.get(b))).as("block %d", b).containsExactly(expected[b]);
            }
        }
    }

    @Test
    void aKeptValueIsReadWhereverTheConsumerRuns() {
        try (TaskRuntime runtime = open(SchedulingPolicies.locality())) {
            TaskFuture<RemoteRef<int[]>> big = runtime.task("produce").constraints(EDGE)
                    .call(Remote.keep(ctx -> ramp(200_000)));
            TaskFuture<Long> local = runtime.task("sum-edge").constraints(EDGE).in(big)
                    .call(Remote.call(ctx -> sum(ctx.arg(0)), big));
            TaskFuture<Long> remote = runtime.task("sum-cloud").constraints(CLOUD).in(big)
                    .call(Remote.call(ctx -> sum(ctx.arg(0)), big));
            long expected = 200_000L * 199_999L / 2;
            assertThat(runtime.waitOn(local)).isEqualTo(expected);
            assertThat(runtime.waitOn(remote)).isEqualTo(expected);
            assertThat(runtime.waitOn(big).node()).isEqualTo("w1");
        }
    }

    @Test
    void aFileInputIsStagedToTheNodeThatReadsIt(@TempDir Path directory) throws Exception {
        Path input = directory.resolve("frame.txt");
        Files.writeString(input, "frame 42");
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            TaskFuture<String> read = runtime.task("read").fileIn(input).constraints(CLOUD)
                    .call(Remote.call(ctx -> Files.readString(ctx.file(0)) + " read on " + ctx.nodeName(), input));
            assertThat(runtime.waitOn(read)).isEqualTo("frame 42 read on w2");
        }
    }

    @Test
    void fileOutputsOfARemoteBodyComeBackForTheTasksThatReadThem(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.txt");
        Path log = directory.resolve("log.txt");
        Files.writeString(log, "start\n");
        try (TaskRuntime runtime = open(SchedulingPolicies.fifo())) {
            runtime.task("write").fileOut(report).fileInout(log).constraints(CLOUD)
                    .call(Remote.call(ctx -> {
                        Files.writeString(ctx.file(0), "written on " + ctx.nodeName());
                        Files.writeString(ctx.file(1), Files.readString(ctx.file(1)) + "write\n");
                        return null;
                    }, report, log));
            TaskFuture<String> read = runtime.task("read").fileIn(report).fileIn(log).constraints(EDGE)
                    .call(Remote.call(ctx -> Files.readString(ctx.file(0)) + " | " + Files.readString(ctx.file(1)).strip(), report, log));
            assertThat(runtime.waitOn(read)).isEqualTo("written on w2 | start\nwrite");
        }
        assertThat(Files.readString(report)).isEqualTo("written on w2");
        assertThat(Files.readString(log)).isEqualTo("start\nwrite\n");
    }

    static double[][] initialBlocks(int blocks, int width) {
        double[][] result = new double[blocks][width];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < width; i++) {
                result[b][i] = Math.sin(b * width + i);
            }
        }
        return result;
    }

    static double edgeLeft(double[][] all, int b) {
        double[] left = all[(b + all.length - 1) % all.length];
        return left[left.length - 1];
    }

    static double edgeRight(double[][] all, int b) {
        return all[(b + 1) % all.length][0];
    }

    static double[] relax(double[] block, double left, double right) {
        double[] next = new double[block.length];
        for (int i = 0; i < block.length; i++) {
            double before = i == 0 ? left : block[i - 1];
            double after = i == block.length - 1 ? right : block[i + 1];
            next[i] = (before + block[i] + after) / 3;
        }
        return next;
    }

    static int[] ramp(int size) {
        int[] values = new int[size];
        Arrays.setAll(values, i -> i);
        return values;
    }

    static long sum(int[] values) {
        long total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }
}
