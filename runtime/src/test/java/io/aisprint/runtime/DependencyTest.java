package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DependencyTest {

    @Test
    void readAfterWriteOrdersAChainOfFutures() {
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            TaskFuture<Integer> value = runtime.task("start").call(ctx -> 1);
            for (int i = 0; i < 500; i++) {
                TaskFuture<Integer> previous = value;
                value = runtime.task("inc").in(previous).call(ctx -> ctx.get(previous) + 1);
            }
            assertThat(value.get()).isEqualTo(501);
        }
    }

    @Test
    void inoutWritersApplyInSubmissionOrderAndReadersSeeTheirVersion() {
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            Data<List<Integer>> list = runtime.data("list", List.of());
            List<TaskFuture<Integer>> sizes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int item = i;
                runtime.task("append").inout(list).run(ctx -> {
                    List<Integer> next = new ArrayList<>(ctx.get(list));
                    next.add(item);
                    ctx.set(list, List.copyOf(next));
                });
                sizes.add(runtime.task("size").in(list).call(ctx -> ctx.get(list).size()));
            }
            assertThat(runtime.waitOn(list)).containsExactlyElementsOf(range(50));
            for (int i = 0; i < 50; i++) {
                assertThat(sizes.get(i).get()).as("reader %d sees the version current at submission", i).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void outWriterDoesNotWaitForEarlierReaders() throws Exception {
        CountDownLatch readerRunning = new CountDownLatch(1);
        CountDownLatch releaseReader = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            Data<String> data = runtime.data("d", "v0");
            TaskFuture<String> reader = runtime.task("slow-reader").in(data).call(ctx -> {
                readerRunning.countDown();
                assertThat(releaseReader.await(10, TimeUnit.SECONDS)).isTrue();
                return ctx.get(data);
            });
            assertThat(readerRunning.await(10, TimeUnit.SECONDS)).isTrue();
            TaskFuture<Void> writer = runtime.task("writer").out(data).run(ctx -> ctx.set(data, "v1"));
            // The writer got a new version (renaming), so it finishes while the reader still runs.
            assertThat(runtime.waitOn(data)).isEqualTo("v1");
            assertThat(writer.isDone()).isTrue();
            assertThat(reader.isDone()).isFalse();
            releaseReader.countDown();
            assertThat(reader.get()).isEqualTo("v0");
        }
    }

    @Test
    void outAfterOutDoesNotSerialiseAndTheLastWriteWins() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            Data<String> data = runtime.data("d", "v0");
            TaskFuture<Void> first = runtime.task("w1").out(data).run(ctx -> {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                ctx.set(data, "v1");
            });
            runtime.task("w2").out(data).run(ctx -> ctx.set(data, "v2"));
            assertThat(runtime.waitOn(data)).isEqualTo("v2");
            assertThat(first.isDone()).isFalse();
            release.countDown();
            first.get();
            assertThat(runtime.waitOn(data)).isEqualTo("v2");
        }
    }

    @Test
    void inoutWithCopierRenamesInsteadOfWaitingForReaders() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            Data<List<String>> data = runtime.data("list", new ArrayList<>(List.of("a")), ArrayList::new);
            TaskFuture<String> reader = runtime.task("reader").in(data).call(ctx -> {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                return String.join(",", ctx.get(data));
            });
            runtime.task("append").inout(data).run(ctx -> ctx.get(data).add("b"));
            assertThat(runtime.waitOn(data)).containsExactly("a", "b");
            release.countDown();
            assertThat(reader.get()).isEqualTo("a");
        }
    }

    @Test
    void inoutWithoutCopierWaitsForReadersBecauseItMayMutateInPlace() {
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            Data<List<String>> data = runtime.data("list", new ArrayList<>(List.of("a")));
            List<TaskFuture<String>> readers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                readers.add(runtime.task("reader").in(data).call(ctx -> String.join(",", ctx.get(data))));
            }
            runtime.task("append").inout(data).run(ctx -> ctx.get(data).add("b"));
            readers.forEach(reader -> assertThat(reader.get()).isEqualTo("a"));
            assertThat(runtime.waitOn(data)).containsExactly("a", "b");
        }
    }

    @Test
    void concurrentWritersRunTogetherAndTheNextReaderWaitsForAll() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            Data<List<String>> data = runtime.data("log", Collections.synchronizedList(new ArrayList<>()));
            for (String name : List.of("x", "y")) {
                runtime.task("concurrent-" + name).concurrent(data).run(ctx -> {
                    bothRunning.countDown();
                    // Only possible if both run at the same time.
                    assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
                    ctx.get(data).add(name);
                });
            }
            TaskFuture<Integer> size = runtime.task("count").in(data).call(ctx -> ctx.get(data).size());
            assertThat(size.get()).isEqualTo(2);
        }
    }

    @Test
    void commutativeWritersNeverOverlapButAllApply() {
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            int[] active = new int[1];
            int[] maxActive = new int[1];
            Data<int[]> counter = runtime.data("counter", new int[1]);
            for (int i = 0; i < 40; i++) {
                runtime.task("add").commutative(counter).run(ctx -> {
                    synchronized (active) {
                        active[0]++;
                        maxActive[0] = Math.max(maxActive[0], active[0]);
                    }
                    int[] value = ctx.get(counter);
                    int read = value[0];
                    Thread.onSpinWait();
                    value[0] = read + 1;
                    synchronized (active) {
                        active[0]--;
                    }
                });
            }
            assertThat(runtime.waitOn(counter)[0]).isEqualTo(40);
            assertThat(maxActive[0]).isEqualTo(1);
        }
    }

    @Test
    void collectionElementsAreTrackedOneByOne() {
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            List<TaskFuture<Integer>> parts = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int value = i;
                parts.add(runtime.task("part").call(ctx -> value * value));
            }
            TaskFuture<Integer> sum = runtime.task("sum").collectionIn(parts).call(ctx ->
                    ctx.getAll(parts).stream().mapToInt(o -> (Integer) o).sum());
            assertThat(sum.get()).isEqualTo(385);
        }
    }

    @Test
    void collectionOfDataCanBeWrittenElementByElement() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            List<Data<Integer>> cells = List.of(runtime.data("a", 1), runtime.data("b", 2));
            runtime.task("double-all").collection(Direction.INOUT, cells).run(ctx -> {
                for (Data<Integer> cell : cells) {
                    ctx.set(cell, ctx.get(cell) * 2);
                }
            });
            assertThat(runtime.waitOn(cells.get(0))).isEqualTo(2);
            assertThat(runtime.waitOn(cells.get(1))).isEqualTo(4);
        }
    }

    @Test
    void barrierWaitsForEverything() {
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            List<TaskFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int value = i;
                futures.add(runtime.task("t").call(ctx -> value));
            }
            runtime.barrier();
            assertThat(futures).allMatch(TaskFuture::isDone);
            assertThat(runtime.summary().succeeded()).isEqualTo(1000);
        }
    }

    @Test
    void deletedDataCannotBeUsedAgain() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            Data<String> data = runtime.data("secret", "x");
            runtime.task("read").in(data).call(ctx -> ctx.get(data));
            runtime.delete(data);
            assertThatThrownBy(() -> runtime.task("late").in(data).call(ctx -> 1))
                    .isInstanceOf(TaskRuntimeException.class)
                    .hasMessageContaining("data 'secret' was deleted");
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }
}
