package io.aisprint.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds shared/anchors/gpu-scheduler next to the repository (tests skip when it is absent). */
final class Anchors {
    private Anchors() {
    }

    static Path gpuScheduler() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("shared/anchors/gpu-scheduler");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = directory.resolveSibling("shared").resolve("anchors/gpu-scheduler");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
            directory = directory.getParent();
        }
        assumeTrue(false, "shared/anchors/gpu-scheduler not found next to the repository; anchor tests skipped");
        return null;
    }

    static Path data() {
        return gpuScheduler().resolve("data");
    }
}
