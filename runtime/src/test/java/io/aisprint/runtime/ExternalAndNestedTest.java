package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // groups are opened for their scope, like COMPSsGroup
class ExternalAndNestedTest {
    @TempDir
    Path dir;

    @Test
    void externalTaskRunsAScriptWithFileParametersAndCapturesOutput() throws Exception {
        Path input = dir.resolve("in.txt");
        Path output = dir.resolve("out.txt");
        Files.writeString(input, "hello");
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            TaskFuture<ProcessResult> result = runtime.task("upper")
                    .file("in", Direction.IN, input).file("out", Direction.OUT, output)
                    .external(ExternalCommand.of("sh", "-c", "tr a-z A-Z < {in} > {out}; echo done; echo warn >&2"));
            assertThat(result.get().exitCode()).isZero();
            assertThat(result.get().stdout()).isEqualTo("done\n");
            assertThat(result.get().stderr()).isEqualTo("warn\n");
            assertThat(Files.readString(runtime.waitOnFile(output))).isEqualTo("HELLO");
        }
    }

    @Test
    void nonZeroExitFailsTheTaskUnlessAllowed() {
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskFuture<ProcessResult> failing = runtime.task("exit3").onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                    .external(ExternalCommand.of("sh", "-c", "echo broken >&2; exit 3"));
            assertThatThrownBy(failing::get).isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("exited with code 3").hasMessageContaining("broken");
            TaskFuture<ProcessResult> allowed = runtime.task("exit3-ok")
                    .external(ExternalCommand.of("sh", "-c", "exit 3").allowingNonZeroExit());
            assertThat(allowed.get().exitCode()).isEqualTo(3);
        }
    }

    @Test
    void nestedTasksRunInsideATaskWithoutDeadlockEvenOnOneCore() {
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskFuture<Integer> outer = runtime.task("outer").call(ctx -> {
                List<TaskFuture<Integer>> children = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    int value = i;
                    children.add(ctx.runtime().task("child").call(c -> value * 10));
                }
                int sum = 0;
                for (TaskFuture<Integer> child : children) {
                    sum += child.get();
                }
                return sum;
            });
            assertThat(outer.get()).isEqualTo(150);
        }
    }

    @Test
    void nestedTasksJoinTheParentsGroupAndAreCancelledWithIt() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            assertThatThrownBy(() -> {
                try (TaskGroup group = runtime.group("parent-group")) {
                    runtime.task("spawner").run(ctx -> {
                        ctx.runtime().task("child-thrower").run(c -> {
                            throw new TaskException("child says stop");
                        });
                    });
                }
            }).isInstanceOf(GroupFailedException.class).hasMessageContaining("child says stop");
        }
    }

    @Test
    void barrierInsideATaskIsRejected() {
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskFuture<Void> future = runtime.task("bad-barrier").onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                    .run(ctx -> ctx.runtime().barrier());
            assertThatThrownBy(future::get).hasMessageContaining("barrier() was called inside");
        }
    }
}
