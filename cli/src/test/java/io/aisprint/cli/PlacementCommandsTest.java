package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementCommandsTest {
    private static Path system() {
        try {
            return Path.of(PlacementCommandsTest.class.getResource("/placement/inspection-system.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void designPrintsThePlacementTableAndWritesBothFiles(@TempDir Path out) throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("design", system().toString(), "--time-limit", "2",
                "--threads", "1", "--out", out.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("capture", "Camera×1", "detect", "VMgpu×1", "report", "F1024",
                "alarm", "total cost 3.509600", "proved optimal");
        assertThat(out.resolve("solution.json")).exists();
        assertThat(Files.readString(out.resolve("production_deployment.yaml"))).contains("selectedExecutionResource: VMgpu");

        CliTestSupport.Outcome evaluated = CliTestSupport.run("evaluate", system().toString(),
                out.resolve("solution.json").toString(), "--json");
        assertThat(evaluated.exitCode()).as(evaluated.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(evaluated.out());
        assertThat(json.get("feasible").asBoolean()).isTrue();
        assertThat(json.get("total_cost").asDouble()).isEqualTo(3.5096, org.assertj.core.api.Assertions.within(1e-9));

        CliTestSupport.Outcome load = CliTestSupport.run("evaluate", system().toString(),
                out.resolve("solution.json").toString(), "--max-load");
        assertThat(load.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(load.out()).containsPattern("maximum sustainable λ \\(clusters at their largest\\): \\d+\\.\\d{4} req/s");
    }

    @Test
    void designJsonCarriesTheContractFields() throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("design", system().toString(), "--method", "ls",
                "--iterations", "400", "--seed", "3", "--threads", "1", "--json", "--lambda", "4");
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(json.get("feasible").asBoolean()).isTrue();
        assertThat(json.get("lambda").asDouble()).isEqualTo(4.0);
        assertThat(json.get("total_cost").asDouble()).isPositive();
        assertThat(json.get("components")).hasSize(3);
        assertThat(json.get("global_constraints").get(0).get("name").asText()).isEqualTo("alarm");
        assertThat(json.get("proved_optimal").asBoolean()).isFalse();
        assertThat(json.has("elapsed_s")).isTrue();
    }

    @Test
    void maxLoadIsPrinted() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("design", system().toString(), "--max-load", "--time-limit", "1",
                "--threads", "1");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).containsPattern("maximum sustainable λ .*: \\d+\\.\\d{4} req/s");
    }

    @Test
    void infeasibleDesignExplainsWhyAndExitsOne(@TempDir Path out) throws Exception {
        CliTestSupport.Outcome outcome = CliTestSupport.run("design", system().toString(), "--lambda", "30",
                "--time-limit", "1", "--threads", "1", "--out", out.toString());
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.out()).contains("INFEASIBLE", "partition capture/h1 fits on no resource");
        JsonNode solution = new ObjectMapper().readTree(out.resolve("solution.json").toFile());
        assertThat(solution.get("feasible").asBoolean()).isFalse();
        assertThat(solution.get("Lambda").asDouble()).isEqualTo(30.0);
    }

    @Test
    void unreadableInputAndBadOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        CliTestSupport.Outcome missing = CliTestSupport.run("design", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("nope.json", "no such file").doesNotContain("\tat ");

        CliTestSupport.Outcome method = CliTestSupport.run("design", system().toString(), "--method", "magic");
        assertThat(method.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(method.err()).contains("unknown search method 'magic'");

        Path broken = dir.resolve("solution.json");
        Files.writeString(broken, "{\"components\": {\"capture\": {\"s7\": {}}}}");
        CliTestSupport.Outcome evaluate = CliTestSupport.run("evaluate", system().toString(), broken.toString());
        assertThat(evaluate.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(evaluate.err()).contains("solution.json", "/components/capture");
    }

    @Test
    void helpTeaches() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("design", "--help");
        assertThat(outcome.out()).contains("--max-load", "--method", "branch and bound", "Exit codes");
    }

    @Test
    void theShippedSystemJsonAndSolutionEvaluateToTheDesignedCost() throws Exception {
        Path examples = io.aisprint.testsupport.Examples.repositoryRoot().resolve("examples/placement");
        CliTestSupport.Outcome evaluated = CliTestSupport.run("evaluate", examples.resolve("system_description.json").toString(),
            examples.resolve("solution.json").toString(), "--json");
        assertThat(evaluated.exitCode()).as(evaluated.err()).isEqualTo(ExitCodes.OK);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(evaluated.out());
        CliTestSupport.Outcome designed = CliTestSupport.run("design", examples.resolve("system_description.json").toString(),
            "--json", "--time-limit", "5");
        assertThat(designed.exitCode()).as(designed.err()).isEqualTo(ExitCodes.OK);
        double designedCost = new com.fasterxml.jackson.databind.ObjectMapper().readTree(designed.out()).get("total_cost").asDouble();
        assertThat(json.get("total_cost").asDouble()).as("the shipped solution is the optimum the designer proves")
            .isCloseTo(designedCost, org.assertj.core.data.Offset.offset(1e-6));
    }
}
