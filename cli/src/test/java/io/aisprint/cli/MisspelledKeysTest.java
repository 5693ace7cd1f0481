package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: a misspelled key used to leave a setting at its default while the command went on.
 * Now validate, evaluate, run and gpu schedule refuse the file with exit 1 and name the file, the
 * line, the key and the key meant.
 */
class MisspelledKeysTest {
    @TempDir
    Path dir;

    private static Path placementExample(String name) {
        return Examples.repositoryRoot().resolve("examples/placement").resolve(name);
    }

    private Path misspelled(Path source, String from, String to) throws IOException {
        String text = Files.readString(source);
        assertThat(text).contains(from);
        return Files.writeString(dir.resolve(source.getFileName()), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void validateRefusesASystemJsonWithAMisspelledKey() throws IOException {
        Path system = misspelled(placementExample("system_description.json"), "\"local_res_time\"", "\"local_res_tim\"");

        CliTestSupport.Outcome outcome = CliTestSupport.run("validate", system.toString(), "--json");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.INVALID);
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("problems").toString()).contains("system_description.json", "line ", "/LocalConstraints/",
                "unknown key \\\"local_res_tim\\\"", "Maybe you meant \\\"local_res_time\\\"?");
    }

    @Test
    void evaluateRefusesASolutionWithAMisspelledKey() throws IOException {
        Path solution = misspelled(placementExample("solution.json"), "\"total_cost\"", "\"total_cots\"");

        CliTestSupport.Outcome outcome = CliTestSupport.run("evaluate", placementExample("system_description.json").toString(),
                solution.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains("solution.json line ", "(/total_cots)", "unknown key \"total_cots\"",
                "Maybe you meant \"total_cost\"?");
    }

    @Test
    void runRefusesALoadProfileWithAMisspelledColumnBeforeItStarts() throws IOException {
        Path profile = Files.writeString(dir.resolve("profile.csv"), "time_s,lamda\n0,2\n");

        CliTestSupport.Outcome outcome = CliTestSupport.run("run", Examples.require("mask-detection").toString(),
                "--load-profile", profile.toString(), "--report", dir.resolve("report").toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains("profile.csv line 1", "unknown key \"lamda\"", "Maybe you meant \"lambda\"?");
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void gpuScheduleRefusesARequestWithAMisspelledKey() throws IOException {
        Path request = misspelled(Examples.repositoryRoot().resolve("examples/gpu/schedule-request.json"), "\"total_nGPUs\"",
                "\"totl_nGPUs\"");

        CliTestSupport.Outcome outcome = CliTestSupport.run("gpu", "schedule", "--request", request.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains("schedule-request.json line ", "(/nodes/gpu-node-1/totl_nGPUs)",
                "unknown key \"totl_nGPUs\"", "Maybe you meant \"total_nGPUs\"?").doesNotContain("Exception");
        assertThat(new ObjectMapper().readTree(outcome.out()).get("ERROR CODE").asInt()).isEqualTo(io.aisprint.gpu.ErrorCode.INVALID_INPUT.number());
    }
}
