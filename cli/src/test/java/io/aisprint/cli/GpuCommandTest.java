package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuCommandTest {
    private static final String TRACE = """
        costs:
          gpuCosts: {K80: {1: 1.0, 2: 1.8}}
        nodes:
          - {id: n1, gpuType: K80, gpus: 2}
        jobs:
          - {id: A, release: 0, dueDate: 3600, weight: 0.01, epochs: 10, profile: {K80x1: 360}}
          - {id: B, release: 1800, dueDate: 3600, weight: 0.01, epochs: 10, profile: {K80x1: 360}}
        """;

    private static Path anchors() {
        return io.aisprint.testsupport.Anchors.require("gpu-scheduler");
    }

    @Test
    void simulateReplaysATraceAndDrawsTheGantt(@TempDir Path work) throws Exception {
        Path trace = work.resolve("trace.yaml");
        Files.writeString(trace, TRACE);
        Path gantt = work.resolve("gantt.svg");

        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "simulate", "--scenario", trace.toString(),
            "--methods", "FIFO,PR", "--gantt", gantt.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
        // FIFO: 1.9 of GPU cost plus 1800 s × 0.01 of tardiness, as computed by hand.
        assertThat(outcome.out()).contains("FIFO").contains("19.90").contains("PR");
        assertThat(Files.readString(gantt)).startsWith("<svg").contains("n1 K80/1").contains(">A<");
    }

    @Test
    void simulateJsonGivesEveryMetric(@TempDir Path work) throws Exception {
        Path trace = work.resolve("trace.yaml");
        Files.writeString(trace, TRACE);

        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "simulate", "--scenario", trace.toString(), "--methods", "EDF", "--json");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("\"totalCost\" : 19.9", "\"utilisation\"", "\"tardinessCost\" : 18.0");
    }

    @Test
    void badScenarioNamesTheFieldWithoutStackTrace(@TempDir Path work) throws Exception {
        Path trace = work.resolve("trace.yaml");
        Files.writeString(trace, TRACE.replaceFirst("epochs: 10", "epochs: ten"));

        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "simulate", "--scenario", trace.toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains("jobs[0] (A)", "epochs").doesNotContain("Exception", "\tat ");
    }

    @Test
    void badNodesOptionIsAUsageError() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "simulate", "--reference", "--nodes", "x..y");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--nodes");
    }

    @Test
    void optionsAreCheckedBeforeTheReferenceDataIsRead() {
        // A folder that does not hold the reference data: the option error must still win.
        for (String[] bad : List.of(new String[] {"--setting", "moon"}, new String[] {"--nodes", "5..2"},
            new String[] {"--seeds", "-1"}, new String[] {"--instances", "0"})) {
            List<String> args = new ArrayList<>(List.of("gpu", "simulate", "--reference", "--data", "/nonexistent"));
            args.addAll(List.of(bad));
            CliTestSupport.Outcome outcome = CliTestSupport.run(args.toArray(String[]::new));
            assertThat(outcome.exitCode()).as(String.join(" ", bad)).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).contains(bad[0]);
        }
    }

    @Test
    void scheduleAnswersAReferenceRequestAndReportsItsErrorCodes() {
        Path examples = anchors().resolve("webservice_examples");

        CliTestSupport.Outcome ok = CliTestSupport.run("gpu", "schedule", "--request", examples.resolve("case_14.json").toString());
        assertThat(ok.exitCode()).as(ok.err()).isEqualTo(ExitCodes.OK);
        assertThat(ok.out()).contains("\"estimated_rescheduling_time\" : \"Thu 01 Jan 1970, 02.08.49\"", "armida-05");

        CliTestSupport.Outcome bad = CliTestSupport.run("gpu", "schedule", "--request", examples.resolve("case_08.json").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(bad.out()).contains("\"ERROR CODE\" : 444");
        assertThat(bad.err()).contains("deadline or tardiness weight equal to zero");
    }

    @Test
    void referenceSimulationRunsFromTheAnchorData() {
        Path data = anchors().resolve("data");
        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "simulate", "--reference", "--data", data.toString(),
            "--nodes", "3", "--methods", "G,FIFO", "--iterations", "5");
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains(" G ").contains("FIFO");
    }

    @Test
    void submitRefusesAnUnknownBuiltInJobBeforeContactingTheServer() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "submit", "--server", "http://127.0.0.1:9", "--id", "j1",
            "--epochs", "3", "--due-in", "60", "--job", "torch");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--job").contains("'djl' or 'java'").contains("torch").doesNotContain("cannot reach");
    }

    @Test
    void theShippedScheduleRequestIsAnswered() {
        Path request = io.aisprint.testsupport.Examples.repositoryRoot().resolve("examples/gpu/schedule-request.json");
        CliTestSupport.Outcome answer = CliTestSupport.run("gpu", "schedule", "--request", request.toString());
        assertThat(answer.exitCode()).as(answer.err()).isEqualTo(ExitCodes.OK);
        assertThat(answer.out()).contains("\"estimated_cost\"", "train-resnet", "finetune-bert", "gpu-node-");
    }
}
