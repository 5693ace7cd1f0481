package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    /** The examples folder at the repository root (tests run in cli/). */
    static Path example(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    static Path copy(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
        return target;
    }

    @Test
    void validExampleGivesASummaryAndExitCodeZero() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("validate", example("mask-detection").toString());
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("valid", "2 components", "3 deployments", "4 partitions",
                "2 edge devices", "2 VM types", "2 local", "1 global", "λ = 2 req/s",
                "10 of 10");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void windTurbineExampleIsValid() throws IOException {
        CliTestSupport.Outcome outcome = CliTestSupport.run("validate", example("wind-turbine-inspection").toString(), "--json");
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.at("/summary/components").asInt()).isEqualTo(6);
        assertThat(json.at("/summary/resources/faas").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/resources/edge").asInt()).isEqualTo(3);
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void brokenApplicationListsEveryProblemWithFileAndLine(@TempDir Path temp) throws IOException {
        Path app = copy(example("mask-detection"), temp.resolve("app"));
        Path dag = app.resolve("common_config/application_dag.yaml");
        Files.writeString(dag, Files.readString(dag).replace("['blurry-faces', 'mask-detector', 1]",
                "['blurry-faces', 'mask-detector', 1.5], ['mask-detector', 'blurry-faces', 0.5]"));
        Path resources = app.resolve("common_config/candidate_resources.yaml");
        Files.writeString(resources, Files.readString(resources).replace("cost: 0.1664", "cost: -1"));

        CliTestSupport.Outcome outcome = CliTestSupport.run("validate", app.toString(), "--json");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID);
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("problems")).hasSizeGreaterThanOrEqualTo(3);
        String all = json.get("problems").toString();
        assertThat(all).contains("cycle", "expected a value in [0, 1]", "cost -1.0", "application_dag.yaml",
                "candidate_resources.yaml", "line ");

        CliTestSupport.Outcome text = CliTestSupport.run("validate", app.toString());
        assertThat(text.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(text.err()).contains("invalid", "problems:", "line ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void unreadableInputsExitWithTwo(@TempDir Path temp) throws IOException {
        CliTestSupport.Outcome missing = CliTestSupport.run("validate", temp.resolve("nothing-here").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no such file or directory");

        Path badJson = Files.writeString(temp.resolve("system.json"), "{\"Components\": [1, 2,}");
        CliTestSupport.Outcome syntax = CliTestSupport.run("validate", badJson.toString());
        assertThat(syntax.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(syntax.err()).contains("line 1", "not valid JSON").doesNotContain("\tat ");

        CliTestSupport.Outcome usage = CliTestSupport.run("validate");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpExplainsInputsAndExitCodes() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("validate", "--help");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("application directory", "SPACE4AI-D", "Exit codes");
    }

    @Test
    void formatOneSystemTakesItsDagFromTheGivenFile(@TempDir Path temp) throws IOException {
        Path system = Files.writeString(temp.resolve("system.json"), """
                {"Components": {"c1": {"memory": 10}, "c2": {"memory": 20}},  # format G1, with a comment
                 "EdgeResources": {"L1": {"pi": {"number": 1, "cost": 1.5, "memory": 100}}},
                 "CloudResources": {"L2": {"vm": {"number": 2, "cost": 0.5, "memory": 1000}}},
                 "CompatibilityMatrix": {"c1": ["pi"], "c2": ["pi", "vm"]},
                 "DemandMatrix": {"c1": {"pi": 0.2}, "c2": {"pi": 0.5, "vm": 0.1}},
                 "DataTransfer": {"c1": {"next": ["c2"], "data_size": [3]}},
                 "Lambda": 0.5, "LocalConstraints": {}, "GlobalConstraints": {},
                 "NetworkTechnology": {"ND": {"computationallayers": ["L1", "L2"], "AccessDelay": 0.01, "Bandwidth": 100}},
                 "Time": 1}
                """);
        CliTestSupport.Outcome withoutDag = CliTestSupport.run("validate", system.toString());
        assertThat(withoutDag.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(withoutDag.err()).contains("DAG_Conf.txt");

        Path dag = Files.writeString(temp.resolve("dag.txt"), "# from to probability\nc1 c2 0.8\n");
        CliTestSupport.Outcome withDag = CliTestSupport.run("validate", system.toString(), "--dag", dag.toString());
        assertThat(withDag.exitCode()).as(withDag.err()).isEqualTo(ExitCodes.OK);
        assertThat(withDag.out()).contains("2 components", "1 transitions", "3 of 3");
    }

    @Test
    void aSolutionFileIsRecognisedForWhatItIs(@TempDir Path temp) throws IOException {
        Path solution = Files.writeString(temp.resolve("best_sol.json"),
                "{\"Lambda\": 1.8, \"components\": {}, \"total_cost\": 3.1, \"feasible\": true}");
        CliTestSupport.Outcome outcome = CliTestSupport.run("validate", solution.toString());
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains("solution (placement) file, not a system description").contains("1 problem");
    }

    @Test
    void anAppWithoutPerformanceDataIsValidButSaysDesignIsNotReadyAndHow(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path app = io.aisprint.testsupport.TestDirectories.copy(io.aisprint.testsupport.Examples.require("mask-detection"), dir.resolve("app"),
            file -> !file.getFileName().toString().equals("performance.yaml"));
        CliTestSupport.Outcome outcome = CliTestSupport.run("validate", app.toString());
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("valid", "design        NOT READY: 10 of 10", "blurry-faces/base on RaspberryPi4",
            "aisprint profile", "performance.yaml");
        CliTestSupport.Outcome design = CliTestSupport.run("design", app.toString());
        assertThat(design.exitCode()).isNotEqualTo(ExitCodes.OK);
        assertThat(design.err()).contains("no performance model", "aisprint validate");

        CliTestSupport.Outcome ready = CliTestSupport.run("validate", io.aisprint.testsupport.Examples.require("mask-detection").toString());
        assertThat(ready.out()).contains("design        ready");
    }
}
