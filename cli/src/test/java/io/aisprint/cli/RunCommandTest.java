package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path dir;

    static Path example(String name) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("examples").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/" + name + " not found");
    }

    @Test
    void aShortRunPrintsTheSummaryAsJsonAndWritesTheReport() throws Exception {
        Path report = dir.resolve("report");
        CliTestSupport.Outcome outcome = CliTestSupport.run("run", example("mask-detection").toString(), "--lambda", "2",
                "--duration", "4", "--report", report.toString(), "--json");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(outcome.out());
        assertThat(summary.get("requests_in").asLong())
                .isEqualTo(summary.get("requests_completed").asLong() + summary.get("requests_failed").asLong());
        assertThat(summary.get("final_placement").get("instances").has("RaspberryPi4")).isTrue();
        assertThat(report.resolve("summary.json")).exists();
        assertThat(Files.readString(report.resolve("report.html"))).contains("<svg", "Placement timeline");
    }

    @Test
    void theLiveViewShowsTheDesignComponentsLimitsAndWhereTheReportIs() {
        Path report = dir.resolve("live");
        CliTestSupport.Outcome outcome = CliTestSupport.run("run", example("mask-detection").toString(), "--lambda", "2",
                "--duration", "6", "--report", report.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("design (SPACE4AI-D): blurry-faces: RaspberryPi4; mask-detector: VM-t3xlarge",
                "mask-detector", " 0.4 ", "mean s", "requests in", "report: " + report.resolve("report.html"));
    }

    @Test
    void givingBothWorkloadsIsAUsageError() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("run", example("mask-detection").toString(), "--lambda", "2",
                "--load-profile", "x.csv");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("not both");
    }

    @Test
    void aBrokenLoadProfileNamesTheLineAndExitsOne() throws Exception {
        Path profile = Files.writeString(dir.resolve("p.csv"), "0,2\n10,lots\n");
        CliTestSupport.Outcome outcome = CliTestSupport.run("run", example("mask-detection").toString(), "--load-profile",
                profile.toString(), "--report", dir.resolve("r").toString());
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains("p.csv line 2");
    }

    @Test
    void aMissingApplicationIsUnreadable() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("run", dir.resolve("nothing").toString());
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void badOptionsAreRefusedBeforeTheRunStartsAndNameTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("README.md"), "not a folder");
        String app = example("mask-detection").toString();
        for (String[] bad : new String[][] {{"--lambda", "-1"}, {"--duration", "1e6"}, {"--time-scale", "1e-9"},
            {"--report", file.toString()}}) {
            CliTestSupport.Outcome outcome = CliTestSupport.run("run", app, bad[0], bad[1]);
            assertThat(outcome.exitCode()).as(String.join(" ", bad)).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).as(String.join(" ", bad)).contains(bad[0]).doesNotContain("load profile step");
            assertThat(outcome.out()).as("refused before the design and the run").doesNotContain("design (SPACE4AI-D)", "aisprint run ");
        }
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }
}
