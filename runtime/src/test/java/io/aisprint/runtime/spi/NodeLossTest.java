package io.aisprint.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An attempt lost with its node runs again elsewhere without counting against the task's failure policy. */
class NodeLossTest {

    static final class Lost extends RuntimeException implements NodeLoss {
        Lost(String node) {
            super("node " + node + " went away");
        }
    }

    @Test
    void aLostAttemptRunsAgainOnAnotherNodeEvenUnderTheDefaultPolicy() {
        List<String> nodes = new CopyOnWriteArrayList<>();
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("a", 1)).node(NodeSpec.of("b", 1)).build()) {
            TaskFuture<String> task = runtime.task("lost-once").call(ctx -> {
                nodes.add(ctx.nodeName());
                if (ctx.attempt() == 1) {
                    throw new Lost(ctx.nodeName());
                }
                return ctx.nodeName();
            });
            assertThat(task.get()).isNotEqualTo(nodes.get(0));
            assertThat(nodes).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void lossesDoNotUseUpTheRetriesOfTheTasksOwnFailures() {
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("a", 1)).node(NodeSpec.of("b", 1)).build()) {
            TaskFuture<Integer> task = runtime.task("lost-then-flaky").onFailure(FailurePolicy.retry(1)).call(ctx -> {
                switch (ctx.attempt()) {
                    case 1, 2 -> throw new Lost(ctx.nodeName());
                    case 3 -> throw new IllegalStateException("its own failure");
                    default -> {
                        return ctx.attempt();
                    }
                }
            });
            assertThat(task.get()).isEqualTo(4);
        }
    }

    @Test
    void aTaskLostOverAndOverFailsInTheEnd() {
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("a", 1)).node(NodeSpec.of("b", 1)).build()) {
            TaskFuture<Integer> task = runtime.task("always-lost").onFailure(FailurePolicy.CANCEL_SUCCESSORS).call(ctx -> {
                throw new Lost(ctx.nodeName());
            });
            assertThatThrownBy(task::get).hasStackTraceContaining("went away").hasMessageContaining((NodeLoss.RERUNS + 1) + " attempt");
        }
    }
}
