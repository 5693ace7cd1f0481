package io.aisprint.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A backend that queues attempts itself is handed more than the node's cores, but never more than it asked for. */
class QueuedCoresTest {

    /** Hands every attempt its own thread at once and counts how many it holds. */
    static final class CountingBackend extends ExecutorPerNodeBackendConformanceTest.ExecutorPerNodeBackend {
        final int queued;
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger mostHeld = new AtomicInteger();

        CountingBackend(int queued) {
            this.queued = queued;
        }

        @Override
        public void nodeAdded(NodeSpec node) {
            super.nodeAdded(new NodeSpec(node.name(), node.cores() + queued, node.memoryMb(), node.gpus(),
                    node.architecture(), node.labels()));
        }

        @Override
        public int queuedCores(NodeSpec node) {
            return queued;
        }

        @Override
        public void execute(NodeSpec node, Runnable work) {
            super.execute(node, () -> {
                mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                try {
                    work.run();
                } finally {
                    held.decrementAndGet();
                }
            });
        }
    }

    private static int mostAtOnce(int queued) throws Exception {
        CountingBackend backend = new CountingBackend(queued);
        try (TaskRuntime runtime = TaskRuntime.builder().backend(backend).node(NodeSpec.of("n", 2)).build()) {
            CountDownLatch release = new CountDownLatch(1);
            List<TaskFuture<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tasks.add(runtime.task("hold").call(ctx -> release.await(10, TimeUnit.SECONDS) ? 1 : 0));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (backend.held.get() < 2 + queued && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100); // give a wrongly admitted extra attempt the time to show up
            int most = backend.mostHeld.get();
            release.countDown();
            for (TaskFuture<Integer> task : tasks) {
                assertThat(task.get()).isEqualTo(1);
            }
            return most;
        }
    }

    @Test
    void aBackendThatQueuesIsHandedItsCoresPlusItsQueue() throws Exception {
        assertThat(mostAtOnce(0)).isEqualTo(2);
        assertThat(mostAtOnce(3)).isEqualTo(5);
    }

    @Test
    void aTaskLargerThanTheNodeIsStillRefusedWhateverTheQueue() {
        try (TaskRuntime runtime = TaskRuntime.builder().backend(new CountingBackend(4)).node(NodeSpec.of("n", 2)).build()) {
            assertThatThrownBy(() -> runtime.task("big").constraints(Constraints.of().withCores(3)).call(ctx -> 1))
                    .isInstanceOf(TaskRuntimeException.class).hasMessageContaining("3");
        }
    }
}
