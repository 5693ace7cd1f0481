package io.aisprint.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeBackend} must do, embedded or clustered. A backend proves conformance
 * by extending this class and saying how to make a fresh instance.
 */
public abstract class NodeBackendConformanceKit {

    protected abstract NodeBackend newBackend();

    @Test
    void executesWorkAsynchronouslyAndKnowsItsWorkerThreads() throws Exception {
        NodeBackend backend = newBackend();
        try {
            NodeSpec node = NodeSpec.of("n", 2);
            backend.nodeAdded(node);
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean onWorker = new AtomicBoolean();
            backend.execute(node, () -> {
                onWorker.set(backend.isWorkerThread());
                ran.countDown();
            });
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(onWorker).isTrue();
            assertThat(backend.isWorkerThread()).isFalse();
        } finally {
            backend.close();
        }
    }

    @Test
    void runsTwoItemsOfATwoCoreNodeAtTheSameTime() throws Exception {
        NodeBackend backend = newBackend();
        try {
            NodeSpec node = NodeSpec.of("n", 2);
            backend.nodeAdded(node);
            CountDownLatch both = new CountDownLatch(2);
            CountDownLatch done = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                backend.execute(node, () -> {
                    both.countDown();
                    try {
                        if (both.await(10, TimeUnit.SECONDS)) {
                            done.countDown();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            backend.close();
        }
    }

    @Test
    void carriesAWholeRuntimeWorkload() {
        try (TaskRuntime runtime = TaskRuntime.builder().backend(newBackend())
                .node(NodeSpec.of("a", 2)).node(NodeSpec.of("b", 1)).build()) {
            TaskFuture<Integer> value = runtime.task("start").call(ctx -> 0);
            List<TaskFuture<Integer>> fan = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                TaskFuture<Integer> previous = value;
                value = runtime.task("inc").in(previous).call(ctx -> ctx.get(previous) + 1);
                fan.add(runtime.task("leaf").in(value).call(ctx -> 1));
            }
            TaskFuture<Integer> flaky = runtime.task("flaky").onFailure(FailurePolicy.retry(1)).call(ctx -> {
                if (ctx.attempt() == 1) {
                    throw new IllegalStateException("first attempt fails");
                }
                return 7;
            });
            assertThat(value.get()).isEqualTo(200);
            assertThat(flaky.get()).isEqualTo(7);
            runtime.barrier();
            assertThat(fan).allMatch(TaskFuture::isDone);
        }
    }
}
