package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityTest {
    @TempDir
    Path dir;

    @Test
    void traceRecordsEveryAttemptAndExportsChromeTraceJson() throws Exception {
        Path file = dir.resolve("trace.json");
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("n1", 2)).tracing(true).build()) {
            TaskFuture<Integer> a = runtime.task("a").call(ctx -> 1);
            runtime.task("b").in(a).onFailure(FailurePolicy.retry(1)).call(ctx -> {
                if (ctx.attempt() == 1) {
                    throw new IllegalStateException("once");
                }
                return ctx.get(a);
            });
            runtime.barrier();
            assertThat(runtime.trace()).extracting(TaskRecord::name, TaskRecord::outcome, TaskRecord::attempt)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", "succeeded", 1),
                            org.assertj.core.groups.Tuple.tuple("b", "retried", 1),
                            org.assertj.core.groups.Tuple.tuple("b", "succeeded", 2));
            assertThat(runtime.trace()).allSatisfy(r -> {
                assertThat(r.node()).isEqualTo("n1");
                assertThat(r.startedNanos()).isGreaterThanOrEqualTo(r.queuedNanos());
                assertThat(r.finishedNanos()).isGreaterThanOrEqualTo(r.startedNanos());
            });
            runtime.writeChromeTrace(file);
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        JsonNode events = json.get("traceEvents");
        assertThat(events).filteredOn(e -> e.get("ph").asText().equals("X")).hasSize(3)
                .allSatisfy(e -> assertThat(e.get("dur").asDouble()).isGreaterThanOrEqualTo(0));
        assertThat(events).filteredOn(e -> e.get("ph").asText().equals("M"))
                .singleElement().satisfies(e -> assertThat(e.get("args").get("name").asText()).isEqualTo("node n1"));
    }

    @Test
    void traceCountsDataMovedBetweenNodes() throws Exception {
        Path file = dir.resolve("payload.bin");
        try (TaskRuntime runtime = TaskRuntime.builder()
                .node(NodeSpec.of("edge", 1).withLabels(Map.of("layer", "edge")))
                .node(NodeSpec.of("cloud", 1).withLabels(Map.of("layer", "cloud")))
                .tracing(true).build()) {
            TaskFuture<Integer> produced = runtime.task("produce").fileOut(file)
                    .constraints(Constraints.of().withLabel("layer", "edge"))
                    .call(ctx -> {
                        java.nio.file.Files.write(ctx.path(file), new byte[1234]);
                        return 1;
                    });
            runtime.task("consume").in(produced).fileIn(file)
                    .constraints(Constraints.of().withLabel("layer", "cloud"))
                    .call(ctx -> java.nio.file.Files.size(ctx.path(file))).get();
            runtime.barrier();
            assertThat(runtime.trace()).filteredOn(r -> r.name().equals("consume")).singleElement().satisfies(r -> {
                assertThat(r.node()).isEqualTo("cloud");
                assertThat(r.inputsMoved()).isEqualTo(2);
                assertThat(r.bytesMoved()).isEqualTo(1234);
            });
        }
    }

    @Test
    void summaryAndLineProtocolCountOutcomes() {
        try (TaskRuntime runtime = TaskRuntime.local(2)) {
            for (int i = 0; i < 10; i++) {
                runtime.task("ok").call(ctx -> 1);
            }
            runtime.task("bad").onFailure(FailurePolicy.IGNORE).call(ctx -> {
                throw new IllegalStateException("x");
            });
            runtime.barrier();
            RunSummary summary = runtime.summary();
            assertThat(summary.submitted()).isEqualTo(11);
            assertThat(summary.succeeded()).isEqualTo(10);
            assertThat(summary.ignored()).isEqualTo(1);
            assertThat(summary.perTask().get("ok").count()).isEqualTo(10);
            assertThat(summary.perTask().get("bad").failures()).isEqualTo(1);
            assertThat(summary.latencyP50Millis()).isLessThanOrEqualTo(summary.latencyMaxMillis());
            assertThat(summary.describe()).contains("11 submitted");
            String lines = runtime.metricsLineProtocol(Map.of("app", "demo app"));
            assertThat(lines.lines()).hasSize(3);
            assertThat(lines).containsPattern("^aisprint_run,app=demo\\\\ app submitted=11i,succeeded=10i,failed=0i,"
                    + "cancelled=0i,retried=0i,ignored=1i,latency_mean_ms=[0-9.]+,.* [0-9]{19}\\n");
            assertThat(lines).contains("aisprint_task,app=demo\\ app,task=bad count=1i,failures=1i,");
        }
    }

    @Test
    void tracingOffKeepsNoRecordsButStillCounts() {
        try (TaskRuntime runtime = TaskRuntime.local(1)) {
            runtime.task("x").call(ctx -> 1).get();
            runtime.barrier();
            assertThat(runtime.trace()).isEmpty();
            assertThat(runtime.summary().succeeded()).isEqualTo(1);
        }
    }

    @Test
    void aLongRunKeepsTheGraphBoundedByMaxPendingTasks() {
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("n", 2)).maxPendingTasks(1000).build()) {
            long[] peakUnfinished = new long[1];
            for (int i = 0; i < 200_000; i++) {
                runtime.task("noop").call(ctx -> null);
                if (i % 1000 == 0) {
                    RunSummary s = runtime.summary();
                    long unfinished = s.submitted() - s.succeeded();
                    peakUnfinished[0] = Math.max(peakUnfinished[0], unfinished);
                }
            }
            runtime.barrier();
            assertThat(runtime.summary().succeeded()).isEqualTo(200_000);
            assertThat(peakUnfinished[0]).isLessThanOrEqualTo(1000);
        }
    }
}
