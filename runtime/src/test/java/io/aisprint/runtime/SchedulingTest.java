package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.runtime.spi.TaskRouter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulingTest {

    @Test
    void constraintNoNodeCanSatisfyFailsAtSubmissionNamingTaskAndNodes() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            assertThatThrownBy(() -> runtime.task("train").constraints(Constraints.of().withGpus(1)).call(ctx -> 1))
                    .isInstanceOf(TaskRuntimeException.class)
                    .satisfies(e -> assertThat(((TaskRuntimeException) e).code()).isEqualTo(ErrorCode.UNSATISFIABLE_CONSTRAINT))
                    .hasMessageContaining("task 'train' can never run")
                    .hasMessageContaining("gpus=1")
                    .hasMessageContaining("local: cores=2")
                    .hasMessageContaining("Maybe");
            runtime.barrier(); // the rejected task left nothing behind
        }
    }

    @Test
    void labelsAndArchitectureSelectTheNode() {
        try (TaskRuntime runtime = TaskRuntime.builder()
                .node(NodeSpec.of("cloud", 2).withLabels(Map.of("layer", "cloud")).withArchitecture("amd64"))
                .node(NodeSpec.of("pi", 2).withLabels(Map.of("layer", "edge")).withArchitecture("aarch64"))
                .build()) {
            TaskFuture<String> edge = runtime.task("edge").constraints(Constraints.of().withLabel("layer", "edge"))
                    .call(TaskContext::nodeName);
            TaskFuture<String> arm = runtime.task("arm").constraints(Constraints.of().withArchitecture("aarch64"))
                    .call(TaskContext::nodeName);
            TaskFuture<String> cloud = runtime.task("cloud").constraints(Constraints.of().withLabel("layer", "cloud"))
                    .call(TaskContext::nodeName);
            assertThat(edge.get()).isEqualTo("pi");
            assertThat(arm.get()).isEqualTo("pi");
            assertThat(cloud.get()).isEqualTo("cloud");
        }
    }

    @Test
    void coresAndGpusLimitHowManyTasksRunAtOnce() {
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("gpu-box", 8).withGpus(2)).build()) {
            int[] active = new int[1];
            int[] peak = new int[1];
            CountDownLatch twoTogether = new CountDownLatch(2);
            for (int i = 0; i < 12; i++) {
                runtime.task("gpu").constraints(Constraints.of().withGpus(1)).run(ctx -> {
                    synchronized (active) {
                        peak[0] = Math.max(peak[0], ++active[0]);
                    }
                    twoTogether.countDown();
                    // The first two meet here; a third could only join if the GPU limit were broken.
                    assertThat(twoTogether.await(10, TimeUnit.SECONDS)).isTrue();
                    synchronized (active) {
                        active[0]--;
                    }
                });
            }
            runtime.barrier();
            assertThat(peak[0]).isEqualTo(2);
        }
    }

    @Test
    void alternativeImplementationIsChosenByTheNodeKind() {
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("cpu", 1)).build()) {
            TaskBuilder declaration = runtime.task("infer")
                    .implementation(Constraints.of().withGpus(1), ctx -> "gpu kernel");
            assertThat(declaration.call(ctx -> "cpu code").get()).isEqualTo("cpu code");
            runtime.addNode(NodeSpec.of("gpu", 1).withGpus(1));
            TaskFuture<Object> onGpu = runtime.task("infer").implementation(Constraints.of().withGpus(1), ctx -> "gpu kernel")
                    .constraints(Constraints.of().withLabel("never", "there")).call(ctx -> "cpu code");
            assertThat(onGpu.get()).isEqualTo("gpu kernel");
        }
    }

    @Test
    void taskWaitingForAMissingKindStartsWhenANodeJoins() throws Exception {
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("small", 1)).build()) {
            CountDownLatch hold = new CountDownLatch(1);
            runtime.task("hog").run(ctx -> hold.await(10, TimeUnit.SECONDS));
            TaskFuture<String> queued = runtime.task("queued").call(TaskContext::nodeName);
            runtime.addNode(NodeSpec.of("extra", 1));
            assertThat(queued.get()).isEqualTo("extra");
            hold.countDown();
            assertThat(runtime.nodes()).extracting(NodeSpec::name).containsExactly("small", "extra");
            runtime.removeNode("extra");
            assertThat(runtime.nodes()).extracting(NodeSpec::name).containsExactly("small");
            assertThat(runtime.task("after").call(TaskContext::nodeName).get()).isEqualTo("small");
        }
    }

    @Test
    void removingTheOnlyFittingNodeFailsTheQueuedTaskClearly() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("cpu", 1))
                .node(NodeSpec.of("gpu", 1).withGpus(1)).build()) {
            runtime.task("busy").constraints(Constraints.of().withGpus(1)).run(ctx -> hold.await(10, TimeUnit.SECONDS));
            TaskFuture<Integer> waiting = runtime.task("needs-gpu").constraints(Constraints.of().withGpus(1))
                    .onFailure(FailurePolicy.CANCEL_SUCCESSORS).call(ctx -> 1);
            runtime.removeNode("gpu");
            hold.countDown();
            assertThatThrownBy(waiting::get).isInstanceOf(TaskFailedException.class).hasMessageContaining("can never run");
        }
    }

    @Test
    void priorityTasksOvertakeOrdinaryReadyTasks() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch hold = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            runtime.task("hold").run(ctx -> hold.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                int index = i;
                runtime.task("plain").run(ctx -> order.add("plain" + index));
            }
            runtime.task("urgent").priority().run(ctx -> order.add("urgent"));
            hold.countDown();
            runtime.barrier();
        }
        assertThat(order).containsExactly("urgent", "plain0", "plain1", "plain2");
    }

    @Test
    void lifoTakesTheNewestReadyTaskFirst() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch hold = new CountDownLatch(1);
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("one", 1)).policy(SchedulingPolicies.lifo()).build()) {
            runtime.task("hold").run(ctx -> hold.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 4; i++) {
                int index = i;
                runtime.task("t").run(ctx -> order.add(index));
            }
            hold.countDown();
            runtime.barrier();
        }
        assertThat(order).containsExactly(3, 2, 1, 0);
    }

    @Test
    void localityRunsATaskWhereItsInputWasProduced() {
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("a", 2))
                .node(NodeSpec.of("b", 2).withLabels(Map.of("role", "producer")))
                .policy(SchedulingPolicies.locality()).tracing(true).build()) {
            TaskFuture<String> onB = runtime.task("producer").constraints(Constraints.of().withLabel("role", "producer"))
                    .call(TaskContext::nodeName);
            String producedOn = onB.get();
            assertThat(producedOn).isEqualTo("b");
            TaskFuture<String> consumer = runtime.task("consumer").in(onB).call(TaskContext::nodeName);
            assertThat(consumer.get()).as("FIFO would pick node a, the first that fits").isEqualTo("b");
            runtime.barrier();
            assertThat(runtime.trace()).filteredOn(r -> r.name().equals("consumer"))
                    .singleElement().satisfies(r -> assertThat(r.inputsMoved()).isZero());
        }
    }

    @Test
    void placementAwarePolicyRunsAComponentOnItsAssignedResource() {
        TaskRouter router = (component, partition) -> switch (component + "/" + partition) {
            case "detector/p1" -> Optional.of("RaspPi");
            case "detector/p2" -> Optional.of("VM1");
            default -> Optional.empty();
        };
        try (TaskRuntime runtime = TaskRuntime.builder()
                .node(NodeSpec.of("edge-1", 2).withLabels(Map.of(TaskRouter.RESOURCE_LABEL, "RaspPi")))
                .node(NodeSpec.of("cloud-1", 2).withLabels(Map.of(TaskRouter.RESOURCE_LABEL, "VM1")))
                .policy(SchedulingPolicies.placementAware(router)).build()) {
            List<TaskFuture<String>> first = new ArrayList<>();
            List<TaskFuture<String>> second = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                first.add(runtime.task("p1").placement("detector", "p1").call(TaskContext::nodeName));
                second.add(runtime.task("p2").placement("detector", "p2").call(TaskContext::nodeName));
            }
            assertThat(first).allSatisfy(f -> assertThat(f.get()).isEqualTo("edge-1"));
            assertThat(second).allSatisfy(f -> assertThat(f.get()).isEqualTo("cloud-1"));
            assertThatThrownBy(() -> runtime.task("big").placement("detector", "p1")
                    .constraints(Constraints.of().withCores(3)).call(ctx -> 1))
                    .hasMessageContaining("component 'detector' partition 'p1'").hasMessageContaining("placement");
        }
    }

    @Test
    void invalidConfigurationReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> TaskRuntime.builder().maxPendingTasks(0).build())
                .isInstanceOf(TaskRuntimeException.class)
                .hasMessageContaining("no node was added").hasMessageContaining("maxPendingTasks is 0");
        assertThatThrownBy(() -> TaskRuntime.builder().node(NodeSpec.of("a", 1)).node(NodeSpec.of("a", 2)).build())
                .hasMessageContaining("node name 'a' is used twice");
    }
}
