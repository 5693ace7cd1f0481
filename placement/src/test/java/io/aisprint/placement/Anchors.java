package io.aisprint.placement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The SPACE4AI-D anchor instances and their best-known costs (the folder itself is found by test-support). */
final class Anchors {
    private Anchors() {
    }

    static Optional<Path> find() {
        return io.aisprint.testsupport.Anchors.find();
    }

    static Path require() {
        return io.aisprint.testsupport.Anchors.require();
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
