package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // groups are opened for their scope, like COMPSsGroup
class GroupTest {

    @Test
    void closingAGroupWaitsForItsTasks() {
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            List<TaskFuture<Integer>> futures = new ArrayList<>();
            try (TaskGroup group = runtime.group("work")) {
                for (int i = 0; i < 100; i++) {
                    int value = i;
                    futures.add(runtime.task("t").call(ctx -> value));
                }
            }
            assertThat(futures).allMatch(TaskFuture::isDone);
        }
    }

    @Test
    void taskExceptionCancelsTheGroupAndSurfacesAtItsBarrier() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch neverReleased = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            TaskFuture<Integer> outside = runtime.task("outside").call(ctx -> 42);
            List<TaskFuture<Integer>> members = new ArrayList<>();
            assertThatThrownBy(() -> {
                try (TaskGroup group = runtime.group("search")) {
                    // A long-running member, stopped by the abort (it waits interruptibly).
                    members.add(runtime.task("long").call(ctx -> {
                        neverReleased.await();
                        return 0;
                    }));
                    members.add(runtime.task("finder").call(ctx -> {
                        throw new TaskException("found it, stop the others");
                    }));
                    for (int i = 0; i < 50; i++) {
                        members.add(runtime.task("pending").in(members.get(0)).call(ctx -> ran.incrementAndGet()));
                    }
                }
            }).isInstanceOf(GroupFailedException.class)
                    .hasMessageContaining("group 'search' was aborted")
                    .hasMessageContaining("found it")
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOf(TaskException.class));
            assertThat(ran).hasValue(0);
            assertThat(members).allMatch(TaskFuture::isDone);
            assertThatThrownBy(() -> members.get(2).get()).isInstanceOf(TaskCancelledException.class);
            assertThat(outside.get()).as("tasks outside the group are untouched").isEqualTo(42);
            assertThat(neverReleased.getCount()).isEqualTo(1);
        }
    }

    @Test
    void groupWithoutImplicitBarrierSurfacesAtAnExplicitBarrier() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            TaskGroup group = runtime.group("lazy", false);
            runtime.task("thrower").run(ctx -> {
                throw new TaskException("nope");
            });
            group.close(); // no barrier yet
            assertThatThrownBy(group::barrier).isInstanceOf(GroupFailedException.class).hasMessageContaining("nope");
        }
    }

    @Test
    void nestedGroupsCountTowardsTheirParent() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            AtomicInteger done = new AtomicInteger();
            try (TaskGroup outer = runtime.group("outer")) {
                TaskGroup inner = runtime.group("inner", false);
                for (int i = 0; i < 20; i++) {
                    runtime.task("inner-task").run(ctx -> done.incrementAndGet());
                }
                inner.close();
                runtime.task("outer-task").run(ctx -> done.incrementAndGet());
            }
            assertThat(done).hasValue(21);
        }
    }

    @Test
    void cancelStopsPendingMembers() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            TaskGroup group = runtime.group("batch", false);
            TaskFuture<Integer> blocker = runtime.task("blocker").call(ctx -> {
                started.countDown();
                new CountDownLatch(1).await();
                return 1;
            });
            TaskFuture<Integer> queued = runtime.task("queued").call(ctx -> 2);
            group.close();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            group.cancel();
            assertThatThrownBy(group::barrier).isInstanceOf(GroupFailedException.class);
            assertThatThrownBy(queued::get).isInstanceOf(TaskCancelledException.class);
            assertThatThrownBy(blocker::get).isInstanceOf(TaskCancelledException.class);
        }
    }
}
