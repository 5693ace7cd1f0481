package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.Problem;
import io.aisprint.model.SystemDescription;
import io.aisprint.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelled key in a SPACE4AI-D system or solution JSON is an error naming the file, the line
 * with the key's JSON pointer, and the key meant, instead of a setting silently left at its default.
 */
class JsonUnknownKeysTest {
    @TempDir
    Path dir;

    private static Path example(String name) {
        return Examples.require("placement").resolve(name);
    }

    @Test
    void aMisspelledEarlyExitProbabilityInAPartition() throws IOException {
        Path file = misspell(example("system_description.json"), "\"early_exit_probability\"", "\"early_exit_probabilty\"");

        ModelException e = systemFails(file);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.location()).isEqualTo("line " + lineOf(file, "early_exit_probabilty")
                    + " (/Components/frame-extractor/base/base/early_exit_probabilty)");
            assertThat(p.message()).contains("unknown key \"early_exit_probabilty\"", "expected one of next, data_size",
                    "Maybe you meant \"early_exit_probability\"?");
        });
    }

    @Test
    void aMisspelledLambdaAtTheTopIsAnErrorNotAMissingValueOnly() throws IOException {
        Path file = misspell(example("system_description.json"), "\"Lambda\"", "\"Lamda\"");

        ModelException e = systemFails(file);

        assertThat(e.problems()).extracting(Problem::message).anySatisfy(m ->
                assertThat(m).contains("unknown key \"Lamda\"", "Maybe you meant \"Lambda\"?"));
        assertThat(e.problems()).filteredOn(p -> p.message().contains("Lamda"))
                .singleElement().satisfies(p -> assertThat(p.location()).startsWith("line " + lineOf(file, "Lamda") + " "));
    }

    @Test
    void aMisspelledFaasDemandIsCheckedAgainstItsModelsKeys() throws IOException {
        Path file = misspell(example("system_description.json"), "\"demandWarm\"", "\"demandWram\"");

        ModelException e = systemFails(file);

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.location()).startsWith("line " + lineOf(file, "demandWram") + " (/Performance/");
            assertThat(p.message()).contains("unknown key \"demandWram\"", "expected one of model, demandWarm, demandCold",
                    "Maybe you meant \"demandWarm\"?");
        });
    }

    @Test
    void aMisspelledResourceKeyInAFirstGenerationFile() throws IOException {
        String system = """
                {"Components": {"c1": {"memory": 10}, "c2": {"memroy": 20}},
                 "EdgeResources": {"L1": {"pi": {"number": 1, "cost": 1.5, "memory": 100}}},
                 "CompatibilityMatrix": {"c1": ["pi"], "c2": ["pi"]},
                 "DemandMatrix": {"c1": {"pi": 0.2}, "c2": {"pi": 0.5}},
                 "Lambda": 0.5, "GlobalConstraints": {},
                 "NetworkTechnology": {"ND": {"computationallayers": ["L1"], "AccessDelay": 0.01, "Bandwidth": 100}},
                 "Time": 1}
                """;
        Path file = Files.writeString(dir.resolve("system.json"), system);
        Files.writeString(dir.resolve("DAG_Conf.txt"), "c1 c2 1\n");

        ModelException e = systemFails(file);

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.location()).isEqualTo("line 1 (/Components/c2/memroy)");
            assertThat(p.message()).contains("unknown key \"memroy\"", "Maybe you meant \"memory\"?");
        });
    }

    @Test
    void theKeysOfEveryFormatGenerationAreAccepted() {
        assertThat(SystemReaders.read(example("system_description.json")).application().components()).isNotEmpty();
        assertThat(SystemKeySchemas.SYSTEM.fixes("/Components/c/s/h", "early_exit_probability")).isTrue();
        assertThat(SystemKeySchemas.SYSTEM.fixes("/NetworkTechnology/ND", "computationalLayers")).isTrue();
        assertThat(SystemKeySchemas.SYSTEM.fixes("/NetworkTechnology/ND", "computationallayers")).isTrue();
        assertThat(SystemKeySchemas.FIRST_GENERATION_SYSTEM.fixes("/DataTransfer/c1", "data_size")).isTrue();
    }

    @Test
    void keysRealFilesCarryAndNoToolReadsAreAcceptedButNeverSuggested() throws IOException {
        Path legacy = misspell(example("system_description.json"), "\"Lambda\"", "\"LobalConstraints\" : {}, \"Lambda\"");
        assertThat(SystemJsonReader.read(legacy).application().components()).isNotEmpty();

        Path typo = misspell(example("system_description.json"), "\"GlobalConstraints\"", "\"lGobalConstraints\"");
        ModelException e = systemFails(typo);
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("Maybe you meant \"GlobalConstraints\"?").doesNotContain("LobalConstraints"));
    }

    @Test
    void aMisspelledResponseTimeOfAComponentInASolution() throws IOException {
        SystemDescription system = SystemReaders.read(example("system_description.json"));
        Path file = misspell(example("solution.json"), "\"response_time_threshold\"", "\"response_time_treshold\"");

        ModelException e = solutionFails(file, system);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.location()).isEqualTo("line " + lineOf(file, "response_time_treshold")
                    + " (/components/frame-extractor/response_time_treshold)");
            assertThat(p.message()).contains("unknown key \"response_time_treshold\"", "Maybe you meant \"response_time_threshold\"?");
        });
    }

    @Test
    void misspelledKeysOfResourcesPartitionsAndTheTopOfASolution() throws IOException {
        SystemDescription system = SystemReaders.read(example("solution.json").resolveSibling("system_description.json"));
        Path file = misspell(example("solution.json"), "\"number\"", "\"numbr\"");
        String text = Files.readString(file).replaceFirst("\"total_cost\"", "\"total_cots\"")
                .replaceFirst("\"response_time\" : 0\\.1019", "\"respons_time\" : 0.1019");
        Files.writeString(file, text);

        ModelException e = solutionFails(file, system);

        assertThat(e.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("unknown key \"numbr\"", "Maybe you meant \"number\"?"))
                .anySatisfy(m -> assertThat(m).contains("unknown key \"total_cots\"", "Maybe you meant \"total_cost\"?"))
                .anySatisfy(m -> assertThat(m).contains("unknown key \"respons_time\"", "Maybe you meant \"response_time\"?"));
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.location()).startsWith("line "));
    }

    @Test
    void anUntouchedSolutionStillReads() {
        SystemDescription system = SystemReaders.read(example("system_description.json"));
        Placement placement = SolutionJsonReader.read(example("solution.json"), system);
        assertThat(placement.components()).hasSize(system.application().components().size());
    }

    private Path misspell(Path source, String from, String to) throws IOException {
        String text = Files.readString(source);
        assertThat(text).contains(from);
        Path file = dir.resolve(source.getFileName());
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return file;
    }

    private static int lineOf(Path file, String key) {
        try {
            String[] lines = Files.readString(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("\"" + key + "\"")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(key + " not in " + file);
    }

    private static ModelException systemFails(Path file) {
        return (ModelException) assertThatThrownBy(() -> SystemJsonReader.read(file)).isInstanceOf(ModelException.class).actual();
    }

    private static ModelException solutionFails(Path file, SystemDescription system) {
        return (ModelException) assertThatThrownBy(() -> SolutionJsonReader.read(file, system))
                .isInstanceOf(ModelException.class).actual();
    }
}
