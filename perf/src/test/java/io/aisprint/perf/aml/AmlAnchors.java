package io.aisprint.perf.aml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The aMLLibrary anchors ({@code ../shared/anchors/amllib}); tests that need them skip without. */
final class AmlAnchors {
    private AmlAnchors() {
    }

    static Path require() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("anchors").resolve("amllib");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "../shared/anchors/amllib is absent: aMLLibrary reference tests skipped");
        return null;
    }

    /** Writes a campaign file into {@code dir} whose input_path points at an anchor data file. */
    static Path campaign(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
