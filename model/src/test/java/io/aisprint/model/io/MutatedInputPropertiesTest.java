package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.testsupport.TestDirectories;
import io.aisprint.testsupport.Examples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aisprint.model.ModelException;
import io.aisprint.model.Problem;
import io.aisprint.model.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;

/**
 * Mutates valid inputs (drop a key, change a value's type, negate a number, break a name link,
 * misspell a key)
 * and checks the contract of the readers: they either read a system that validates, or throw a
 * {@link ModelException} whose every problem names the file, the place and what was expected;
 * never another exception.
 */
class MutatedInputPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> YAML_FILES = List.of(ApplicationDirectoryReader.DAG_FILE,
            ApplicationDirectoryReader.RESOURCES_FILE, ApplicationDirectoryReader.DEPLOYMENTS_FILE,
            ApplicationDirectoryReader.ANNOTATIONS_FILE, ApplicationDirectoryReader.PERFORMANCE_FILE);

    private static JsonNode exampleJson(boolean wind) {
        SystemDescription system = SystemReaders.read(Examples.require(wind ? "wind-turbine-inspection" : "mask-detection"));
        return SystemJsonWriter.toTree(system);
    }

    private static void assertReportedWell(ModelException e) {
        assertThat(e.problems()).isNotEmpty();
        for (Problem problem : e.problems()) {
            assertThat(problem.file()).as(problem.toString()).isNotBlank();
            assertThat(problem.location()).as(problem.toString()).isNotNull();
            assertThat(problem.message()).as(problem.toString()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void mutatedSystemJsonIsReadOrReportedNeverCrashes(@ForAll boolean wind, @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll JsonMutations.Kind kind) throws IOException {
        JsonNode tree = exampleJson(wind);
        List<JsonMutations.Slot> slots = JsonMutations.slots(tree);
        JsonMutations.Slot slot = slots.get(where % slots.size());
        Assume.that(JsonMutations.apply(slot, kind));
        Path file = Files.createTempFile("mutated", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(tree));
            try {
                SystemJsonReader.read(file);
            } catch (ModelException e) {
                assertReportedWell(e);
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.location()).satisfiesAnyOf(
                        l -> assertThat(l).isEmpty(), l -> assertThat(l).startsWith("/"), l -> assertThat(l).startsWith("line ")));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 150)
    void brokenNameLinksInSystemJsonAreReportedAtTheirPointer(@ForAll boolean wind,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll LinkBreak breakKind) throws IOException {
        ObjectNode tree = (ObjectNode) exampleJson(wind);
        String expectedPointerPrefix = breakKind.apply(tree, where);
        Path file = Files.createTempFile("broken", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(tree));
            ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> SystemJsonReader.read(file));
            assertReportedWell(e);
            assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID);
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.location()).startsWith(expectedPointerPrefix);
                assertThat(p.message()).containsAnyOf("unknown", "cycle", "not consecutive", "broken", "[0, 1]", "sum to");
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Ways to break the links between names; each returns the pointer prefix the problem must carry. */
    enum LinkBreak {
        UNKNOWN_RESOURCE_IN_COMPATIBILITY {
            @Override
            String apply(ObjectNode tree, int where) {
                List<JsonMutations.Slot> entries = JsonMutations.slots(tree.get("CompatibilityMatrix")).stream()
                        .filter(s -> "resource".equals(s.key())).toList();
                JsonMutations.Slot slot = entries.get(where % entries.size());
                ((ObjectNode) slot.parent()).put("resource", "no-such-resource");
                return "/CompatibilityMatrix";
            }
        },
        UNKNOWN_SUCCESSOR_IN_DAG {
            @Override
            String apply(ObjectNode tree, int where) {
                List<String> withSuccessors = names(tree.get("DirectedAcyclicGraph")).stream()
                        .filter(n -> tree.get("DirectedAcyclicGraph").get(n).get("next").size() > 0).toList();
                String node = withSuccessors.get(where % withSuccessors.size());
                ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("DirectedAcyclicGraph").get(node).get("next")).set(0,
                        com.fasterxml.jackson.databind.node.TextNode.valueOf("ghost-component"));
                return "/DirectedAcyclicGraph/" + node;
            }
        },
        CYCLE_IN_DAG {
            @Override
            String apply(ObjectNode tree, int where) {
                List<String> withSuccessors = names(tree.get("DirectedAcyclicGraph")).stream()
                        .filter(n -> tree.get("DirectedAcyclicGraph").get(n).get("next").size() > 0).toList();
                String node = withSuccessors.get(where % withSuccessors.size());
                JsonNode entry = tree.get("DirectedAcyclicGraph").get(node);
                String successor = entry.get("next").get(0).asText();
                ObjectNode back = (ObjectNode) tree.get("DirectedAcyclicGraph").get(successor);
                ((com.fasterxml.jackson.databind.node.ArrayNode) back.get("next")).add(node);
                ((com.fasterxml.jackson.databind.node.ArrayNode) back.get("transition_probability")).add(0.0);
                return "/DirectedAcyclicGraph";
            }
        },
        PROBABILITY_ABOVE_ONE {
            @Override
            String apply(ObjectNode tree, int where) {
                List<String> withSuccessors = names(tree.get("DirectedAcyclicGraph")).stream()
                        .filter(n -> tree.get("DirectedAcyclicGraph").get(n).get("next").size() > 0).toList();
                String node = withSuccessors.get(where % withSuccessors.size());
                ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("DirectedAcyclicGraph").get(node)
                        .get("transition_probability")).set(0, com.fasterxml.jackson.databind.node.DoubleNode.valueOf(1.5));
                return "/DirectedAcyclicGraph/" + node;
            }
        },
        PATH_NOT_CONSECUTIVE {
            @Override
            String apply(ObjectNode tree, int where) {
                List<String> paths = names(tree.get("GlobalConstraints"));
                String path = paths.get(where % paths.size());
                var components = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("GlobalConstraints").get(path).get("components");
                JsonNode first = components.get(0);
                components.remove(0);
                components.add(first);
                return "/GlobalConstraints/" + path;
            }
        },
        BROKEN_PARTITION_CHAIN {
            @Override
            String apply(ObjectNode tree, int where) {
                List<JsonMutations.Slot> lastPartitions = JsonMutations.slots(tree.get("Components")).stream()
                        .filter(s -> "next".equals(s.key()) && s.value().size() > 0).toList();
                JsonMutations.Slot slot = lastPartitions.get(where % lastPartitions.size());
                ((com.fasterxml.jackson.databind.node.ArrayNode) slot.value()).set(0,
                        com.fasterxml.jackson.databind.node.TextNode.valueOf("nowhere"));
                return "/Components";
            }
        };

        abstract String apply(ObjectNode tree, int where);

        private static List<String> names(JsonNode node) {
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    @Property(tries = 150)
    void mutatedApplicationDirectoryIsReadOrReportedWithLines(@ForAll @IntRange(min = 0, max = 4) int fileIndex,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll JsonMutations.Kind kind) throws IOException {
        Path source = Examples.require("mask-detection");
        Path app = Files.createTempDirectory("mutated-app");
        try {
            TestDirectories.copy(source, app);
            String relative = YAML_FILES.get(fileIndex);
            Path file = app.resolve(relative);
            JsonNode tree = YAML.readTree(file.toFile());
            List<JsonMutations.Slot> slots = JsonMutations.slots(tree);
            Assume.that(JsonMutations.apply(slots.get(where % slots.size()), kind));
            Files.writeString(file, YAML.writeValueAsString(tree));
            try {
                SystemReaders.read(app);
            } catch (ModelException e) {
                assertReportedWell(e);
                assertThat(e.problems()).allSatisfy(p -> {
                    assertThat(p.file()).startsWith(app.toString());
                    if (p.file().endsWith(".yaml") && !p.location().isEmpty()) {
                        assertThat(p.location()).as(p.toString()).startsWith("line ");
                    }
                });
            }
        } finally {
            TestDirectories.delete(app);
        }
    }

    @Property(tries = 120)
    void aMisspelledKeyIsReportedWithItsLineAndTheNearestKey(@ForAll @IntRange(min = 0, max = 4) int fileIndex,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll @IntRange(min = 0, max = 2) int typo) throws IOException {
        Path source = Examples.require("mask-detection");
        Path app = Files.createTempDirectory("misspelled-app");
        try {
            TestDirectories.copy(source, app);
            String relative = YAML_FILES.get(fileIndex);
            KeySchema schema = relative.equals(ApplicationDirectoryReader.ANNOTATIONS_FILE) ? ApplicationKeySchemas.ANNOTATIONS
                : ApplicationKeySchemas.BY_FILE.get(relative);
            Path file = app.resolve(relative);
            JsonNode tree = YAML.readTree(file.toFile());
            List<JsonMutations.Slot> keywordSlots = JsonMutations.slots(tree).stream()
                .filter(slot -> slot.key() != null && slot.key().length() > 3
                    && schema.fixes(slot.pointer().substring(0, slot.pointer().lastIndexOf('/')), slot.key())).toList();
            Assume.that(!keywordSlots.isEmpty());
            JsonMutations.Slot slot = keywordSlots.get(where % keywordSlots.size());
            String key = slot.key();
            String misspelled = misspell(key, typo);
            ObjectNode parent = (ObjectNode) slot.parent();
            JsonNode value = parent.remove(key);
            parent.set(misspelled, value);
            Files.writeString(file, YAML.writeValueAsString(tree));

            ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> SystemReaders.read(app));
            assertReportedWell(e);
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo(file.toString());
                assertThat(p.location()).startsWith("line ");
                assertThat(p.message()).contains("unknown key \"" + misspelled + "\"", "Maybe you meant");
            });
        } finally {
            TestDirectories.delete(app);
        }
    }

    /** Misspells a key the schema fixes at its place: drops the last letter, adds an "s", or swaps the first two. */
    private static String misspell(String key, int typo) {
        return switch (typo) {
            case 0 -> key.substring(0, key.length() - 1);
            case 1 -> key + "s";
            default -> key.charAt(1) + "" + key.charAt(0) + key.substring(2);
        };
    }

    @Property(tries = 150)
    void aMisspelledKeyInASystemJsonIsReportedWithItsLineAndTheNearestKey(@ForAll @IntRange(min = 0, max = 1) int format,
            @ForAll boolean wind, @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll @IntRange(min = 0, max = 2) int typo) throws IOException {
        JsonNode tree = format == 0 ? exampleJson(wind) : JSON.readTree(FIRST_GENERATION);
        KeySchema schema = format == 0 ? SystemKeySchemas.SYSTEM : SystemKeySchemas.FIRST_GENERATION_SYSTEM;
        List<JsonMutations.Slot> keywordSlots = JsonMutations.slots(tree).stream()
            .filter(slot -> slot.key() != null && slot.key().length() > 3
                && schema.fixes(slot.pointer().substring(0, slot.pointer().lastIndexOf('/')), slot.key())).toList();
        JsonMutations.Slot slot = keywordSlots.get(where % keywordSlots.size());
        String misspelled = misspell(slot.key(), typo);
        Assume.that(!schema.fixes(slot.pointer().substring(0, slot.pointer().lastIndexOf('/')), misspelled));
        ObjectNode parent = (ObjectNode) slot.parent();
        parent.set(misspelled, parent.remove(slot.key()));
        Path directory = Files.createTempDirectory("misspelled-system");
        try {
            Path file = Files.writeString(directory.resolve("system.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            Files.writeString(directory.resolve("DAG_Conf.txt"), "c1 c2 0.9\nc2 c3 1\n");
            ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> SystemJsonReader.read(file));
            assertMisspellingReported(e, file, misspelled, slot.key());
        } finally {
            TestDirectories.delete(directory);
        }
    }

    /** The keys of a solution's fixed levels; the others are the system's own names. */
    private static final java.util.Set<String> SOLUTION_KEYS = java.util.Set.of("Lambda", "components", "global_constraints",
        "total_cost", "feasible", "response_time", "response_time_threshold", "description", "cost", "memory", "number",
        "idle_time_before_kill", "transition_cost", "path_response_time", "path_response_time_threshold");

    @Property(tries = 100)
    void aMisspelledKeyInASolutionIsReportedWithItsLineAndTheNearestKey(@ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll @IntRange(min = 0, max = 2) int typo) throws IOException {
        Path examples = Examples.require("placement");
        SystemDescription system = SystemReaders.read(examples.resolve("system_description.json"));
        JsonNode tree = JSON.readTree(examples.resolve("solution.json").toFile());
        List<JsonMutations.Slot> keywordSlots = JsonMutations.slots(tree).stream()
            .filter(slot -> slot.key() != null && SOLUTION_KEYS.contains(slot.key())).toList();
        JsonMutations.Slot slot = keywordSlots.get(where % keywordSlots.size());
        String misspelled = misspell(slot.key(), typo);
        Assume.that(!SOLUTION_KEYS.contains(misspelled));
        ObjectNode parent = (ObjectNode) slot.parent();
        parent.set(misspelled, parent.remove(slot.key()));
        Path file = Files.createTempFile("misspelled-solution", ".json");
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class,
                () -> SolutionJsonReader.read(file, system));
            assertMisspellingReported(e, file, misspelled, slot.key());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One of the problems names the file, the misspelled key's line and pointer, and the key meant. */
    private static void assertMisspellingReported(ModelException e, Path file, String misspelled, String meant) throws IOException {
        assertReportedWell(e);
        int line = lineOf(Files.readString(file), misspelled);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.location()).startsWith("line " + line + " (").endsWith("/" + misspelled + ")");
            assertThat(p.message()).contains("unknown key \"" + misspelled + "\"", "Maybe you meant \"" + meant + "\"");
        });
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("\"" + key + "\"")) {
                return i + 1;
            }
        }
        return -1;
    }

    /** A small format-G1 system (flat components, DemandMatrix, DataTransfer) with its DAG in a separate file. */
    private static final String FIRST_GENERATION = """
            {"Components": {"c1": {"memory": 10}, "c2": {"memory": 20}, "c3": {"memory": 5}},
             "EdgeResources": {"L1": {"pi": {"number": 1, "cost": 1.5, "memory": 100}}},
             "CloudResources": {"L2": {"vm": {"number": 2, "cost": 0.5, "memory": 1000}}},
             "FaaSResources": {"L3": {"fn": {"cost": 0.001, "memory": 512, "idle_time_before_kill": 600}}, "transition_cost": 0},
             "CompatibilityMatrix": {"c1": ["pi"], "c2": ["pi", "vm"], "c3": ["fn"]},
             "DemandMatrix": {"c1": {"pi": 0.2}, "c2": {"pi": 0.5, "vm": 0.1}, "c3": {"fn": [0.3, 1.2]}},
             "DataTransfer": {"c1": {"next": ["c2"], "data_size": [3]}, "c2": {"next": ["c3"], "data_size": [1]}},
             "Lambda": 0.5, "LocalConstraints": {"c3": {"local_res_time": 5}},
             "GlobalConstraints": {"p1": {"components": ["c1", "c2"], "global_res_time": 4}},
             "NetworkTechnology": {"ND": {"computationallayers": ["L1", "L2", "L3"], "AccessDelay": 0.01, "Bandwidth": 100}},
             "Time": 1}
            """;

    @Property(tries = 200)
    void mutatedFirstGenerationSystemsAndDagFilesAreReadOrReported(@ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll JsonMutations.Kind kind, @ForAll @IntRange(min = 0, max = 6) int dagDamage) throws IOException {
        JsonNode tree = JSON.readTree(FIRST_GENERATION);
        List<JsonMutations.Slot> slots = JsonMutations.slots(tree);
        Assume.that(JsonMutations.apply(slots.get(where % slots.size()), kind));
        String dag = switch (dagDamage) {
            case 0 -> "c1 c2 0.9\nc2 c3 1\n";
            case 1 -> "c1 c2\nc2 c3 1\n";
            case 2 -> "c1 c2 high\nc2 c3 1\n";
            case 3 -> "c1 c2 0.9\nc2 c1 1\n";
            case 4 -> "c1 c2 0.9\nc2 ghost 1\n";
            case 5 -> "";
            default -> "# only a comment\n\n   c1   c2   1.5  # too likely\nc2 c3 1\n";
        };
        Path directory = Files.createTempDirectory("first-generation");
        try {
            Path file = Files.writeString(directory.resolve("system.json"), JSON.writeValueAsString(tree));
            Path dagFile = Files.writeString(directory.resolve("DAG_Conf.txt"), dag);
            try {
                SystemJsonReader.read(file);
                assertThat(dagDamage).as("a damaged DAG file is never accepted").isIn(0, 5);
            } catch (ModelException e) {
                assertReportedWell(e);
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isIn(file.toString(), dagFile.toString()));
                if ((dagDamage == 1 || dagDamage == 2) && stillFirstGeneration(tree)) {
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.file()).isEqualTo(dagFile.toString());
                        assertThat(p.location()).isEqualTo("line 1");
                    });
                }
            }
        } finally {
            TestDirectories.delete(directory);
        }
    }

    /** Whether the mutated tree is still read as format G1 (so that the DAG file is read at all). */
    private static boolean stillFirstGeneration(JsonNode tree) {
        JsonNode compatibility = tree.get("CompatibilityMatrix");
        if (compatibility == null || !compatibility.isObject() || compatibility.isEmpty() || tree.has("DirectedAcyclicGraph")) {
            return false;
        }
        for (JsonNode value : compatibility) {
            if (!value.isArray()) {
                return false;
            }
        }
        return true;
    }

    private static final String MAIN_PY = """
            from aisprint.annotations import annotation

            @annotation({'component_name': {'name': 'blurry-faces'},
                         'exec_time': {'local_time_thr': 0.5, 'global_time_thr': 1e1, 'prev_components': []},
                         "expected_throughput": {"rate": 2}, 'security': {'trustedExecution': False, 'x': None}})
            def main(args):
                return '''text'''
            """;

    @Property(tries = 300)
    void damagedMainPyIsReadOrReportedNeverCrashes(@ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll @IntRange(min = 0, max = 2) int edit,
            @ForAll @Chars({'\n', '(', ')', '{', '}', '[', ']', '\'', '"', '#', '@', ':', ',', '=', '-', '.', '\\', ' '})
            @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9') char inserted) throws IOException {
        int at = where % MAIN_PY.length();
        String damaged = switch (edit) {
            case 0 -> MAIN_PY.substring(0, at) + MAIN_PY.substring(at + 1);
            case 1 -> MAIN_PY.substring(0, at) + inserted + MAIN_PY.substring(at);
            default -> MAIN_PY.substring(0, at);
        };
        Path file = Files.createTempFile("main", ".py");
        try {
            Files.writeString(file, damaged);
            try {
                PythonAnnotations.read(file, "src/blurry-faces/main.py");
            } catch (ModelException e) {
                assertReportedWell(e);
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.location()).satisfiesAnyOf(
                        l -> assertThat(l).isEmpty(), l -> assertThat(l).matches("line \\d+")));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
