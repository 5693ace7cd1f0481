package io.aisprint.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.testsupport.Anchors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SPACE4AI-D solution file among the anchors (C++, SPACE4AI-R, Python and studio outputs)
 * is read with its system, so the solution reader's key check rejects none of the real layouts.
 */
class AnchorSolutionFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsEverySolutionFileWithItsSystem() throws IOException {
        Path root = Anchors.require("space4ai-d");
        List<Path> solutions;
        try (Stream<Path> walk = Files.walk(root)) {
            solutions = walk.filter(AnchorSolutionFilesTest::isSolution).sorted().toList();
        }
        List<String> read = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path solution : solutions) {
            Optional<String> failure = readWithItsSystem(root, solution);
            if (failure.isPresent()) {
                failures.add(root.relativize(solution) + ": " + failure.get());
            } else {
                read.add(root.relativize(solution).toString());
            }
        }
        assertThat(failures).isEmpty();
        // 80 design-time solutions, 6 running-example ones, 9 C++/SPACE4AI-R tests, 3 use-case scenarios,
        // 2 Python outputs and the studio's Output.json
        assertThat(read).hasSize(101)
                .anyMatch(f -> f.startsWith("python_space4aid/Output_Files/"))
                .anyMatch(f -> f.endsWith("space4ai-d/Output.json"))
                .anyMatch(f -> f.endsWith("DTbest_sol.json"));
    }

    /** A solution has {@code components} (lower case) at the top; a system has {@code Components}. */
    private static boolean isSolution(Path file) {
        if (!file.toString().endsWith(".json")) {
            return false;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return root != null && root.has("components") && root.get("components").isObject() && !root.has("Components");
        } catch (IOException e) {
            return false;
        }
    }

    /** Empty when the solution reads with the system it belongs to; else why not. */
    private static Optional<String> readWithItsSystem(Path root, Path solution) {
        List<Path> systems = systemsFor(root, solution);
        if (systems.isEmpty()) {
            return Optional.of("no system file found for it");
        }
        List<String> problems = new ArrayList<>();
        for (Path systemFile : systems) {
            try {
                SystemDescription system = SystemJsonReader.read(systemFile);
                Placement placement = SolutionJsonReader.read(solution, system);
                assertThat(placement.components()).as(solution.toString()).isNotEmpty();
                return Optional.empty();
            } catch (ModelException e) {
                problems.add(root.relativize(systemFile) + " -> " + e.getMessage());
            }
        }
        return Optional.of(String.join("; ", problems));
    }

    /**
     * The system a solution was computed for: the sibling system file, {@code SystemConfigs/X.json}
     * for {@code DTSolutions/Sol_X.json}, or (Python outputs, named by λ only) every system of the
     * Python tool, of which the right one must read it.
     */
    private static List<Path> systemsFor(Path root, Path solution) {
        String name = solution.getFileName().toString();
        Path folder = solution.getParent();
        if (name.startsWith("Sol_")) {
            return List.of(folder.resolveSibling("SystemConfigs").resolve(name.substring("Sol_".length())));
        }
        if (name.equals("Output.json")) {
            return List.of(folder.resolve("SystemFile.json"));
        }
        if (Files.isRegularFile(folder.resolve("system_description.json"))) {
            return List.of(folder.resolve("system_description.json"));
        }
        try (Stream<Path> python = Files.list(root.resolve("python_space4aid/Temp_files"))) {
            return python.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
