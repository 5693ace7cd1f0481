package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

    private static TaskRuntime twoNodes() {
        return TaskRuntime.builder().node(NodeSpec.of("n1", 1)).node(NodeSpec.of("n2", 1)).build();
    }

    @Test
    void retryRunsAgainOnAnotherNodeUntilItSucceeds() {
        List<String> nodesTried = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TaskRuntime runtime = twoNodes()) {
            TaskFuture<String> future = runtime.task("flaky").onFailure(FailurePolicy.retry(2)).call(ctx -> {
                nodesTried.add(ctx.nodeName());
                if (ctx.attempt() < 2) {
                    throw new IllegalStateException("transient");
                }
                return "ok on attempt " + ctx.attempt();
            });
            assertThat(future.get()).isEqualTo("ok on attempt 2");
            assertThat(nodesTried).hasSize(2);
            assertThat(nodesTried.get(1)).as("the retry prefers another node").isNotEqualTo(nodesTried.get(0));
            assertThat(runtime.summary().retried()).isEqualTo(1);
        }
    }

    @Test
    void retriesExhaustedThenFailStopsTheRun() {
        AtomicInteger attempts = new AtomicInteger();
        TaskRuntime runtime = twoNodes();
        TaskFuture<Integer> doomed = runtime.task("doomed").onFailure(FailurePolicy.retry(2)).call(ctx -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("always");
        });
        assertThatThrownBy(doomed::get).isInstanceOf(TaskFailedException.class).hasMessageContaining("3 attempt(s)");
        assertThat(attempts).hasValue(3);
        assertThatThrownBy(runtime::barrier).isInstanceOf(TaskFailedException.class)
                .satisfies(e -> assertThat(((TaskRuntimeException) e).code()).isEqualTo(ErrorCode.RUN_FAILED))
                .hasMessageContaining("doomed").hasMessageContaining("Maybe");
        assertThatThrownBy(() -> runtime.task("after").call(ctx -> 1)).isInstanceOf(TaskFailedException.class);
        runtime.close(); // already reported: close does not throw again
    }

    @Test
    void failCancelsPendingTasksAndCloseReportsAnUnreportedFailure() {
        TaskRuntime runtime = TaskRuntime.local(1);
        CountDownLatch submitted = new CountDownLatch(1);
        TaskFuture<Integer> bad = runtime.task("bad").call(ctx -> {
            submitted.await();
            throw new IllegalArgumentException("boom");
        });
        TaskFuture<Integer> dependent = runtime.task("dependent").in(bad).call(ctx -> ctx.get(bad) + 1);
        submitted.countDown();
        assertThatThrownBy(dependent::get).isInstanceOf(TaskCancelledException.class).hasMessageContaining("bad");
        assertThatThrownBy(runtime::close).isInstanceOf(TaskFailedException.class).hasMessageContaining("boom");
    }

    @Test
    void ignoreGivesSuccessorsTheDeclaredDefaults() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            Data<String> data = runtime.data("d", "initial");
            TaskFuture<Integer> failing = runtime.task("optional").onFailure(FailurePolicy.IGNORE).defaultValue(-1)
                    .out(data).defaultFor(data, "fallback").call(ctx -> {
                        throw new IllegalStateException("sensor offline");
                    });
            TaskFuture<String> next = runtime.task("next").in(failing).in(data)
                    .call(ctx -> ctx.get(failing) + "/" + ctx.get(data));
            assertThat(next.get()).isEqualTo("-1/fallback");
            assertThat(failing.get()).isEqualTo(-1);
            assertThat(runtime.summary().ignored()).isEqualTo(1);
        }
    }

    @Test
    void dataWrittenByAFailedTaskReportsTheFailureAndIgnoredFileOutputsExistEmpty(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path out = dir.resolve("result.csv");
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            Data<String> data = runtime.data("d", "v0");
            runtime.task("writer").out(data).onFailure(FailurePolicy.CANCEL_SUCCESSORS).run(ctx -> {
                throw new IllegalStateException("disk full");
            });
            assertThatThrownBy(() -> runtime.waitOn(data)).isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("writer").hasMessageContaining("disk full");
            runtime.task("optional-report").fileOut(out).onFailure(FailurePolicy.IGNORE).run(ctx -> {
                throw new IllegalStateException("no data");
            });
            TaskFuture<Long> size = runtime.task("read-report").fileIn(out)
                    .call(ctx -> java.nio.file.Files.size(ctx.path(out)));
            assertThat(size.get()).isZero();
        }
    }

    @Test
    void cancelSuccessorsCancelsOnlyTheDependentsTransitively() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            TaskFuture<Integer> bad = runtime.task("bad").onFailure(FailurePolicy.CANCEL_SUCCESSORS).call(ctx -> {
                throw new IllegalStateException("bad input");
            });
            TaskFuture<Integer> child = runtime.task("child").in(bad).call(ctx -> 1);
            TaskFuture<Integer> grandChild = runtime.task("grand-child").in(child).call(ctx -> 2);
            TaskFuture<Integer> unrelated = runtime.task("unrelated").call(ctx -> 3);
            assertThat(unrelated.get()).isEqualTo(3);
            assertThatThrownBy(bad::get).isInstanceOf(TaskFailedException.class).hasMessageContaining("bad input");
            assertThatThrownBy(child::get).isInstanceOf(TaskCancelledException.class).hasMessageContaining("'bad'");
            assertThatThrownBy(grandChild::get).isInstanceOf(TaskCancelledException.class).hasMessageContaining("'child'");
            runtime.barrier(); // the run goes on
            TaskFuture<Integer> late = runtime.task("late").in(bad).call(ctx -> 4);
            assertThatThrownBy(late::get).isInstanceOf(TaskCancelledException.class);
            assertThat(runtime.summary().cancelled()).isEqualTo(3);
        }
    }

    @Test
    void timeoutFailsTheAttemptAndTheRetrySucceeds() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            TaskFuture<String> future = runtime.task("stuck-once").timeout(Duration.ofMillis(100))
                    .onFailure(FailurePolicy.retry(1)).call(ctx -> {
                        if (ctx.attempt() == 1) {
                            new CountDownLatch(1).await(); // blocks until interrupted by the time-out
                        }
                        return "second";
                    });
            assertThat(future.get()).isEqualTo("second");
        }
    }

    @Test
    void timeoutWithoutRetryFailsWithAClearMessage() {
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskFuture<String> future = runtime.task("stuck").timeout(Duration.ofMillis(50))
                    .onFailure(FailurePolicy.CANCEL_SUCCESSORS).call(ctx -> {
                        new CountDownLatch(1).await();
                        return "never";
                    });
            assertThatThrownBy(future::get).isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("time-out of 50 ms");
        }
    }

    @Test
    void retryAfterwardsCanCancelSuccessorsInsteadOfFailing() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        try (TaskRuntime runtime = twoNodes()) {
            TaskFuture<Integer> bad = runtime.task("bad")
                    .onFailure(FailurePolicy.retry(1).thenApply(FailurePolicy.Kind.CANCEL_SUCCESSORS)).call(ctx -> {
                        counts.merge("bad", 1, Integer::sum);
                        throw new IllegalStateException("no");
                    });
            assertThatThrownBy(bad::get).isInstanceOf(TaskFailedException.class);
            assertThat(counts).containsEntry("bad", 2);
            runtime.barrier();
        }
    }
}
