package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyAndMisuseTest {
    @TempDir
    Path dir;

    interface MathTasks {
        @Task
        TaskFuture<Integer> square(int value);

        @Task(onFailure = FailurePolicy.Kind.RETRY, retries = 1)
        TaskFuture<Integer> add(TaskFuture<Integer> left, TaskFuture<Integer> right);

        @Task
        TaskFuture<Integer> append(@Param(Direction.INOUT) Data<List<Integer>> list, int value);

        @Task
        TaskFuture<Long> size(@Param(value = Direction.IN, kind = Param.Kind.FILE) Path file);
    }

    public static final class MathImpl {
        public int square(int value) {
            return value * value;
        }

        public int add(Integer left, Integer right) {
            return left + right;
        }

        public int append(List<Integer> list, int value) {
            list.add(value);
            return list.size();
        }

        public long size(Path file) throws java.io.IOException {
            return Files.size(file);
        }
    }

    interface NoDirection {
        @Task
        TaskFuture<Integer> touch(Data<List<Integer>> list);
    }

    interface PathWithoutKind {
        @Task
        TaskFuture<Integer> read(Path file);
    }

    interface WrongReturn {
        @Task
        Integer square(int value);
    }

    public static final class Touch {
        public int touch(List<Integer> list) {
            return 0;
        }

        public int read(Path file) {
            return 0;
        }

        public Integer square(int value) {
            return value;
        }
    }

    @Test
    void proxyCallsSubmitTasksAndFuturesChainAsDependencies() throws Exception {
        Path file = dir.resolve("f.bin");
        Files.write(file, new byte[7]);
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            MathTasks tasks = runtime.proxy(MathTasks.class, new MathImpl());
            TaskFuture<Integer> sum = tasks.add(tasks.square(3), tasks.square(4));
            assertThat(sum.get()).isEqualTo(25);
            Data<List<Integer>> list = runtime.data("list", new ArrayList<>());
            for (int i = 0; i < 10; i++) {
                tasks.append(list, i);
            }
            assertThat(runtime.waitOn(list)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(tasks.size(file).get()).isEqualTo(7L);
        }
    }

    @Test
    void dataParameterWithoutDirectionFailsWhenTheProxyIsMade() {
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            assertThatThrownBy(() -> runtime.proxy(NoDirection.class, new Touch()))
                    .isInstanceOf(TaskRuntimeException.class)
                    .hasMessageContaining("NoDirection.touch")
                    .hasMessageContaining("parameter 'list'")
                    .hasMessageContaining("direction cannot be inferred")
                    .hasMessageContaining("@Param(Direction.INOUT)");
            assertThatThrownBy(() -> runtime.proxy(PathWithoutKind.class, new Touch()))
                    .hasMessageContaining("parameter 'file'").hasMessageContaining("kind = Param.Kind.FILE");
            assertThatThrownBy(() -> runtime.proxy(WrongReturn.class, new Touch()))
                    .hasMessageContaining("WrongReturn.square returns Integer").hasMessageContaining("TaskFuture<Integer>");
        }
    }

    @Test
    void readingAFutureBeforeItsTaskEndsOutsideAWaitIsAClearError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskFuture<String> slow = runtime.task("slow").call(ctx -> {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                return "done";
            });
            assertThatThrownBy(slow::value)
                    .isInstanceOf(TaskRuntimeException.class)
                    .satisfies(e -> assertThat(((TaskRuntimeException) e).code()).isEqualTo(ErrorCode.NOT_READY))
                    .hasMessageContaining("task 'slow'").hasMessageContaining("future.get()");
            Data<String> data = runtime.data("d", "x");
            runtime.task("writer").in(slow).out(data).run(ctx -> ctx.set(data, ctx.get(slow)));
            assertThatThrownBy(data::value).hasMessageContaining("data 'd'").hasMessageContaining("runtime.waitOn(data)");
            release.countDown();
            assertThat(runtime.waitOn(data)).isEqualTo("done");
            assertThat(slow.value()).isEqualTo("done");
        }
    }

    @Test
    void undeclaredDataAndMissingOutAreNamedInTheError() {
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            Data<Integer> data = runtime.data("counter", 0);
            TaskFuture<Integer> undeclared = runtime.task("peek").onFailure(FailurePolicy.CANCEL_SUCCESSORS)
                    .call(ctx -> ctx.get(data));
            assertThatThrownBy(undeclared::get).hasMessageContaining("task 'peek' uses data 'counter' that it did not declare");
            TaskFuture<Void> noSet = runtime.task("forgetful").out(data).onFailure(FailurePolicy.CANCEL_SUCCESSORS).run(ctx -> { });
            assertThatThrownBy(noSet::get).hasMessageContaining("declares OUT data 'counter' but never called ctx.set");
            assertThatThrownBy(() -> runtime.task("twice").in(data).inout(data))
                    .hasMessageContaining("declared twice");
        }
    }
}
