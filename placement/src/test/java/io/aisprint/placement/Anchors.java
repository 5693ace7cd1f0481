package io.aisprint.placement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Finds {@code ../shared/anchors} beside the repository; tests that need it skip when absent. */
final class Anchors {
    private Anchors() {
    }

    static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("anchors");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require() {
        Optional<Path> anchors = find();
        assumeTrue(anchors.isPresent(), "../shared/anchors is absent: reference-data tests skipped");
        return anchors.get();
    }

    /** The design-time instance folders ({@code Light/05c/ins01} ...) with their recomputed best-known costs. */
    static Map<String, Double> designTimeCosts(Path anchors) throws IOException {
        Map<String, Double> costs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(anchors.resolve("space4ai-d/README.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length > 10 && cells[1].trim().matches("(Light|Strict)/\\d\\dc/ins\\d\\d")) {
                costs.put(cells[1].trim(), Double.parseDouble(cells[9].trim()));
            }
        }
        return costs;
    }

    static Path instance(Path anchors, String name) {
        return anchors.resolve("space4ai-d/cpp_dt_general_workflows").resolve(name);
    }
}
